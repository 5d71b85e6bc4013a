// An accessible autocomplete input (WAI-ARIA 1.2 combobox with a listbox popup): arrow keys
// move, Enter picks, Escape closes; options are computed from the typed text on demand.
import { h, uniqueId } from "./dom.js";

export interface ComboOption {
  value: string;
  /** Secondary text shown after the value (type, description). */
  detail?: string;
}

export interface ComboboxOptions {
  label: string;
  /** Visually hide the label (it still names the input). */
  hideLabel?: boolean;
  placeholder?: string;
  value?: string;
  name?: string;
  options: (query: string) => ComboOption[];
  /** Every edit of the text. */
  onInput?: (value: string) => void;
  /** An option was picked (Enter or click). */
  onPick?: (value: string) => void;
  /** Clear the text after a pick (a picker, not a field). */
  clearOnPick?: boolean;
}

export interface Combobox {
  root: HTMLElement;
  input: HTMLInputElement;
  /**
   * Recompute the options (new data arrived) if the popup is open; finish a pick that was waiting
   * for them.
   */
  refresh(): void;
}

export function createCombobox(config: ComboboxOptions): Combobox {
  const inputId = uniqueId("combo");
  const listId = `${inputId}-list`;
  const input = h("input", {
    id: inputId,
    type: "text",
    role: "combobox",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": listId,
    autocomplete: "off",
    spellcheck: "false",
    placeholder: config.placeholder,
    name: config.name,
  });
  input.value = config.value ?? "";
  const list = h("ul", {
    id: listId,
    role: "listbox",
    class: "combo-list",
    "aria-label": `${config.label} suggestions`,
  });
  list.hidden = true;
  const label = h(
    "label",
    { for: inputId, class: config.hideLabel ? "visually-hidden" : "" },
    config.label,
  );
  const root = h("div", { class: "combo" }, label, h("div", { class: "combo-field" }, input, list));

  let options: ComboOption[] = [];
  let active = -1;

  const render = () => {
    list.replaceChildren(
      ...options.map((option, i) =>
        h(
          "li",
          {
            id: `${listId}-${i}`,
            role: "option",
            class: i === active ? "combo-option active" : "combo-option",
            "aria-selected": i === active ? "true" : "false",
            onmousedown: ((event: MouseEvent) => {
              event.preventDefault(); // keep focus in the input
              pick(i);
            }) as EventListener,
          },
          h("span", { class: "combo-value" }, option.value),
          option.detail ? h("span", { class: "combo-detail" }, option.detail) : null,
        ),
      ),
    );
    const open = options.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", `${listId}-${active}`);
      list.children[active]?.scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  };
  const open = () => {
    options = config.options(input.value);
    // An exact, single match needs no popup.
    // An exact, single match needs no popup in a field (a picker still offers it to pick).
    if (!config.clearOnPick && options.length === 1 && options[0]!.value === input.value) {
      options = [];
    }
    active = -1;
    render();
  };
  const close = () => {
    options = [];
    active = -1;
    render();
  };
  // Enter in a picker before its options have arrived (the catalog loads on first focus): the
  // pick happens when they do, unless the text changed meanwhile. Dropping it would lose what a
  // fast typist asked for.
  let pickWhenReady = false;
  const pick = (index: number) => {
    const option = options[index];
    if (!option) return;
    input.value = config.clearOnPick ? "" : option.value;
    close();
    if (!config.clearOnPick) config.onInput?.(option.value);
    config.onPick?.(option.value);
  };

  input.addEventListener("input", () => {
    pickWhenReady = false;
    config.onInput?.(input.value);
    open();
  });
  input.addEventListener("focus", () => {
    if (config.clearOnPick) open();
  });
  input.addEventListener("blur", close);
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (list.hidden) open();
      if (options.length === 0) return;
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      active = (active + step + options.length) % options.length;
      render();
    } else if (event.key === "Enter") {
      if (!list.hidden && active >= 0) {
        event.preventDefault();
        pick(active);
      } else if (config.clearOnPick && input.value.trim() !== "") {
        // A picker takes the best match on Enter, even with the popup closed.
        event.preventDefault();
        if (options.length === 0) open();
        if (options.length === 0) pickWhenReady = true;
        else pick(0);
      }
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      close();
    }
  });

  return {
    root,
    input,
    refresh() {
      if (pickWhenReady) {
        pickWhenReady = false;
        open();
        pick(0);
        return;
      }
      if (!list.hidden || (document.activeElement === input && input.value !== "")) {
        // New data (service data, an edited policy) arrives at any moment, often between the
        // arrow key and Enter: keep the option the user moved to, or Enter would pick nothing.
        const highlighted = options[active]?.value;
        open();
        const kept = options.findIndex((option) => option.value === highlighted);
        if (highlighted !== undefined && kept >= 0) {
          active = kept;
          render();
        }
      }
    },
  };
}
