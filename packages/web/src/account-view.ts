// The Account view: load the output of `aws iam get-account-authorization-details` (picked or
// dropped; several pages merge) and ask who can do an action on a resource, or who can assume a
// role. The files are read in the page and never sent anywhere. Loaded on first open (app.ts).
import "./account.css";
import { conditionKeysOf, type Account, type Policy } from "@iamspec/core";
import {
  addFiles,
  describeAccount,
  loadAccountFiles,
  problemPlace,
  type AccountFile,
  type AccountProblem,
} from "./account-file.js";
import {
  accountPolicies,
  actionsNamed,
  askAccount,
  explainPrincipal,
  type AccountQuestion,
} from "./account-query.js";
import { renderAnswer } from "./account-results.js";
import { bundledManagedPolicies } from "./bundled-managed-policies.js";
import { createCombobox } from "./combobox.js";
import { createContextEditor } from "./context-editor.js";
import { filesPicker, h, readFiles, replaceChildren } from "./dom.js";
import { fillArnTemplate, suggestActions } from "./request-form.js";
import { conditionKeyType, loadServiceData, resourceArnsFor } from "./service-data.js";
import type { ContextRow } from "./state.js";

/** As the playground's result: skip the keystrokes of a word. */
const ASK_DELAY_MS = 250;

interface Loaded {
  account: Account;
  policies: Policy[];
  actions: string[];
}

