// The result: the decision as a badge, the deciding statements, notes, what would make a denial
// allowed, and the explanation as one folding section per policy. The words are core's
// presentation lines (the same as `iamspec eval`); this file only groups them into sections and
// adds the page's own affordances: the badge, folding and "Show in editor".
import {
  DECISION_WORDS,
  presentOutcome,
  type EvaluationOutcome,
  type EvaluationResult,
  type PolicyType,
  type PresentationLine,
} from "@iamspec/core";
import { append, h, replaceChildren, type Child } from "./dom.js";
import { lineContent } from "./result-lines.js";

export interface StatementRef {
  policyType: PolicyType;
  policyIndex: number;
  /** SCP/RCP: the level core reports (0 = root). */
  level?: number | undefined;
  statementIndex: number;
  line?: number | undefined;
}

export interface ResultHooks {
  /** Scroll the editor to a statement and highlight it (no "Show in editor" buttons without it). */
  showStatement?: (ref: StatementRef) => void;
  /** Put the cursor in a policy's editor at a line (where an evaluation error is). */
  goToError?: (at: {
    policyType: PolicyType;
    policyIndex: number;
    line: number;
    column: number;
  }) => void;
}

export function renderResult(
  container: HTMLElement,
  outcome: EvaluationOutcome | { thrown: string } | { pending: string },
  hooks: ResultHooks,
): void {
  container.removeAttribute("data-decision");
  if ("pending" in outcome) {
    replaceChildren(
      container,
      h("p", { class: "badge badge-pending", role: "status" }, outcome.pending),
    );
    return;
  }
  if ("thrown" in outcome) {
    container.dataset.decision = "error";
    replaceChildren(
      container,
      h("p", { class: "badge badge-error", role: "status" }, "Cannot evaluate"),
      h("p", { class: "error-text" }, outcome.thrown),
    );
    return;
  }
  if ("error" in outcome) {
    renderError(container, outcome.error, hooks);
    return;
  }
  container.dataset.decision = outcome.decision;
  replaceChildren(
    container,
    h(
      "p",
      { class: `badge badge-${outcome.decision}`, role: "status", "aria-live": "polite" },
      DECISION_WORDS[outcome.decision],
    ),
    resultDetails(outcome, hooks),
  );
}

/**
 * What the result view shows under the badge: the other decision of an uncertain result, the
 * summary, the deciding statements, notes, what would make a denial allowed, the explanation.
 */
export function resultDetails(outcome: EvaluationResult, hooks: ResultHooks): Child[] {
  const lines = presentOutcome(outcome);
  const ofKind = (...kinds: PresentationLine["kind"][]) =>
    lines.filter((l) => kinds.includes(l.kind));
  const decision = lines[0]!;
  const decidedBy = ofKind("decided-by", "no-statement");
  const notes = ofKind("note");
  const suggestions = ofKind("suggestions", "suggestion", "missing");
  const tree = ofKind("policy", "statement", "condition", "skipped");
  const summary = ofKind("summary")[0];
  const details: (Child | Child[])[] = [
    decision.otherDecision !== undefined ? renderUncertain(decision, ofKind("reading")) : null,
    summary ? h("p", { class: "summary" }, lineContent(summary)) : null,
    decidedBy.some((l) => l.kind === "decided-by")
      ? h(
          "ul",
          { class: "decided-by" },
          decidedBy.map((l) => statementItem(l, hooks)),
        )
      : decidedBy.map((l) => h("p", { class: "no-statement" }, lineContent(l))),
    notes.length > 0
      ? h(
          "ul",
          { class: "notes" },
          notes.map((l) => h("li", { "data-code": l.code }, lineContent(l))),
        )
      : null,
    outcome.decision !== "Allowed" && suggestions.length > 0
      ? renderSuggestions(suggestions, hooks)
      : null,
    tree.length > 0 ? renderTree(tree, hooks) : null,
  ];
  return details.flat();
}

function renderError(
  container: HTMLElement,
  e: Extract<EvaluationOutcome, { error: unknown }>["error"],
  hooks: ResultHooks,
): void {
  const at = [
    e.policyName ??
      (e.policyType ? `${e.policyType} policy ${(e.policyIndex ?? 0) + 1}` : undefined),
    e.line !== undefined
      ? `line ${e.line}${e.column !== undefined ? `, column ${e.column}` : ""}`
      : undefined,
    e.path,
  ]
    .filter(Boolean)
    .join(" · ");
  container.dataset.decision = "error";
  replaceChildren(
    container,
    h("p", { class: "badge badge-error", role: "status" }, "Cannot evaluate"),
    h("p", { class: "error-text" }, e.message),
    at ? h("p", { class: "help" }, at) : null,
    e.policyType !== undefined && e.line !== undefined && hooks.goToError
      ? h(
          "button",
          {
            type: "button",
            class: "link",
            onclick: () =>
              hooks.goToError?.({
                policyType: e.policyType!,
                policyIndex: e.policyIndex ?? 0,
                line: e.line!,
                column: e.column ?? 1,
              }),
          },
          "Go to the problem in the editor",
        )
      : null,
  );
}

