// The batch table: a file of requests with expected decisions (the `iamspec test` format), run
// all, pass/fail per row; import and export the file; add the current request as a case.
import {
  evaluate,
  inheritPolicies,
  isPolicySetError,
  resolvePolicySet,
  type EvaluationOutcome,
  type PolicySet,
} from "@iamspec/core";
import { parseBatchFile, rowFor, type BatchRow } from "./batch.js";
import { download, filePicker, h, replaceChildren, uniqueId } from "./dom.js";
import { loadNamedPolicy } from "./policy-source.js";
import type { AppState } from "./state.js";

export interface BatchHooks {
  /** The page's policies as core evaluates them (cases without policies use these). */
  pagePolicies: () => PolicySet;
  /** The page's policies as a file carries them: bundled names, or inline documents. */
  pagePoliciesForFile: () => Record<string, unknown>;
  /** The page's request (without policies) and its current decision. */
  currentCase: () => Record<string, unknown> | undefined;
  onChange: () => void;
}

export interface BatchView {
  root: HTMLElement;
  render(): void;
  run(): Promise<void>;
}

export function createBatchView(state: AppState, hooks: BatchHooks): BatchView {
  const textId = uniqueId("batch-file");
  const textarea = h("textarea", {
    id: textId,
    rows: 10,
    spellcheck: "false",
    placeholder:
      '[{ "name": "…", "action": "ec2:RunInstances", "resource": "…", "expected": "Allowed" }]',
  });
  textarea.addEventListener("input", () => {
    state.batch = textarea.value;
    hooks.onChange();
  });
  const status = h("p", { class: "batch-status", role: "status" });
  const table = h("div", { class: "table-wrap" });
  const importButton = filePicker("Import file…", (text) => {
    state.batch = text;
    textarea.value = text;
    hooks.onChange();
    void run();
  });

  const root = h(
    "section",
    { class: "batch", "aria-labelledby": "batch-heading" },
    h("h2", { id: "batch-heading" }, "Batch"),
    h(
      "p",
      { class: "help" },
      "Requests with expected decisions, in the format of ",
      h("code", {}, "iamspec test"),
      ": an array of requests each with ",
      h("code", {}, "expected"),
      " (Allowed, ImplicitlyDenied, ExplicitlyDenied or Denied), or ",
      h("code", {}, '{ "policies": {…}, "cases": […] }'),
      ". Policies may be bundled policy names. Cases without policies use the page's policies.",
    ),
    h("label", { for: textId }, "Batch file (JSON)"),
    textarea,
    h(
      "div",
      { class: "batch-actions" },
      h("button", { type: "button", class: "primary", onclick: () => void run() }, "Run all"),
      h(
        "button",
        { type: "button", class: "secondary", onclick: addCurrent },
        "Add the current request",
      ),
      importButton,
      h("button", { type: "button", class: "secondary", onclick: exportFile }, "Export file"),
    ),
    status,
    table,
  );

  function addCurrent(): void {
    const current = hooks.currentCase();
    if (!current) {
      status.textContent = "Evaluate a request first: its decision becomes the expected one.";
      return;
    }
    let file: unknown = { policies: hooks.pagePoliciesForFile(), cases: [] };
    if (state.batch.trim() !== "") {
      try {
        file = JSON.parse(state.batch);
      } catch {
        status.textContent = "Fix the batch file's JSON first (it could not be read).";
        return;
      }
    }
    const cases = Array.isArray(file) ? file : (file as { cases?: unknown[] }).cases;
    if (!Array.isArray(cases)) {
      status.textContent = 'The batch file needs a "cases" array.';
      return;
    }
    cases.push({ name: `case ${cases.length + 1}`, ...current });
    state.batch = `${JSON.stringify(file, null, 2)}\n`;
    textarea.value = state.batch;
    status.textContent = `Added case ${cases.length}.`;
    hooks.onChange();
  }

  function exportFile(): void {
    download("iamspec-tests.json", state.batch || "[]\n");
  }

  async function run(): Promise<void> {
    if (state.batch.trim() === "") {
      status.textContent = "The batch file is empty: add the current request or import a file.";
      replaceChildren(table);
      return;
    }
    let rows: BatchRow[];
    try {
      const file = parseBatchFile(state.batch);
      rows = [];
      for (const item of file.cases) {
        if ("error" in item) {
          rows.push(rowFor(item));
          continue;
        }
        let outcome: EvaluationOutcome | Error;
        try {
          // Cases inherit the file's policies layer by layer, as `iamspec test` does.
          const shared = await resolvePolicies(file.policies, "$.policies");
          const own = await resolvePolicies(item.policies, `${item.path}.policies`);
          const policies =
            inheritPolicies(shared, own) ??
            (await resolvePolicies(hooks.pagePolicies(), "$.policies"))!;
          outcome = evaluate({ ...item.request, policies });
        } catch (error) {
          outcome = error instanceof Error ? error : new Error(String(error));
        }
        rows.push(rowFor(item, outcome));
      }
    } catch (error) {
      status.textContent = (error as Error).message;
      root.dataset.batch = "error";
      replaceChildren(table);
      return;
    }
    const passed = rows.filter((r) => r.passed).length;
    // As `iamspec test`: a case that cannot be evaluated is an error, not a failed expectation.
    const errors = rows.filter((r) => r.error !== undefined).length;
    const failed = rows.length - passed - errors;
    status.textContent = `${passed} of ${rows.length} passed${failed > 0 ? `, ${failed} failed` : ""}${errors > 0 ? `, ${errors} could not be evaluated` : ""}.`;
    root.dataset.batch = passed === rows.length ? "passed" : "failed";
    replaceChildren(table, renderTable(rows));
  }

  return {
    root,
    render() {
      textarea.value = state.batch;
      replaceChildren(table);
      status.textContent = "";
    },
    run,
  };
}

