// The presentation model of a decision and its explanation: the words every front end shows, as
// lines of typed text spans. Core chooses the words once; the plain-text renderer, the CLI (which
// adds colour) and the web page (which adds elements and links) only choose how each role looks.
import type { Decision, DecidingStatement, Effect, PolicyType } from "../types.js";

/**
 * What a span of text is, so that a renderer can style it without reading the words:
 * - `text`: plain words.
 * - `decision`: a decision name (`Allowed`, `ExplicitlyDenied`, `ImplicitlyDenied`); the line's
 *   `decision` or `otherDecision` says which.
 * - `uncertain`: the word marking an uncertain result.
 * - `label`: a line's label, such as `note` or `reading`.
 * - `pass` / `fail`: a mark (✓ / ✗) for a statement that applies or a condition that matched, or not.
 * - `policy`: a policy's name (with its type and level).
 * - `sid`: a statement's Sid.
 * - `heading`: the heading of a block, such as the one above suggestions.
 * - `operator`, `key`, `value`: the parts of a condition.
 * - `code`: a stable code (of a note or a reading), in brackets.
 * - `muted`: secondary detail (a line number, a reason, a count of statements left out).
 * - `link`: a web address, with `href`; the text around it stays in other spans.
 */
export type SpanRole =
  | "text"
  | "decision"
  | "uncertain"
  | "label"
  | "pass"
  | "fail"
  | "policy"
  | "sid"
  | "heading"
  | "operator"
  | "key"
  | "value"
  | "code"
  | "muted"
  | "link";

export interface Span {
  role: SpanRole;
  text: string;
  /** Drawn stronger than the rest of its line (bold in a terminal). */
  strong?: true;
  /** The address of a `link` span. */
  href?: string;
}

/**
 * What a line says, in the order lines come:
 * - `error`: the request could not be evaluated (the only line then).
 * - `decision`: the decision, and for an uncertain result the decision under the other reading.
 * - `decided-by`: one statement that decided (with `statement`).
 * - `no-statement`: an implicit deny that no statement decided.
 * - `note`: a note of the result (with `code`).
 * - `reading`: a reading the decision rests on, for an uncertain result (with `code`).
 * - `summary`: the explanation's one sentence (only with an explanation, as the lines below).
 * - `policy`: a policy whose statements follow (with `policy`).
 * - `statement`: a statement whose action matches (with `statement`, `applies`, `deciding`).
 * - `condition`: a condition of the statement above it.
 * - `skipped`: how many statements of the policy above do not match the action.
 * - `suggestions`: the heading of the nearest statements that would allow a denied request.
 * - `suggestion`: one such statement (with `statement`).
 * - `missing`: one thing the suggestion above needs: a list item (plain text writes `- ` first).
 */
export type LineKind =
  | "error"
  | "decision"
  | "decided-by"
  | "no-statement"
  | "note"
  | "reading"
  | "summary"
  | "policy"
  | "statement"
  | "condition"
  | "skipped"
  | "suggestions"
  | "suggestion"
  | "missing";

/**
 * A statement a line refers to, enough for a renderer to find it in the policy's text: a deciding
 * statement's fields, the effect optional (a suggestion's statement has none to show).
 */
export type StatementRef = Omit<DecidingStatement, "effect" | "column"> & { effect?: Effect };

export interface PresentationLine {
  kind: LineKind;
  /** Indentation: plain text indents two spaces per step. */
  depth: number;
  /** A block starts here: plain text leaves a blank line before it. */
  opensBlock?: true;
  spans: Span[];
  /** `decision` lines: the decision, and for an uncertain result the other one. */
  decision?: Decision;
  otherDecision?: Decision;
  /** `note` and `reading` lines: the stable code. */
  code?: string;
  /** `policy` lines. */
  policy?: { policyType: PolicyType; policyIndex: number; level?: number; policyName?: string };
  /** `decided-by`, `statement` and `suggestion` lines: the statement. */
  statement?: StatementRef;
  /** `statement` lines: whether it applies, and whether it is one that decided. */
  applies?: boolean;
  deciding?: boolean;
}

/** A decision in words, for headings and badges ("Implicitly denied"). */
export const DECISION_WORDS: Readonly<Record<Decision, string>> = {
  Allowed: "Allowed",
  ExplicitlyDenied: "Explicitly denied",
  ImplicitlyDenied: "Implicitly denied",
};
