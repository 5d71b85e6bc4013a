// The policy slots of the request format: identity open, the other five collapsed until used.
// Each policy is a card with a CodeMirror editor, its diagnostics as a list, and (for bundled
// policies) a version picker.
import type { Diagnostic } from "@iamspec/core";
import { searchCatalog } from "./catalog-search.js";
import { createCombobox } from "./combobox.js";
import { toEditorMarks } from "./diagnostics.js";
import { h, replaceChildren, uniqueId } from "./dom.js";
import { createPolicyEditor, type PolicyEditor } from "./editor.js";
import { lintPolicyAsync, where } from "./lint-policy.js";
import { MAX_LEVEL, levelLabel } from "./policy-levels.js";
import {
  catalogNow,
  loadBundledPolicy,
  loadCatalog,
  onCatalogLoaded,
  type LoadedPolicy,
} from "./policy-source.js";
import {
  SLOT_LABELS,
  SLOT_TYPES,
  type AppState,
  type PolicyDraft,
  type SlotType,
} from "./state.js";

/** A slot entry for a loaded bundled policy. */
export function draftOf(loaded: LoadedPolicy): PolicyDraft {
  return {
    name: loaded.name,
    bundled: loaded.reference,
    text: loaded.text,
    versions: loaded.versions,
    defaultVersion: loaded.defaultVersion,
  };
}

/** Problems listed under an editor before "Show more" (the editor marks them all). */
const VISIBLE_DIAGNOSTICS = 3;
const SEVERITY_ORDER = ["ERROR", "SECURITY_WARNING", "WARNING", "SUGGESTION"];

function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}

