// presentOutcome: a result as presentation lines (see presentation.ts). The words are the CLI's,
// which users and its snapshot tests know; the plain-text renderer, the CLI and the web page all
// show these lines, so they cannot disagree.
import type {
  ConditionExplanation,
  DecidingStatement,
  EvaluationErrorInfo,
  EvaluationOutcome,
  EvaluationResult,
  Explanation,
  PolicyExplanation,
  StatementExplanation,
  UncertainReading,
} from "../types.js";
import type { PresentationLine, Span, SpanRole, StatementRef } from "./presentation.js";

const span = (role: SpanRole, text: string): Span => ({ role, text });
const text = (words: string): Span => span("text", words);
const strong = (role: SpanRole, words: string): Span => ({ role, text: words, strong: true });
const mark = (ok: boolean): Span => span(ok ? "pass" : "fail", ok ? "✓" : "✗");

/** The lines of a result: decision, deciding statements, notes, readings, then the explanation. */
export function presentOutcome(outcome: EvaluationOutcome): PresentationLine[] {
  if ("error" in outcome) return [errorLine(outcome.error, outcome.id)];
  const lines = [decisionLine(outcome)];
  for (const d of outcome.decidedBy) lines.push(decidedByLine(d));
  if (outcome.decidedBy.length === 0 && outcome.decision === "ImplicitlyDenied") {
    lines.push({
      kind: "no-statement",
      depth: 1,
      spans: [span("muted", "no statement allows this request")],
    });
  }
  for (const note of outcome.notes ?? []) {
    lines.push({
      kind: "note",
      depth: 1,
      code: note.code,
      spans: [span("label", "note"), text(` ${note.message} `), span("muted", `[${note.code}]`)],
    });
  }
  for (const reading of outcome.readings ?? []) lines.push(readingLine(reading));
  if (outcome.explain !== undefined) lines.push(...explanationLines(outcome.explain, outcome));
  return lines;
}

function errorLine(error: EvaluationErrorInfo, id: string | number | undefined): PresentationLine {
  const parts: string[] = [];
  if (error.source !== undefined) parts.push(error.source);
  if (error.line !== undefined)
    parts.push(`line ${error.line}${error.column !== undefined ? `, column ${error.column}` : ""}`);
  if (error.path !== undefined) parts.push(error.path);
  const spans = [span("label", "Error"), text(`${id !== undefined ? ` [${id}]` : ""}: `)];
  spans.push(text(error.message));
  if (parts.length > 0) spans.push(span("muted", ` (${parts.join(", ")})`));
  return { kind: "error", depth: 0, spans };
}

function decisionLine(result: EvaluationResult): PresentationLine {
  const spans = [strong("decision", result.decision)];
  const line: PresentationLine = { kind: "decision", depth: 0, decision: result.decision, spans };
  if (result.uncertain === true && result.otherDecision !== undefined) {
    line.otherDecision = result.otherDecision;
    spans.push(text(" "), span("uncertain", "uncertain"), text(": "));
    spans.push(span("decision", result.otherDecision), text(" under the other reading"));
  }
  return line;
}

function policyWords(p: { policyType: string; policyIndex: number; policyName?: string }): string {
  return `${p.policyType} policy ${p.policyName ?? `#${p.policyIndex}`}`;
}

const levelWords = (level: number | undefined) => (level !== undefined ? ` (level ${level})` : "");

/** A Sid as spans: a space, then the Sid; nothing for a missing or empty Sid. */
function sidSpans(sid: string | undefined, bold = false): Span[] {
  if (!sid) return [];
  return [text(" "), bold ? strong("sid", sid) : span("sid", sid)];
}

function refOf(d: StatementRef): StatementRef {
  const ref: StatementRef = {
    policyType: d.policyType,
    policyIndex: d.policyIndex,
    statementIndex: d.statementIndex,
  };
  if (d.level !== undefined) ref.level = d.level;
  if (d.policyName !== undefined) ref.policyName = d.policyName;
  if (d.sid !== undefined) ref.sid = d.sid;
  if (d.effect !== undefined) ref.effect = d.effect;
  if (d.line !== undefined) ref.line = d.line;
  return ref;
}

function decidedByLine(d: DecidingStatement): PresentationLine {
  const line = d.line !== undefined ? `, line ${d.line}` : "";
  return {
    kind: "decided-by",
    depth: 1,
    statement: refOf(d),
    spans: [
      text("decided by "),
      span("policy", `${policyWords(d)}${levelWords(d.level)}`),
      text(`: Statement[${d.statementIndex}]`),
      ...sidSpans(d.sid, true),
      text(` (${d.effect}${line})`),
    ],
  };
}

