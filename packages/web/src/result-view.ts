// The result: the decision as a badge, the deciding statements, notes, what would make a denial
// allowed, and the explanation as a tree (policy -> statement -> action / resource / principal /
// conditions, request value against policy value). Built from core's result only.
import type {
  ConditionExplanation,
  DecidingStatement,
  ElementMatch,
  EvaluationOutcome,
  PolicyExplanation,
  PolicyType,
  StatementExplanation,
  Suggestion,
  UncertainReading,
} from "@iamspec/core";
import { h, replaceChildren } from "./dom.js";

export interface StatementRef {
  policyType: PolicyType;
  policyIndex: number;
  /** SCP/RCP: the level core reports (0 = root). */
  level?: number | undefined;
  statementIndex: number;
  line?: number | undefined;
}

export interface ResultHooks {
  /** Scroll the editor to a statement and highlight it. */
  showStatement: (ref: StatementRef) => void;
  /** Put the cursor in a policy's editor at a line (where an evaluation error is). */
  goToError?: (at: {
    policyType: PolicyType;
    policyIndex: number;
    line: number;
    column: number;
  }) => void;
}

const DECISION_TEXT = {
  Allowed: "Allowed",
  ExplicitlyDenied: "Explicitly denied",
  ImplicitlyDenied: "Implicitly denied",
} as const;

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
    const e = outcome.error;
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
    return;
  }
  container.dataset.decision = outcome.decision;
  const explain = outcome.explain;
  replaceChildren(
    container,
    h(
      "p",
      { class: `badge badge-${outcome.decision}`, role: "status", "aria-live": "polite" },
      DECISION_TEXT[outcome.decision],
    ),
    outcome.uncertain === true
      ? renderUncertain(outcome.otherDecision!, outcome.readings ?? [])
      : null,
    explain?.summary ? h("p", { class: "summary" }, explain.summary) : null,
    outcome.decidedBy.length > 0
      ? h(
          "div",
          { class: "decided-by" },
          h("h3", {}, outcome.decidedBy.length > 1 ? "Deciding statements" : "Deciding statement"),
          h(
            "ul",
            {},
            outcome.decidedBy.map((d) => h("li", {}, decidingLabel(d), " ", showButton(d, hooks))),
          ),
        )
      : null,
    outcome.notes && outcome.notes.length > 0
      ? h(
          "div",
          { class: "notes" },
          h("h3", {}, "Notes"),
          h(
            "ul",
            {},
            outcome.notes.map((n) => h("li", { "data-code": n.code }, n.message)),
          ),
        )
      : null,
    outcome.decision !== "Allowed" && explain?.suggestions && explain.suggestions.length > 0
      ? renderSuggestions(explain.suggestions, hooks)
      : null,
    explain ? renderTree(explain.policies, outcome.decidedBy, hooks) : null,
  );
}

/**
 * An uncertain result (core's `uncertain`): the decision rests on a reading AWS does not document or
 * on a statement that cannot be evaluated, and the other reading decides otherwise. The badge keeps
 * the fail-safe decision; this block names the other decision and each reading with its source.
 */
function renderUncertain(
  otherDecision: keyof typeof DECISION_TEXT,
  readings: readonly UncertainReading[],
): HTMLElement {
  return h(
    "div",
    { class: "uncertain", "data-other-decision": otherDecision, role: "note" },
    h(
      "p",
      {},
      h("strong", {}, "Uncertain: "),
      `${DECISION_TEXT[otherDecision]} under the other reading. AWS does not document which reading it takes, so the decision lies between the two.`,
    ),
    h(
      "ul",
      {},
      readings.map((r) =>
        h(
          "li",
          { "data-code": r.code },
          h("code", {}, r.code),
          ` at ${r.where}. Other reading: ${r.otherReading}. See `,
          sourceLink(r.source),
        ),
      ),
    ),
  );
}

/** The reading's source: the first web address in it is a link, the rest is text. */
function sourceLink(source: string): (HTMLElement | string)[] {
  const url = /https:\/\/\S+?(?=[);]|$)/.exec(source)?.[0];
  if (url === undefined) return [source];
  const at = source.indexOf(url);
  return [
    source.slice(0, at),
    h("a", { href: url, target: "_blank", rel: "noopener" }, url),
    source.slice(at + url.length),
  ];
}

function decidingLabel(d: DecidingStatement): HTMLElement {
  return h(
    "span",
    { class: `deciding deciding-${d.effect.toLowerCase()}` },
    h("strong", { class: "sid" }, d.sid ?? `Statement ${d.statementIndex + 1}`),
    ` (${d.effect}) in `,
    h("span", {}, d.policyName ?? `${d.policyType} policy ${d.policyIndex + 1}`),
    d.line !== undefined ? `, line ${d.line}` : "",
  );
}

function showButton(
  ref: StatementRef & { sid?: string | undefined },
  hooks: ResultHooks,
): HTMLElement {
  return h(
    "button",
    {
      type: "button",
      class: "link",
      "aria-label": `Show ${ref.sid ?? `statement ${ref.statementIndex + 1}`} in the editor`,
      onclick: () => hooks.showStatement(ref),
    },
    "Show in editor",
  );
}

function renderSuggestions(suggestions: Suggestion[], hooks: ResultHooks): HTMLElement {
  return h(
    "div",
    { class: "suggestions" },
    h("h3", {}, "What would make it allowed"),
    h(
      "ul",
      {},
      suggestions.map((s) =>
        h(
          "li",
          {},
          h("strong", {}, s.sid ?? `Statement ${s.statementIndex + 1}`),
          ` in ${s.policyName ?? `${s.policyType} policy ${s.policyIndex + 1}`} would allow it with:`,
          h(
            "ul",
            {},
            s.missing.map((m) => h("li", {}, m)),
          ),
          showButton(s, hooks),
        ),
      ),
    ),
  );
}