/**
 * An uncertain result (core's `uncertain`): the badge keeps the fail-safe decision; this block
 * holds the decision line, which names the other decision, and each reading with its source.
 */
function renderUncertain(
  decision: PresentationLine,
  readings: readonly PresentationLine[],
): HTMLElement {
  return h(
    "div",
    { class: "uncertain", "data-other-decision": decision.otherDecision, role: "note" },
    h("p", {}, lineContent(decision)),
    h(
      "ul",
      {},
      readings.map((r) => h("li", { "data-code": r.code }, lineContent(r))),
    ),
  );
}

function showButton(line: PresentationLine, hooks: ResultHooks): HTMLElement | null {
  const ref = line.statement;
  const show = hooks.showStatement;
  if (ref === undefined || show === undefined) return null;
  return h(
    "button",
    {
      type: "button",
      class: "link",
      "aria-label": `Show ${ref.sid ?? `statement ${ref.statementIndex + 1}`} in the editor`,
      onclick: () => show(ref),
    },
    "Show in editor",
  );
}

/** A line about one statement, with its button. */
function statementItem(line: PresentationLine, hooks: ResultHooks): HTMLElement {
  const effect = line.statement?.effect?.toLowerCase();
  return h(
    "li",
    { class: effect ? `deciding deciding-${effect}` : undefined },
    lineContent(line),
    " ",
    showButton(line, hooks),
  );
}

/** The heading line, then each suggestion with what it misses. */
function renderSuggestions(lines: PresentationLine[], hooks: ResultHooks): HTMLElement {
  const heading = lines.find((l) => l.kind === "suggestions");
  const items: HTMLElement[] = [];
  let missing: HTMLElement | undefined;
  for (const line of lines) {
    if (line.kind === "suggestion") {
      missing = h("ul", {});
      items.push(h("li", {}, lineContent(line), missing, showButton(line, hooks)));
    } else if (line.kind === "missing") {
      if (missing) append(missing, [h("li", {}, lineContent(line))]);
    }
  }
  return h(
    "div",
    { class: "suggestions" },
    heading ? h("h3", {}, lineContent(heading)) : null,
    h("ul", {}, items),
  );
}

/** The policy, statement, condition and skipped lines, as one folding section per policy. */
function renderTree(lines: PresentationLine[], hooks: ResultHooks): HTMLElement {
  const tree = h("ul", { class: "tree" });
  const policyCount = lines.filter((l) => l.kind === "policy").length;
  let statements: HTMLElement | undefined;
  let conditions: HTMLElement | undefined;
  for (const line of lines) {
    if (line.kind === "policy") {
      const p = line.policy!;
      statements = h("ul", {});
      const details = h(
        "details",
        { class: "tree-policy" },
        h(
          "summary",
          {},
          h(
            "span",
            { class: "tree-kind" },
            p.policyType + (p.level !== undefined ? ` level ${p.level}` : ""),
          ),
          " ",
          lineContent(line),
        ),
        statements,
      );
      details.open = policyCount <= 3;
      append(tree, [h("li", {}, details)]);
    } else if (line.kind === "statement") {
      conditions = h("ul", { class: "tree-elements" });
      const details = h(
        "details",
        {
          class: `tree-statement ${line.applies ? "applies" : "skipped"}${line.deciding ? " deciding" : ""}`,
          "data-sid": line.statement?.sid ?? "",
        },
        h(
          "summary",
          {},
          lineContent(line),
          line.deciding ? h("span", { class: "tag tag-deciding" }, "deciding") : null,
        ),
        conditions,
        showButton(line, hooks),
      );
      details.open = line.deciding === true;
      if (statements) append(statements, [h("li", {}, details)]);
    } else if (line.kind === "condition") {
      if (conditions) append(conditions, [h("li", {}, lineContent(line))]);
    } else {
      if (statements) append(statements, [h("li", { class: "tree-skipped" }, lineContent(line))]);
    }
  }
  return h("div", { class: "explanation" }, h("h3", {}, "Explanation"), tree);
}