export function createAccountView(): HTMLElement {
  let files: AccountFile[] = [];
  let loaded: Loaded | undefined;
  let loads = 0;
  const form = { kind: "action" as AccountQuestion["kind"], action: "", resource: "", role: "" };
  const context: ContextRow[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(ask, ASK_DELAY_MS);
  };

  // Files: picker, drop zone, the list, and what was read from them.
  const fileList = h("ul", { class: "account-files", "aria-label": "Account files" });
  const status = h("p", { class: "account-status", role: "status" });
  const problem = h("div", { class: "account-problem", role: "alert" });
  problem.hidden = true;
  const dropZone = h(
    "div",
    { class: "account-drop" },
    h("p", {}, "Drop the JSON file here (several pages at once merge), or "),
    filesPicker("Choose files…", (picked) => void add(picked), { multiple: true }),
  );

  // The question.
  const modeName = "account-question-kind";
  const modes = h(
    "fieldset",
    { class: "account-modes" },
    h("legend", {}, "Question"),
    modeRadio("action", "Who can do an action on a resource"),
    modeRadio("assume", "Who can assume a role"),
  );
  function modeRadio(kind: AccountQuestion["kind"], text: string): HTMLElement {
    const input = h("input", { type: "radio", name: modeName, value: kind });
    input.checked = form.kind === kind;
    input.addEventListener("change", () => {
      form.kind = kind;
      showMode();
      ask();
    });
    return h("label", { class: "option" }, input, ` ${text}`);
  }

  const action = createCombobox({
    label: "Action",
    placeholder: "service:Action, e.g. s3:GetObject",
    options: (query) => suggestActions(query, loaded?.actions ?? []),
    onInput: (value) => {
      form.action = value;
      schedule();
    },
  });
  action.input.addEventListener(
    "focus",
    () => void loadServiceData().then(() => action.refresh()),
    { once: true },
  );
  const resource = createCombobox({
    label: "Resource",
    placeholder: "arn:… (empty: *)",
    options: resourceOptions,
    onInput: (value) => {
      form.resource = value;
      schedule();
    },
  });
  const role = createCombobox({
    label: "Role",
    placeholder: "arn:aws:iam::111122223333:role/…",
    options: (query) => roleOptions(query),
    onInput: (value) => {
      form.role = value;
      schedule();
    },
  });
  const contextEditor = createContextEditor({
    rows: () => context,
    contextKeys: () => (loaded ? conditionKeysOf(loaded.policies, conditionKeyType) : []),
    onChange: schedule,
  });
  const denied = h("input", { type: "checkbox" });
  denied.addEventListener("change", ask);
  const actionFields = h(
    "div",
    { class: "account-fields" },
    h("div", { class: "field" }, action.root),
    h("div", { class: "field" }, resource.root),
  );
  const roleFields = h("div", { class: "account-fields" }, h("div", { class: "field" }, role.root));
  const question = h(
    "form",
    { class: "account-question", "aria-label": "Question about the account" },
    modes,
    actionFields,
    roleFields,
    contextEditor.root,
    h("label", { class: "option" }, denied, " Also show the denied principals, with the reason"),
    h("div", { class: "form-actions" }, h("button", { type: "submit", class: "primary" }, "Ask")),
  );
  question.addEventListener("submit", (event) => {
    event.preventDefault();
    ask();
  });
  const results = h("div", { class: "account-results" });

  function showMode(): void {
    actionFields.hidden = form.kind !== "action";
    roleFields.hidden = form.kind !== "assume";
  }

  function resourceOptions(query: string) {
    const q = query.trim().toLowerCase();
    const root = `arn:aws:iam::${loaded?.account.accountId ?? "111122223333"}:root`;
    const formats = resourceArnsFor(form.action.trim()).map((f) => ({
      value: fillArnTemplate(f.arn, root),
      detail: f.type,
    }));
    // sts:AssumeRole on a role of the account: the role's trust policy decides too.
    const roles = /^sts:AssumeRole/i.test(form.action.trim()) ? roleOptions("") : [];
    return [...roles, ...formats]
      .filter(
        (o) => q === "" || o.value.toLowerCase().includes(q) || o.detail.toLowerCase().includes(q),
      )
      .slice(0, 30);
  }

  function roleOptions(query: string) {
    const q = query.trim().toLowerCase();
    return [...(loaded?.account.roles.values() ?? [])]
      .filter((r) => q === "" || r.arn.toLowerCase().includes(q))
      .slice(0, 50)
      .map((r) => ({ value: r.arn, detail: "role of the account" }));
  }

  async function add(picked: AccountFile[]): Promise<void> {
    files = addFiles(files, picked);
    await reload();
  }

  function remove(name: string): void {
    files = files.filter((f) => f.name !== name);
    void reload();
  }

  async function reload(): Promise<void> {
    const serial = ++loads;
    replaceChildren(
      fileList,
      files.map((file) =>
        h(
          "li",
          {},
          h("code", {}, file.name),
          " ",
          h(
            "button",
            {
              type: "button",
              class: "secondary small",
              "aria-label": `Remove ${file.name}`,
              onclick: () => remove(file.name),
            },
            "Remove",
          ),
        ),
      ),
    );
    loaded = undefined;
    showProblem(undefined);
    contextEditor.render();
    if (files.length === 0) {
      status.textContent = "No account loaded.";
      ask();
      return;
    }
    status.textContent = "Reading the account…";
    const loader = bundledManagedPolicies();
    const outcome = await loadAccountFiles(files, loader);
    if (serial !== loads) return; // a newer pick or removal won
    if (!outcome.ok) {
      status.textContent = "The account could not be read.";
      showProblem(outcome.problem);
      ask();
      return;
    }
    const policies = accountPolicies(outcome.account);
    loaded = { account: outcome.account, policies, actions: actionsNamed(policies) };
    status.textContent = `${describeAccount(outcome.account, files)}${
      loader.used.length > 0
        ? ` AWS managed policies from the bundled corpus: ${loader.used.join(", ")}.`
        : ""
    }`;
    contextEditor.render();
    ask();
  }

  function showProblem(found: AccountProblem | undefined): void {
    problem.hidden = found === undefined;
    if (!found) return;
    const place = problemPlace(found);
    replaceChildren(
      problem,
      h("p", {}, h("strong", {}, "Cannot read the account")),
      h("p", { class: "error-text" }, found.message),
      place ? h("p", { class: "help" }, h("code", {}, place)) : null,
    );
  }

  function ask(): void {
    clearTimeout(timer);
    if (!loaded) {
      renderAnswer(
        results,
        { ok: false, pending: true, message: "Load an account file to ask about it." },
        { explain: () => undefined },
      );
      return;
    }
    const { account } = loaded;
    const rows = context.map((row) => ({ ...row }));
    const asked: AccountQuestion =
      form.kind === "assume"
        ? { kind: "assume", role: form.role, context: rows }
        : { kind: "action", action: form.action, resource: form.resource, context: rows };
    renderAnswer(results, askAccount(account, asked, { includeDenied: denied.checked }), {
      explain: (principal) => explainPrincipal(account, asked, principal),
    });
  }

  // Dropped anywhere on the view: a file dropped beside the zone would make the browser open it.
  const root = h(
    "section",
    { class: "account", "aria-label": "Account: who can" },
    h(
      "p",
      { class: "help" },
      "Who in an AWS account can do something? Save the account's users, groups, roles and policies with ",
      h("code", {}, "aws iam get-account-authorization-details > account.json"),
      " (or the raw API's pages) and load the file here. AWS managed policies the file leaves out come from the bundled ones. Resource policies are not in the file: each principal is decided by its own policies, except that a role's trust policy decides ",
      h("code", {}, "sts:AssumeRole"),
      " on it.",
    ),
    h(
      "p",
      { class: "account-privacy" },
      h("strong", {}, "The file stays in your browser:"),
      " this page reads it and sends it nowhere (no upload, no storage; reloading forgets it).",
    ),
    dropZone,
    fileList,
    status,
    problem,
    question,
    results,
  );
  // Only a drag that carries files: text dragged between the inputs stays theirs.
  const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes("Files") === true;
  root.addEventListener("dragover", (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    dropZone.classList.add("dragging");
  });
  root.addEventListener("dragleave", (event) => {
    if (!root.contains(event.relatedTarget as Node | null)) dropZone.classList.remove("dragging");
  });
  root.addEventListener("drop", (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    dropZone.classList.remove("dragging");
    void readFiles(event.dataTransfer!.files).then(add);
  });
  showMode();
  void reload();
  return root;
}
