// Wires the playground together: state -> policy slots, request form, result and batch views;
// every change re-evaluates (debounced) and rewrites the URL so the address is a share link.
import {
  conditionKeysOf,
  evaluate,
  parsePolicy,
  type EvaluationOutcome,
  type EvaluationRequest,
  type Policy,
  type PolicySet,
} from "@iamspec/core";
import { createBatchView } from "./batch-view.js";
import { parseContextValue } from "./context-value.js";
import { download, h } from "./dom.js";
import { readRequestFile, requestFileOf } from "./request-file.js";
import { arrangeLevels, draftIndexOf, layoutLevels, type LevelLayout } from "./policy-levels.js";
import { createSlotsView, draftOf } from "./policy-slots.js";
import { loadBundledPolicy, loadCatalog, loadSamplePolicy } from "./policy-source.js";
import { createRequestForm } from "./request-form.js";
import { renderResult, type StatementRef } from "./result-view.js";
import { conditionKeyType, loadServiceData } from "./service-data.js";
import { decodeState, encodeState, type DecodedState } from "./share.js";
import {
  SAMPLE_POLICY,
  SAMPLE_REQUEST,
  SLOT_TYPES,
  emptyPolicies,
  type AppState,
  type SlotType,
} from "./state.js";
import { offsetOf, valueRangeAt } from "./text-positions.js";

