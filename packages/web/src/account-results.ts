// The account view's answer: how many principals may, then one folding entry per principal
// (allowed, uncertain, and with the toggle denied with the reason). Opening an entry computes that
// principal's explanation and shows it with the playground's result view (core's presentation
// lines): the deciding statements and their policies, notes, the statement-by-statement tree.
import {
  DECISION_WORDS,
  formatStatementRef,
  type DecidingStatement,
  type EvaluationResult,
  type WhoCanEntry,
} from "@iamspec/core";
import { countLine, entryStatus, type AccountAnswer } from "./account-query.js";
import { h, replaceChildren } from "./dom.js";
import { resultDetails } from "./result-view.js";

export interface ResultsHooks {
  /** The principal's answer with its explanation (computed on first open). */
  explain: (principalArn: string) => EvaluationResult | undefined;
}

export function renderAnswer(
  container: HTMLElement,
  answer: AccountAnswer,
  hooks: ResultsHooks,
): void {
  if (!answer.ok) {
    container.dataset.answer = answer.pending ? "pending" : "error";
    replaceChildren(
      container,
      answer.pending
        ? h("p", { class: "help", role: "status" }, answer.message)
        : h(
            "div",
            { class: "account-problem", role: "alert" },
            h("p", {}, h("strong", {}, "Cannot answer")),
            h("p", { class: "error-text" }, answer.message),
          ),
    );
    return;
  }
  const { result } = answer;
  container.dataset.answer = "ok";
  const question = /^sts:AssumeRole$/i.test(result.action)
    ? ["Who can assume ", h("code", {}, result.resource)]
    : ["Who can ", h("code", {}, result.action), " on ", h("code", {}, result.resource)];
  replaceChildren(
    container,
    h("h3", {}, question),
    h("p", { class: "account-count", role: "status" }, `${countLine(result)}.`),
    result.principals.length === 0
      ? h("p", { class: "help" }, "No user or role of the account may.")
      : h(
          "ul",
          { class: "who-can-list", "aria-label": "Principals" },
          result.principals.map((entry) => entryItem(entry, hooks)),
        ),
  );
}

function entryItem(entry: WhoCanEntry, hooks: ResultsHooks): HTMLElement {
  const status = entryStatus(entry);
  const explanation = h("div", { class: "who-can-explanation result-body" });
  const details = h(
    "details",
    {},
    h(
      "summary",
      {},
      h(
        "span",
        { class: `badge badge-small badge-${entry.decision}` },
        DECISION_WORDS[entry.decision],
      ),
      status === "uncertain"
        ? h(
            "span",
            { class: "tag tag-uncertain" },
            `uncertain: ${entry.otherDecision} under the other reading`,
          )
        : null,
      h("span", { class: "principal-kind" }, entry.kind),
      h("strong", { class: "principal-name" }, nameOf(entry.principal)),
      h("code", { class: "principal-arn" }, entry.principal),
      h("span", { class: "who-can-why" }, whyLine(entry)),
    ),
    explanation,
  );
  details.addEventListener("toggle", () => {
    if (!details.open || explanation.childElementCount > 0) return;
    try {
      const result = hooks.explain(entry.principal);
      replaceChildren(
        explanation,
        result
          ? resultDetails(result, {})
          : h("p", { class: "error-text" }, "The principal is no longer in the account."),
      );
    } catch (error) {
      replaceChildren(explanation, h("p", { class: "error-text" }, (error as Error).message));
    }
  });
  return h(
    "li",
    {
      class: `who-can-entry who-can-${status}`,
      "data-principal": entry.principal,
      "data-status": status,
      "data-decision": entry.decision,
    },
    details,
  );
}

/** A role's or user's name: the last part of its ARN (paths such as `/ops/` left out). */
function nameOf(arn: string): string {
  return arn.slice(arn.lastIndexOf("/") + 1);
}

/** The deciding statements, briefly; for a denied principal, core's reason. */
function whyLine(entry: WhoCanEntry): string {
  if (entry.decision !== "Allowed" && entry.reason !== undefined) return entry.reason;
  if (entry.decidedBy.length === 0) return "";
  return `by ${entry.decidedBy.map(statementWords).join(", ")}`;
}

function statementWords(d: DecidingStatement): string {
  const policy = d.policyName ?? `${d.policyType} policy #${d.policyIndex}`;
  return `${policy} ${formatStatementRef(d.statementIndex, d.sid)}`;
}