function renderTree(
  policies: PolicyExplanation[],
  decidedBy: DecidingStatement[],
  hooks: ResultHooks,
): HTMLElement {
  const isDeciding = (p: PolicyExplanation, s: StatementExplanation) =>
    decidedBy.some(
      (d) =>
        d.policyType === p.policyType &&
        d.policyIndex === p.policyIndex &&
        d.statementIndex === s.statementIndex &&
        (d.level ?? 0) === (p.level ?? 0),
    );
  return h(
    "div",
    { class: "explanation" },
    h("h3", {}, "Explanation"),
    h(
      "ul",
      { class: "tree" },
      policies.map((policy) => {
        const applying = policy.statements.filter((s) => s.applies);
        const skipped = policy.statements.filter((s) => !s.applies);
        const item = (s: StatementExplanation) =>
          h("li", {}, renderStatement(policy, s, isDeciding(policy, s), hooks));
        // Statements that do not apply are many in big policies: folded, one line each when opened.
        const skippedGroup =
          skipped.length === 0
            ? null
            : h(
                "li",
                {},
                (() => {
                  const group = h(
                    "details",
                    { class: "tree-skipped" },
                    h(
                      "summary",
                      {},
                      `${skipped.length} statement${skipped.length === 1 ? " does" : "s do"} not apply`,
                    ),
                    h("ul", {}, skipped.map(item)),
                  );
                  group.open = applying.length === 0 && skipped.length <= 8;
                  return group;
                })(),
              );
        const details = h(
          "details",
          { class: "tree-policy" },
          h(
            "summary",
            {},
            h(
              "span",
              { class: "tree-kind" },
              policy.policyType + (policy.level !== undefined ? ` level ${policy.level}` : ""),
            ),
            " ",
            h(
              "strong",
              {},
              policy.policyName ?? `${policy.policyType} policy ${policy.policyIndex + 1}`,
            ),
            ` — ${applying.length} of ${policy.statements.length} statement${policy.statements.length === 1 ? "" : "s"} apply`,
          ),
          h("ul", {}, applying.map(item), skippedGroup),
        );
        details.open = policies.length <= 3;
        return h("li", {}, details);
      }),
    ),
  );
}

function renderStatement(
  policy: PolicyExplanation,
  s: StatementExplanation,
  deciding: boolean,
  hooks: ResultHooks,
): HTMLElement {
  const name = s.sid ?? `Statement ${s.statementIndex + 1}`;
  const details = h(
    "details",
    {
      class: `tree-statement ${s.applies ? "applies" : "skipped"}${deciding ? " deciding" : ""}`,
      "data-sid": s.sid ?? "",
    },
    h(
      "summary",
      {},
      h(
        "span",
        { class: s.applies ? "mark ok" : "mark no", "aria-hidden": "true" },
        s.applies ? "✓" : "✗",
      ),
      h("span", { class: "visually-hidden" }, s.applies ? "applies: " : "does not apply: "),
      h("strong", {}, name),
      ` (${s.effect})`,
      deciding ? h("span", { class: "tag tag-deciding" }, "deciding") : null,
      !s.applies && s.firstFailure ? h("span", { class: "why" }, ` — ${s.firstFailure}`) : null,
    ),
    h(
      "ul",
      { class: "tree-elements" },
      elementItem(s.action),
      s.resource ? elementItem(s.resource) : null,
      s.principal ? elementItem(s.principal) : null,
      s.conditions.map(conditionItem),
    ),
    showButton(
      {
        policyType: policy.policyType,
        policyIndex: policy.policyIndex,
        level: policy.level,
        statementIndex: s.statementIndex,
        line: s.line,
        sid: s.sid,
      },
      hooks,
    ),
  );
  details.open = deciding;
  return details;
}

function elementItem(m: ElementMatch): HTMLElement {
  return h(
    "li",
    { class: m.matched ? "ok" : "no" },
    h("span", { class: "mark", "aria-hidden": "true" }, m.matched ? "✓" : "✗"),
    h("span", { class: "visually-hidden" }, m.matched ? "matches: " : "does not match: "),
    h("span", { class: "el" }, m.element),
    " ",
    h("code", {}, m.value),
    m.matchedPattern !== undefined
      ? [
          m.element.startsWith("Not") ? " excluded by " : " matched by ",
          h("code", {}, m.matchedPattern),
        ]
      : m.matched
        ? ""
        : " matched by no pattern",
  );
}

function conditionItem(c: ConditionExplanation): HTMLElement {
  return h(
    "li",
    { class: c.matched ? "ok" : "no" },
    h("span", { class: "mark", "aria-hidden": "true" }, c.matched ? "✓" : "✗"),
    h("span", { class: "visually-hidden" }, c.matched ? "true: " : "false: "),
    h("span", { class: "el" }, "Condition"),
    " ",
    h("code", {}, c.operator),
    " ",
    h("code", {}, c.key),
    ": request ",
    c.requestValues === undefined
      ? h("em", {}, "(key absent)")
      : h("code", {}, c.requestValues.map((v) => JSON.stringify(v)).join(", ") || "[]"),
    " against policy ",
    h("code", {}, c.policyValues.map((v) => JSON.stringify(v)).join(", ")),
    c.reason ? h("span", { class: "why" }, ` — ${c.reason}`) : null,
  );
}
