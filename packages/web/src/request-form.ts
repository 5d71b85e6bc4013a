// The request: principal, action (suggested from the IAM service data and the policies),
// resource (ARN formats of the action's resource types), and context keys (the keys the
// policies' conditions test, with their types).
import type { ConditionKeyUse } from "@iamspec/core";
import { createCombobox, type Combobox } from "./combobox.js";
import { filePicker, h, replaceChildren, uniqueId } from "./dom.js";
import { knownActions, resourceArnsFor } from "./service-data.js";
import type { AppState, ContextRow } from "./state.js";

export interface RequestFormHooks {
  onChange: () => void;
  onEvaluate: () => void;
  /** Actions the current policies name (suggested before the service data has loaded). */
  policyActions: () => readonly string[];
  contextKeys: () => readonly ConditionKeyUse[];
  /** Asks for the service data (first focus of the action field). */
  wantServiceData: () => void;
  /** Save the request (with its policies) as a request-format file. */
  exportRequest: () => void;
  /** Load a request-format file into the page. */
  importRequest: (text: string) => void;
}

export interface RequestForm {
  root: HTMLElement;
  /** Re-read the state (after loading a shared link or importing). */
  render(): void;
  refreshSuggestions(): void;
  /** The decision next to the Evaluate button (the full result is below). */
  showDecision(decision: string | undefined, label: string, detail: string): void;
}