const BLANK_POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Example",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::example-bucket/*"
    }
  ]
}
`;

export interface SlotsView {
  root: HTMLElement;
  /** The editor of a policy, when it is on the page. */
  editor(slot: SlotType, index: number): PolicyEditor | undefined;
  /** Rebuild every slot from the state (after loading a shared link). */
  renderAll(): void;
  openSlot(slot: SlotType): void;
  relintAll(): void;
}

export function createSlotsView(
  state: AppState,
  onChange: () => void,
  onError: (message: string) => void,
): SlotsView {
  const editors: Record<SlotType, PolicyEditor[]> = {
    identity: [],
    resource: [],
    boundary: [],
    session: [],
    scp: [],
    rcp: [],
  };
  /** Keeps the resource slot's "known" checkbox in step with its policies. */
  const checkboxes: (() => void)[] = [];
  const sections = {} as Record<
    SlotType,
    { details: HTMLDetailsElement; cards: HTMLElement; count: HTMLElement }
  >;

  const root = h(
    "section",
    { class: "slots", "aria-labelledby": "policies-heading" },
    h("h2", { id: "policies-heading" }, "Policies"),
  );

  for (const slot of SLOT_TYPES) {
    const cards = h("div", { class: "cards" });
    const count = h("span", { class: "count" });
    const picker = createCombobox({
      label: `Add a bundled policy to ${SLOT_LABELS[slot].title.toLowerCase()}`,
      placeholder: "Search AWS managed policies by name…",
      clearOnPick: true,
      options: (query) =>
        searchCatalog(catalogNow(), query, 40).map((entry) => ({
          value: entry.name,
          ...(entry.description ? { detail: entry.description } : {}),
        })),
      onPick: (name) => void addBundled(slot, name),
    });
    picker.input.addEventListener("focus", () => void loadCatalog(), { once: true });
    onCatalogLoaded(() => picker.refresh());
    const addBlank = h(
      "button",
      {
        type: "button",
        class: "secondary",
        "aria-label": `Add an inline policy to ${SLOT_LABELS[slot].title.toLowerCase()}`,
        onclick: () =>
          addDraft(slot, {
            name: `Inline ${slot} policy ${state.policies[slot].length + 1}`,
            text: BLANK_POLICY,
          }),
      },
      "Add an inline policy",
    );
    const extras: HTMLElement[] = [];
    if (slot === "resource") {
      const id = uniqueId("resource-known");
      const checkbox = h("input", { type: "checkbox", id });
      checkbox.checked = state.resourcePoliciesKnown;
      checkbox.addEventListener("change", () => {
        state.resourcePoliciesKnown = checkbox.checked;
        onChange();
      });
      extras.push(
        h(
          "p",
          { class: "option" },
          checkbox,
          " ",
          h(
            "label",
            { for: id },
            "The resource has exactly these policies (unchecked and empty: unknown, decided on the principal's side only)",
          ),
        ),
      );
      checkboxes.push(() => {
        // Policies in the slot make it known; the box only matters for an empty slot.
        checkbox.checked = state.resourcePoliciesKnown || state.policies.resource.length > 0;
        checkbox.disabled = state.policies.resource.length > 0;
      });
    }
    const details = h(
      "details",
      { class: `slot slot-${slot}`, "data-slot": slot },
      h("summary", {}, h("span", { class: "slot-title" }, SLOT_LABELS[slot].title), " ", count),
      h("p", { class: "help" }, SLOT_LABELS[slot].help),
      ...extras,
      cards,
      h("div", { class: "slot-actions" }, picker.root, addBlank),
    );
    details.open = slot === "identity";
    sections[slot] = { details, cards, count };
    root.append(details);
  }

  function renderSlot(slot: SlotType): void {
    for (const editor of editors[slot]) editor.destroy();
    editors[slot] = [];
    const { cards, count, details } = sections[slot];
    const drafts = state.policies[slot];
    count.textContent = drafts.length > 0 ? `(${drafts.length})` : "";
    if (drafts.length > 0) details.open = true;
    replaceChildren(
      cards,
      drafts.map((draft, index) => renderCard(slot, draft, index)),
    );
    for (const sync of checkboxes) sync();
  }

  function renderCard(slot: SlotType, draft: PolicyDraft, index: number): HTMLElement {
    const title = draft.name ?? `${slot} policy ${index + 1}`;
    const host = h("div", { class: "editor-host" });
    const diagList = h("ul", {
      class: "diagnostics",
      "aria-live": "polite",
      "aria-label": `Problems in ${title}`,
    });
    const status = h("span", { class: "tag" }, draft.bundled ? "AWS managed" : "edited");
    const versions = versionPicker(slot, draft, index);
    const level = slot === "scp" || slot === "rcp" ? levelPicker(draft, title) : null;
    const header = h(
      "header",
      { class: "card-header" },
      h("h3", {}, title),
      status,
      versions,
      level,
      h(
        "button",
        {
          type: "button",
          class: "secondary small",
          "aria-label": `Remove ${title}`,
          onclick: () => {
            state.policies[slot].splice(index, 1);
            renderSlot(slot);
            onChange();
            // The button is gone with its card: keep keyboard focus in the slot.
            sections[slot].details.querySelector("summary")?.focus();
          },
        },
        "Remove",
      ),
    );
    const card = h(
      "article",
      { class: "policy-card", "data-policy": `${slot}:${index}` },
      header,
      host,
      diagList,
    );
    const editor: PolicyEditor = createPolicyEditor({
      parent: host,
      text: draft.text,
      label: `${title} (${slot} policy) JSON`,
      onChange: (text) => {
        draft.text = text;
        if (draft.bundled !== undefined) {
          delete draft.bundled;
          delete draft.versions;
          status.textContent = "edited";
          // An edited document is no longer any version of the bundled policy.
          versions?.remove();
        }
        onChange();
      },
      lint: async (text) => {
        // Unedited bundled policies are AWS managed (onChange drops `bundled` on the first edit).
        const awsManaged = draft.bundled !== undefined;
        const diagnostics = sortDiagnostics(await lintPolicyAsync(text, slot, { awsManaged }));
        const shown = diagList.dataset.all === "true" ? diagnostics.length : VISIBLE_DIAGNOSTICS;
        const items = diagnostics.map((d, i) => {
          const item = h(
            "li",
            { class: `diag diag-${d.severity.toLowerCase()}`, "data-line": d.line ?? "" },
            d.line !== undefined
              ? h(
                  "button",
                  {
                    type: "button",
                    class: "link diag-where",
                    "aria-label": `${where(d)}: go to the problem in the editor`,
                    onclick: () => editor.goTo(d.line!, d.column ?? 1),
                  },
                  where(d),
                )
              : h("span", { class: "diag-where" }, d.path),
            " ",
            h("span", { class: "diag-severity" }, d.severity.replace("_", " ").toLowerCase()),
            ": ",
            d.message,
            " ",
            h("code", {}, d.code),
          );
          item.hidden = i >= shown;
          return item;
        });
        const more = diagnostics.length - shown;
        replaceChildren(
          diagList,
          items,
          more > 0
            ? h(
                "li",
                { class: "diag diag-more" },
                h(
                  "button",
                  {
                    type: "button",
                    class: "link",
                    onclick: () => {
                      diagList.dataset.all = "true";
                      for (const item of items) item.hidden = false;
                      diagList.lastElementChild?.remove();
                    },
                  },
                  `Show ${more} more problem${more === 1 ? "" : "s"}`,
                ),
              )
            : null,
        );
        return toEditorMarks(text, diagnostics);
      },
    });
    editors[slot][index] = editor;
    return card;
  }

  function levelPicker(draft: PolicyDraft, title: string): HTMLElement {
    const select = h(
      "select",
      { "aria-label": `Organization level of ${title}` },
      Array.from({ length: MAX_LEVEL + 1 }, (_, level) => {
        const option = h("option", { value: String(level) }, levelLabel(level));
        option.selected = level === (draft.level ?? 0);
        return option;
      }),
    );
    select.addEventListener("change", () => {
      const level = Number(select.value);
      if (level > 0) draft.level = level;
      else delete draft.level;
      onChange();
    });
    return select;
  }

  function versionPicker(slot: SlotType, draft: PolicyDraft, index: number): HTMLElement | null {
    const versions = draft.versions;
    const baseName = draft.bundled?.split("@")[0];
    if (!baseName || !versions || versions.length < 2 || !draft.defaultVersion) return null;
    const defaultVersion = draft.defaultVersion;
    const current = draft.bundled?.split("@")[1] ?? defaultVersion;
    const select = h(
      "select",
      { "aria-label": `Version of ${baseName}` },
      versions.map((v) => {
        const option = h("option", { value: v }, v === defaultVersion ? `${v} (default)` : v);
        option.selected = v === current;
        return option;
      }),
    );
    select.addEventListener("change", async () => {
      const reference = select.value === defaultVersion ? baseName : `${baseName}@${select.value}`;
      const loaded = await loadBundledPolicy(reference);
      if (!loaded) return onError(`Could not load ${reference}`);
      state.policies[slot][index] = draftOf(loaded);
      renderSlot(slot);
      onChange();
    });
    return select;
  }

  async function addBundled(slot: SlotType, name: string): Promise<void> {
    const loaded = await loadBundledPolicy(name);
    if (!loaded) return onError(`"${name}" is not a bundled policy.`);
    addDraft(slot, draftOf(loaded));
  }

  function addDraft(slot: SlotType, draft: PolicyDraft): void {
    state.policies[slot].push(draft);
    renderSlot(slot);
    onChange();
    editors[slot].at(-1)?.view.dom.scrollIntoView({ block: "nearest" });
  }

  return {
    root,
    editor: (slot, index) => editors[slot][index],
    renderAll() {
      for (const slot of SLOT_TYPES) renderSlot(slot);
    },
    openSlot(slot) {
      sections[slot].details.open = true;
    },
    relintAll() {
      for (const slot of SLOT_TYPES) for (const editor of editors[slot]) editor.relint();
    },
  };
}
