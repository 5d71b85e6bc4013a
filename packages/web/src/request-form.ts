// The request: principal, action (suggested from the IAM service data and the policies),
// resource (ARN formats of the action's resource types), and context keys (the keys the
// policies' conditions test, with their types).
import type { ConditionKeyUse } from "@iamspec/core";
import { createCombobox, type Combobox } from "./combobox.js";
import { createContextEditor } from "./context-editor.js";
import { filePicker, h, replaceChildren, uniqueId } from "./dom.js";
import { knownActions, resourceArnsFor } from "./service-data.js";
import type { AppState } from "./state.js";

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

  const context = createContextEditor({
    rows: () => state.request.context,
    contextKeys: hooks.contextKeys,
    onChange: hooks.onChange,
  });

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
    context.root,
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
    context.render();
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
      context.refresh();
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