export function createRequestForm(state: AppState, hooks: RequestFormHooks): RequestForm {
  const principalId = uniqueId("principal");
  const principal = h("input", {
    id: principalId,
    type: "text",
    spellcheck: "false",
    autocomplete: "off",
    placeholder: "arn:aws:iam::111122223333:role/Example (optional)",
  });
  principal.addEventListener("input", () => {
    state.request.principal = principal.value.trim();
    hooks.onChange();
  });

  const action: Combobox = createCombobox({
    label: "Action",
    placeholder: "service:Action, e.g. ec2:RunInstances",
    name: "action",
    options: (query) => suggestActions(query, hooks.policyActions()),
    onInput: (value) => {
      state.request.action = value.trim();
      hooks.onChange();
    },
  });
  action.input.required = true;
  action.input.addEventListener("focus", hooks.wantServiceData, { once: true });

  const resource: Combobox = createCombobox({
    label: "Resource",
    placeholder: "arn:… (empty: *)",
    name: "resource",
    options: (query) => {
      const formats = resourceArnsFor(state.request.action);
      const q = query.trim().toLowerCase();
      return formats
        .filter(
          (f) => q === "" || f.arn.toLowerCase().includes(q) || f.type.toLowerCase().includes(q),
        )
        .slice(0, 20)
        .map((f) => ({ value: fillArnTemplate(f.arn, state.request.principal), detail: f.type }));
    },
    onInput: (value) => {
      state.request.resource = value.trim();
      hooks.onChange();
    },
  });

  const contextRows = h("div", { class: "context-rows" });
  const addContext = h(
    "button",
    {
      type: "button",
      class: "secondary",
      onclick: () => {
        state.request.context.push({ key: "", value: "" });
        renderContext();
        contextRows.querySelector<HTMLInputElement>(".context-row:last-child input")?.focus();
      },
    },
    "Add a context key",
  );
  const keyHint = h("div", { class: "key-hint" });

  function addContextKey(key: string): void {
    const existing = state.request.context.findIndex(
      (row) => row.key.toLowerCase() === key.toLowerCase(),
    );
    if (existing === -1) state.request.context.push({ key, value: "" });
    renderContext();
    const index = existing === -1 ? state.request.context.length - 1 : existing;
    contextRows.querySelectorAll<HTMLInputElement>(".context-value")[index]?.focus();
  }

  function renderContext(): void {
    const suggestions = hooks.contextKeys();
    replaceChildren(
      keyHint,
      suggestions.length > 0
        ? [
            h("p", { class: "help" }, "Keys the policies' conditions test (add one):"),
            h(
              "div",
              { class: "key-suggestions" },
              suggestions.slice(0, 16).map((s) =>
                h(
                  "button",
                  {
                    type: "button",
                    class: "secondary",
                    "aria-label": `Add context key ${s.key} (${s.type})`,
                    title: `${s.operators.join(", ")}${s.sampleValues.length ? ` · e.g. ${s.sampleValues.join(", ")}` : ""}`,
                    onclick: () => addContextKey(s.key),
                  },
                  s.key,
                  " ",
                  h("span", {}, s.type),
                ),
              ),
            ),
          ]
        : h("p", { class: "help" }, "The policies' conditions test no keys."),
    );
    replaceChildren(
      contextRows,
      state.request.context.map((row, index) => renderRow(row, index)),
    );
  }

  function renderRow(row: ContextRow, index: number): HTMLElement {
    const typeLabel = h("span", { class: "key-type" });
    const valueId = uniqueId("context-value");
    const value = h("input", {
      id: valueId,
      type: "text",
      class: "context-value",
      spellcheck: "false",
      autocomplete: "off",
    });
    value.value = row.value;
    const showType = () => {
      const known = hooks.contextKeys().find((s) => s.key.toLowerCase() === row.key.toLowerCase());
      typeLabel.textContent = known ? known.type : "";
      value.placeholder = known?.type.startsWith("ArrayOf")
        ? `JSON list, e.g. ${JSON.stringify(known.sampleValues.slice(0, 2))}`
        : known?.sampleValues[0]
          ? `e.g. ${known.sampleValues[0]}`
          : "value";
    };
    const key = createCombobox({
      label: `Context key ${index + 1}`,
      hideLabel: true,
      placeholder: "aws:RequestTag/CreatedBy",
      value: row.key,
      options: (query) => {
        const q = query.toLowerCase();
        return hooks
          .contextKeys()
          .filter((s) => s.key.toLowerCase().includes(q))
          .map((s) => ({ value: s.key, detail: `${s.type} · ${s.operators.join(", ")}` }));
      },
      onInput: (text) => {
        row.key = text.trim();
        showType();
        hooks.onChange();
      },
    });
    value.addEventListener("input", () => {
      row.value = value.value;
      hooks.onChange();
    });
    showType();
    return h(
      "div",
      { class: "context-row" },
      key.root,
      typeLabel,
      h("label", { for: valueId, class: "visually-hidden" }, `Value of context key ${index + 1}`),
      value,
      h(
        "button",
        {
          type: "button",
          class: "secondary small",
          "aria-label": `Remove context key ${index + 1}`,
          onclick: () => {
            state.request.context.splice(index, 1);
            renderContext();
            hooks.onChange();
          },
        },
        "Remove",
      ),
    );
  }

  const quick = h("a", { class: "quick-result", href: "#result-heading" });
  quick.addEventListener("click", (event) => {
    event.preventDefault(); // keep the state in the fragment
    document
      .getElementById("result-heading")
      ?.scrollIntoView({ behavior: "smooth", block: "start" });
  });
  const form = h(
    "form",
    { class: "request", "aria-labelledby": "request-heading" },
    h(
      "div",
      { class: "panel-heading" },
      h("h2", { id: "request-heading" }, "Request"),
      h(
        "div",
        { class: "panel-actions" },
        filePicker("Import request…", hooks.importRequest),
        h(
          "button",
          { type: "button", class: "secondary small", onclick: hooks.exportRequest },
          "Export request",
        ),
      ),
    ),
    h("div", { class: "field" }, h("label", { for: principalId }, "Principal"), principal),
    h("div", { class: "field" }, action.root),
    h("div", { class: "field" }, resource.root),
    h(
      "fieldset",
      { class: "context" },
      h("legend", {}, "Context keys"),
      keyHint,
      contextRows,
      addContext,
    ),
    h(
      "div",
      { class: "form-actions" },
      h("button", { type: "submit", class: "primary" }, "Evaluate"),
      quick,
    ),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    hooks.onEvaluate();
  });

  const render = () => {
    principal.value = state.request.principal;
    action.input.value = state.request.action;
    resource.input.value = state.request.resource;
    renderContext();
  };
  render();
  return {
    showDecision(decision, label, detail) {
      quick.className = decision ? `quick-result quick-${decision}` : "quick-result";
      replaceChildren(
        quick,
        decision ? [h("strong", {}, label), detail ? ` · ${detail}` : ""] : "",
      );
    },
    root: form,
    render,
    refreshSuggestions() {
      action.refresh();
      // Keep typed rows, only refresh hints and types.
      const focused = document.activeElement;
      if (!contextRows.contains(focused)) renderContext();
    },
  };
}

/** Actions starting with the query first, then containing it; policy actions before the rest. */
export function suggestActions(query: string, policyActions: readonly string[], limit = 30) {
  const q = query.trim().toLowerCase();
  const pool = [...new Set([...policyActions.filter((a) => !a.includes("*")), ...knownActions()])];
  if (q === "")
    return policyActions
      .filter((a) => !a.includes("*"))
      .slice(0, limit)
      .map((value) => ({ value }));
  const starts: string[] = [];
  const contains: string[] = [];
  for (const candidate of pool) {
    const lower = candidate.toLowerCase();
    if (lower.startsWith(q)) starts.push(candidate);
    else if (lower.includes(q)) contains.push(candidate);
    if (starts.length >= limit) break;
  }
  return [...starts, ...contains].slice(0, limit).map((value) => ({ value }));
}

/**
 * An ARN format of the service data with the partition, region and account filled in (the
 * principal's account when it has one), so a picked suggestion is a usable example; the
 * resource-specific parts (`${ImageId}`) stay for the user to replace.
 */
export function fillArnTemplate(template: string, principal: string): string {
  const account = /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1] ?? "111122223333";
  return template
    .replaceAll("${Partition}", "aws")
    .replaceAll("${Region}", "us-east-1")
    .replaceAll("${Account}", account);
}