export async function startApp(root: HTMLElement): Promise<void> {
  const state: AppState = {
    policies: emptyPolicies(),
    resourcePoliciesKnown: false,
    request: { ...SAMPLE_REQUEST, context: [] },
    batch: "",
  };
  let lastOutcome: EvaluationOutcome | undefined;
  let evaluateTimer: ReturnType<typeof setTimeout> | undefined;

  const bannerText = h("span", {});
  const banner = h(
    "div",
    { class: "banner", role: "alert" },
    bannerText,
    h(
      "button",
      { type: "button", class: "secondary small", onclick: () => (banner.hidden = true) },
      "Dismiss",
    ),
  );
  banner.hidden = true;
  const showError = (message: string) => {
    bannerText.textContent = message;
    banner.hidden = false;
  };

  let urlTimer: ReturnType<typeof setTimeout> | undefined;
  // Compressing a large pasted policy on every keystroke would make typing lag.
  const scheduleUrl = () => {
    clearTimeout(urlTimer);
    urlTimer = setTimeout(writeUrl, 300);
  };
  const onChange = () => {
    scheduleUrl();
    clearTimeout(evaluateTimer);
    evaluateTimer = setTimeout(evaluateNow, 200);
  };

  const slots = createSlotsView(
    state,
    () => {
      onChange();
      form.refreshSuggestions();
    },
    showError,
  );
  const form = createRequestForm(state, {
    onChange,
    onEvaluate: () => {
      clearTimeout(evaluateTimer);
      evaluateNow();
    },
    policyActions: () =>
      parsedPolicies().flatMap((p) => p.statements.flatMap((s) => s.action?.patterns ?? [])),
    contextKeys: () => conditionKeysOf(parsedPolicies(), conditionKeyType),
    wantServiceData: () => void withServiceData(),
    exportRequest: () =>
      download(
        "iamspec-request.json",
        `${JSON.stringify(requestFileOf(state, pagePoliciesForFile()), null, 2)}\n`,
      ),
    importRequest: (text) => {
      try {
        const imported = readRequestFile(text);
        banner.hidden = true;
        void applyState({ ...imported, batch: state.batch }).then(writeUrl);
      } catch (error) {
        showError(`Import request: ${(error as Error).message}`);
      }
    },
  });
  const result = h("section", { class: "result", "aria-labelledby": "result-heading" });
  const resultBody = h("div", { class: "result-body", "aria-live": "polite" });
  result.append(h("h2", { id: "result-heading" }, "Result"), resultBody);
  const batch = createBatchView(state, {
    pagePolicies,
    pagePoliciesForFile,
    currentCase: () => {
      if (!lastOutcome || "error" in lastOutcome) return undefined;
      const { policies: _omit, ...request } = buildRequest();
      return { ...request, expected: lastOutcome.decision };
    },
    onChange: scheduleUrl,
  });

  const shareButton = h(
    "button",
    { type: "button", class: "secondary", onclick: copyShareLink },
    "Copy share link",
  );
  const shareStatus = h("span", { class: "share-status", role: "status" });
  root.replaceChildren(
    h(
      "header",
      { class: "top" },
      h(
        "div",
        { class: "brand" },
        h("h1", {}, "iamspec playground"),
        h(
          "p",
          { class: "tagline" },
          "Would this AWS request be allowed, and why? Evaluated in your browser with @iamspec/core.",
        ),
      ),
      h(
        "div",
        { class: "top-actions" },
        shareButton,
        shareStatus,
        h(
          "button",
          { type: "button", class: "secondary", onclick: () => void resetToSample() },
          "Reset to sample",
        ),
      ),
    ),
    banner,
    h("main", { class: "layout" }, slots.root, h("div", { class: "side" }, form.root, result)),
    batch.root,
  );

  // ------------------------------------------------------------------ policies and evaluation
  const parseCache = new Map<string, Policy | undefined>();
  function parsedPolicies(): Policy[] {
    const policies: Policy[] = [];
    for (const slot of SLOT_TYPES) {
      for (const draft of state.policies[slot]) {
        if (!parseCache.has(draft.text)) {
          if (parseCache.size > 50) parseCache.clear();
          let parsed: Policy | undefined;
          try {
            const r = parsePolicy(draft.text);
            parsed = r.ok ? r.policy : undefined;
          } catch {
            parsed = undefined;
          }
          parseCache.set(draft.text, parsed);
        }
        const policy = parseCache.get(draft.text);
        if (policy) policies.push(policy);
      }
    }
    return policies;
  }

  function pagePolicies(): PolicySet {
    const set: { -readonly [K in keyof PolicySet]: PolicySet[K] } = {};
    for (const slot of SLOT_TYPES) {
      const drafts = state.policies[slot];
      if (drafts.length === 0 && !(slot === "resource" && state.resourcePoliciesKnown)) continue;
      const entries = drafts.map((d, i) => ({
        name: d.name ?? `${slot} policy ${i + 1}`,
        document: d.text,
      }));
      if (slot === "scp" || slot === "rcp") set[slot] = arrangeLevels(layoutOf(slot), entries);
      else set[slot] = entries;
    }
    return set;
  }

  function layoutOf(slot: SlotType): LevelLayout {
    return layoutLevels(state.policies[slot].map((d) => d.level));
  }

  /** The slot index of the policy a result refers to (SCP/RCP results count within a level). */
  function draftIndex(ref: {
    policyType: string;
    policyIndex: number;
    level?: number | undefined;
  }): number | undefined {
    const slot = ref.policyType as SlotType;
    if (slot !== "scp" && slot !== "rcp") return ref.policyIndex;
    return draftIndexOf(layoutOf(slot), ref.level, ref.policyIndex);
  }

  function pagePoliciesForFile(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const slot of SLOT_TYPES) {
      const drafts = state.policies[slot];
      if (drafts.length === 0 && !(slot === "resource" && state.resourcePoliciesKnown)) continue;
      const entries = drafts.map((d): unknown => {
        if (d.bundled !== undefined) return d.bundled;
        try {
          return JSON.parse(d.text) as unknown;
        } catch {
          return d.text;
        }
      });
      out[slot] =
        slot === "scp" || slot === "rcp" ? arrangeLevels(layoutOf(slot), entries) : entries;
    }
    return out;
  }

  function buildRequest(): EvaluationRequest {
    const { principal, action, resource, context } = state.request;
    const request: EvaluationRequest = { action, policies: pagePolicies() };
    if (principal) request.principal = principal;
    if (resource) request.resource = resource;
    const entries = context.filter((row) => row.key.trim() !== "");
    if (entries.length > 0) {
      request.context = Object.fromEntries(
        entries.map((row) => [row.key.trim(), parseContextValue(row.value)]),
      );
    }
    return request;
  }

  function evaluateNow(): void {
    clearHighlights();
    if (state.request.action === "") {
      lastOutcome = undefined;
      renderResult(resultBody, { pending: "Enter an action to evaluate." }, resultHooks);
      form.showDecision(undefined, "", "");
      return;
    }
    try {
      lastOutcome = evaluate(buildRequest(), { explain: true });
      renderResult(resultBody, lastOutcome, resultHooks);
      if ("error" in lastOutcome)
        form.showDecision("error", "Cannot evaluate", lastOutcome.error.message);
      else {
        const first = lastOutcome.decidedBy[0];
        form.showDecision(
          lastOutcome.decision,
          resultBody.querySelector(".badge")?.textContent ?? lastOutcome.decision,
          first ? (first.sid ?? `statement ${first.statementIndex + 1}`) : "",
        );
      }
      if (!("error" in lastOutcome)) {
        for (const d of lastOutcome.decidedBy) {
          highlightStatement(
            d,
            d.effect === "Allow" ? "allow" : "deny",
            d === lastOutcome.decidedBy[0],
          );
        }
      }
    } catch (error) {
      lastOutcome = undefined;
      console.error(error);
      renderResult(
        resultBody,
        { thrown: `The evaluator failed: ${(error as Error).message}` },
        resultHooks,
      );
      form.showDecision("error", "Cannot evaluate", "");
    }
    document.body.dataset.ready = "true";
  }

  function clearHighlights(): void {
    for (const slot of SLOT_TYPES) {
      state.policies[slot].forEach((_, i) => slots.editor(slot, i)?.highlight([]));
    }
  }

  function highlightStatement(
    ref: StatementRef,
    kind: "allow" | "deny" | "focus",
    reveal: boolean,
  ): void {
    const slot = ref.policyType as SlotType;
    const index = draftIndex(ref);
    const editor = index === undefined ? undefined : slots.editor(slot, index);
    if (!editor) return;
    const text = editor.text();
    let line = ref.line;
    let column: number | undefined;
    if (line === undefined) {
      try {
        const parsed = parsePolicy(text);
        const loc = parsed.ok ? parsed.policy.statements[ref.statementIndex]?.loc : undefined;
        line = loc?.line;
        column = loc?.column;
      } catch {
        line = undefined;
      }
    }
    if (line === undefined) return;
    const range = valueRangeAt(text, offsetOf(text, line, column ?? lineIndent(text, line)));
    editor.highlight([{ ...range, kind }]);
    if (reveal) {
      slots.openSlot(slot);
      editor.reveal(range.from);
    }
  }

  const resultHooks = {
    showStatement,
    goToError(at: { policyType: string; policyIndex: number; line: number; column: number }) {
      const index = draftIndex(at);
      const slot = at.policyType as SlotType;
      if (index === undefined) return;
      slots.openSlot(slot);
      slots.editor(slot, index)?.goTo(at.line, at.column);
    },
  };

  function showStatement(ref: StatementRef): void {
    const kind =
      lastOutcome &&
      !("error" in lastOutcome) &&
      lastOutcome.decidedBy.some(
        (d) =>
          d.policyType === ref.policyType &&
          d.policyIndex === ref.policyIndex &&
          (d.level ?? 0) === (ref.level ?? 0) &&
          d.statementIndex === ref.statementIndex,
      )
        ? lastOutcome.decidedBy[0]?.effect === "Deny"
          ? "deny"
          : "allow"
        : "focus";
    clearHighlights();
    highlightStatement(ref, kind, true);
    const index = draftIndex(ref);
    if (index !== undefined) {
      slots
        .editor(ref.policyType as SlotType, index)
        ?.view.dom.scrollIntoView({ block: "nearest" });
    }
  }

  // ------------------------------------------------------------------ URL state and sharing
  function writeUrl(): void {
    history.replaceState(null, "", `#${encodeState(state)}`);
  }

  async function copyShareLink(): Promise<void> {
    clearTimeout(urlTimer);
    writeUrl();
    try {
      await navigator.clipboard.writeText(location.href);
      shareStatus.textContent = "Link copied.";
    } catch {
      shareStatus.textContent = "Copy the address bar: it holds the whole state.";
    }
  }

  async function applyState(decoded: DecodedState): Promise<void> {
    const policies = emptyPolicies();
    const missing: string[] = [];
    for (const slot of SLOT_TYPES) {
      for (const entry of decoded.policies[slot]) {
        if ("bundled" in entry) {
          const loaded =
            entry.bundled === SAMPLE_POLICY
              ? await loadSamplePolicy()
              : await loadBundledPolicy(entry.bundled);
          if (loaded) policies[slot].push({ ...draftOf(loaded), ...levelOf(entry) });
          else missing.push(entry.bundled);
        } else {
          policies[slot].push({
            ...(entry.name ? { name: entry.name, text: entry.text } : { text: entry.text }),
            ...levelOf(entry),
          });
        }
      }
    }
    if (missing.length > 0) showError(`Not a bundled policy (left out): ${missing.join(", ")}`);
    state.policies = policies;
    state.resourcePoliciesKnown = decoded.resourcePoliciesKnown;
    state.request = decoded.request;
    state.batch = decoded.batch;
    slots.renderAll();
    form.render();
    batch.render();
    evaluateNow();
    if (state.batch) await batch.run();
  }

  async function resetToSample(): Promise<void> {
    banner.hidden = true;
    renderResult(resultBody, { pending: `Loading ${SAMPLE_POLICY}…` }, resultHooks);
    await applyState({
      policies: { ...emptyPolicies(), identity: [{ bundled: SAMPLE_POLICY }] },
      resourcePoliciesKnown: false,
      request: { ...SAMPLE_REQUEST, context: [] },
      batch: "",
    });
    writeUrl();
  }

  async function loadFromUrl(): Promise<void> {
    let decoded: DecodedState | undefined;
    try {
      decoded = decodeState(location.hash);
    } catch (error) {
      showError(`${(error as Error).message} Showing the sample instead.`);
    }
    if (decoded) await applyState(decoded);
    else await resetToSample();
  }

  async function withServiceData(): Promise<void> {
    const data = await loadServiceData();
    if (!data) return;
    form.refreshSuggestions();
    slots.relintAll();
  }

  // A pasted share link in the same tab; other fragments (in-page anchors) leave the state alone.
  window.addEventListener("hashchange", () => {
    if (new URLSearchParams(location.hash.slice(1)).has("s")) void loadFromUrl();
  });
  await loadFromUrl();
  // The catalog and the service data are large: fetch them once the page is usable.
  setTimeout(() => {
    void loadCatalog();
    void withServiceData();
  }, 500);
}

function levelOf(entry: { level?: number }): { level?: number } {
  return entry.level ? { level: entry.level } : {};
}

/** The column of the first non-blank character of a line (statement objects start there). */
function lineIndent(text: string, line: number): number {
  const start = offsetOf(text, line, 1);
  let column = 1;
  while (text[start + column - 1] === " " || text[start + column - 1] === "\t") column++;
  return column;
}
