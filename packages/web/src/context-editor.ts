// Context keys as rows of key and value: the keys the policies' conditions test are offered (with
// their IAM types) as buttons and as suggestions. Used by the request form and the account view.
import type { ConditionKeyUse } from "@iamspec/core";
import { createCombobox } from "./combobox.js";
import { h, replaceChildren, uniqueId } from "./dom.js";
import type { ContextRow } from "./state.js";

export interface ContextEditorHooks {
  /** The rows, read each time: the owner may replace the list (a share link, an import). */
  rows: () => ContextRow[];
  contextKeys: () => readonly ConditionKeyUse[];
  onChange: () => void;
}

export interface ContextEditor {
  root: HTMLFieldSetElement;
  /** Re-read the rows. */
  render(): void;
  /** New key suggestions: refresh the hints and types, unless the user is typing in a row. */
  refresh(): void;
}

export function createContextEditor(hooks: ContextEditorHooks): ContextEditor {
  const rowsRoot = h("div", { class: "context-rows" });
  const keyHint = h("div", { class: "key-hint" });
  const addContext = h(
    "button",
    {
      type: "button",
      class: "secondary",
      onclick: () => {
        hooks.rows().push({ key: "", value: "" });
        render();
        rowsRoot.querySelector<HTMLInputElement>(".context-row:last-child input")?.focus();
      },
    },
    "Add a context key",
  );

  function addContextKey(key: string): void {
    const rows = hooks.rows();
    const existing = rows.findIndex((row) => row.key.toLowerCase() === key.toLowerCase());
    if (existing === -1) rows.push({ key, value: "" });
    render();
    const index = existing === -1 ? rows.length - 1 : existing;
    rowsRoot.querySelectorAll<HTMLInputElement>(".context-value")[index]?.focus();
  }

  function render(): void {
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
      rowsRoot,
      hooks.rows().map((row, index) => renderRow(row, index)),
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
            hooks.rows().splice(index, 1);
            render();
            hooks.onChange();
          },
        },
        "Remove",
      ),
    );
  }

  const root = h(
    "fieldset",
    { class: "context" },
    h("legend", {}, "Context keys"),
    keyHint,
    rowsRoot,
    addContext,
  );
  render();
  return {
    root,
    render,
    refresh() {
      // Keep typed rows, only refresh hints and types.
      if (!rowsRoot.contains(document.activeElement)) render();
    },
  };
}