function renderTable(rows: BatchRow[]): HTMLElement {
  return h(
    "table",
    { class: "batch-table" },
    h("caption", { class: "visually-hidden" }, "Batch results"),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ["#", "Name", "Action", "Resource", "Expected", "Decision", "Result"].map((title) =>
          h("th", { scope: "col" }, title),
        ),
      ),
    ),
    h(
      "tbody",
      {},
      rows.map((row) =>
        h(
          "tr",
          { class: row.passed ? "pass" : "fail", "data-result": resultOf(row) },
          h("td", {}, String(row.index + 1)),
          h("td", {}, row.name ?? ""),
          h("td", {}, row.action ? h("code", {}, row.action) : ""),
          h("td", { class: "wrap" }, row.resource ? h("code", {}, row.resource) : ""),
          h("td", {}, row.expected ?? ""),
          h(
            "td",
            {},
            row.error
              ? h("span", { class: "error-text" }, row.error)
              : [
                  row.decision ?? "",
                  row.otherDecision
                    ? h(
                        "div",
                        { class: "uncertain-text" },
                        `uncertain: ${row.otherDecision} under the other reading`,
                      )
                    : null,
                  row.decidedBy ? h("div", { class: "help" }, row.decidedBy) : null,
                ],
          ),
          h(
            "td",
            {},
            h("span", { class: row.passed ? "result-pass" : "result-fail" }, resultOf(row)),
          ),
        ),
      ),
    ),
  );
}

function resultOf(row: BatchRow): "pass" | "fail" | "error" {
  return row.passed ? "pass" : row.error !== undefined ? "error" : "fail";
}

/** Loads the bundled policies a `policies` value names; an error says where, in one line. */
async function resolvePolicies(raw: unknown, path: string): Promise<PolicySet | undefined> {
  if (raw === undefined) return undefined;
  try {
    return await resolvePolicySet(raw, loadNamedPolicy, { path });
  } catch (error) {
    if (isPolicySetError(error)) throw new Error(`${error.path}: ${error.message}`);
    throw error;
  }
}