/** The reading's source: its first web address is a link, the text around it stays text. */
function sourceSpans(source: string): Span[] {
  const url = /https:\/\/\S+?(?=[);]|$)/.exec(source)?.[0];
  if (url === undefined) return [span("muted", `[${source}]`)];
  const at = source.indexOf(url);
  return [
    span("muted", `[${source.slice(0, at)}`),
    { role: "link", text: url, href: url },
    span("muted", `${source.slice(at + url.length)}]`),
  ];
}

function readingLine(r: UncertainReading): PresentationLine {
  return {
    kind: "reading",
    depth: 1,
    code: r.code,
    spans: [
      span("label", "reading"),
      text(" "),
      span("code", r.code),
      text(` at ${r.where}; the other reading: ${r.otherReading} `),
      ...sourceSpans(r.source),
    ],
  };
}

function explanationLines(explain: Explanation, result: EvaluationResult): PresentationLine[] {
  const lines: PresentationLine[] = [
    { kind: "summary", depth: 0, opensBlock: true, spans: [text(explain.summary)] },
  ];
  for (const policy of explain.policies) lines.push(...policyLines(policy, result.decidedBy));
  if (explain.suggestions !== undefined && explain.suggestions.length > 0) {
    lines.push({
      kind: "suggestions",
      depth: 0,
      opensBlock: true,
      spans: [strong("heading", "To be allowed, the request would need:")],
    });
    for (const s of explain.suggestions) {
      lines.push({
        kind: "suggestion",
        depth: 1,
        statement: refOf({ ...s, effect: "Allow" }),
        spans: [
          span("policy", s.policyName ?? s.policyType),
          text(` Statement[${s.statementIndex}]`),
          ...sidSpans(s.sid),
          text(":"),
        ],
      });
      for (const m of s.missing) lines.push({ kind: "missing", depth: 2, spans: [text(m)] });
    }
  }
  return lines;
}

function policyLines(
  policy: PolicyExplanation,
  decidedBy: readonly DecidingStatement[],
): PresentationLine[] {
  const { policyType, policyIndex, level, policyName } = policy;
  const lines: PresentationLine[] = [
    {
      kind: "policy",
      depth: 0,
      opensBlock: true,
      policy: {
        policyType,
        policyIndex,
        ...(level !== undefined && { level }),
        ...(policyName !== undefined && { policyName }),
      },
      spans: [strong("policy", `${policyWords(policy)}${levelWords(level)}`)],
    },
  ];
  // Statements whose action does not match say nothing about this request: count them only.
  const relevant = policy.statements.filter((s) => s.action.matched);
  for (const statement of relevant) {
    const deciding = decidedBy.some(
      (d) =>
        d.policyType === policyType &&
        d.policyIndex === policyIndex &&
        (d.level ?? 0) === (level ?? 0) &&
        d.statementIndex === statement.statementIndex,
    );
    lines.push(statementLine(policy, statement, deciding));
    for (const condition of statement.conditions) lines.push(conditionLine(condition));
  }
  const skipped = policy.statements.length - relevant.length;
  if (skipped > 0) {
    lines.push({
      kind: "skipped",
      depth: 1,
      spans: [
        span(
          "muted",
          `${skipped} other statement${skipped === 1 ? "" : "s"} do not match the action`,
        ),
      ],
    });
  }
  return lines;
}

function statementLine(
  policy: PolicyExplanation,
  s: StatementExplanation,
  deciding: boolean,
): PresentationLine {
  // A Deny that cannot be evaluated applies (fail-safe) and still says why it cannot be evaluated.
  const verdict = s.applies
    ? `applies (${s.effect})${s.firstFailure !== undefined ? `, fail-safe: ${s.firstFailure}` : ""}`
    : (s.firstFailure ?? "does not apply");
  return {
    kind: "statement",
    depth: 1,
    statement: refOf({ ...policy, ...s }),
    applies: s.applies,
    deciding,
    spans: [
      mark(s.applies),
      text(` Statement[${s.statementIndex}]`),
      ...sidSpans(s.sid),
      ...(s.line !== undefined ? [span("muted", ` line ${s.line}`)] : []),
      text(`: ${verdict}`),
    ],
  };
}

function conditionLine(c: ConditionExplanation): PresentationLine {
  const request = c.requestValues === undefined ? "absent" : JSON.stringify(c.requestValues);
  const spans = [mark(c.matched), text(" "), span("operator", c.operator), text(" ")];
  spans.push(span("key", c.key), text(" "), span("value", JSON.stringify(c.policyValues)));
  spans.push(text(" — request: "), span("value", request));
  if (c.reason && !c.matched) spans.push(span("muted", ` (${c.reason})`));
  return { kind: "condition", depth: 3, spans };
}
