// A result (docs/architecture.md §5.2): the decision, what decided it, notes, uncertainty, and the
// explanation.
import type { Decision, Effect, PolicyType } from "./policy.js";

// Results

export interface DecidingStatement {
  policyType: PolicyType;
  policyIndex: number;
  /** For `scp` / `rcp`: the level (0 = root). */
  level?: number;
  policyName?: string;
  statementIndex: number;
  sid?: string;
  effect: Effect;
  line?: number;
  column?: number;
}

export interface Note {
  /** Stable code, e.g. `RESOURCE_POLICY_UNKNOWN`, `KMS_KEY_POLICY_REQUIRED`. */
  code: string;
  message: string;
}

/** A reading point the decision depends on (see `EvaluationResult.uncertain`). */
export interface UncertainReading {
  /** Stable code, e.g. `FOR_ANY_VALUE_IF_EXISTS_ABSENT`, `WILDCARD_GRANT_UNDER_LIMITS`. */
  code: string;
  /** The statement (or grant) where the reading applies, and why. */
  where: string;
  /** The reading iamspec took (the fail-safe one). */
  reading: string;
  /** The other reading, under which the decision would be `otherDecision`. */
  otherReading: string;
  /** Where the reading is discussed: the repository's docs and the AWS page. */
  source: string;
}

export interface EvaluationResult {
  id?: string | number;
  decision: Decision;
  decidedBy: DecidingStatement[];
  notes?: Note[];
  explain?: Explanation;
  /**
   * Present (true) only when the decision depends on a reading AWS does not document or on a
   * statement that cannot be evaluated, and the other reading gives another decision. `decision` is
   * the fail-safe reading's, `otherDecision` the other's: what AWS does lies between them.
   */
  uncertain?: true;
  /** The decision under the other reading; present exactly when `uncertain` is. */
  otherDecision?: Decision;
  /** The reading points reached; present exactly when `uncertain` is. */
  readings?: UncertainReading[];
}

export interface EvaluationErrorInfo {
  message: string;
  code?: string;
  policyType?: PolicyType;
  policyIndex?: number;
  policyName?: string;
  source?: string;
  path?: string;
  line?: number;
  column?: number;
}

export interface EvaluationErrorResult {
  id?: string | number;
  error: EvaluationErrorInfo;
  // Absent here, so that `outcome.decision` reads in one line on either kind of outcome
  // (`undefined` when the request could not be evaluated); `"error" in outcome` still narrows.
  decision?: undefined;
  decidedBy?: undefined;
  notes?: undefined;
  explain?: undefined;
  uncertain?: undefined;
  otherDecision?: undefined;
  readings?: undefined;
}

export type EvaluationOutcome = EvaluationResult | EvaluationErrorResult;

// Explanations

export interface ElementMatch {
  /** Which element was tested, e.g. `Action` or `NotResource`. */
  element: "Action" | "NotAction" | "Resource" | "NotResource" | "Principal" | "NotPrincipal";
  matched: boolean;
  /** The request value tested. */
  value: string;
  /** The pattern that matched (for NotX: the pattern that excluded it), if any. */
  matchedPattern?: string;
}

export interface ConditionExplanation {
  operator: string;
  key: string;
  policyValues: string[];
  /** `undefined` when the key is absent from the request. */
  requestValues?: string[];
  matched: boolean;
  line?: number;
  column?: number;
  /** Why, in words: e.g. "key is missing: positive operators are false". */
  reason?: string;
}

export interface StatementExplanation {
  statementIndex: number;
  sid?: string;
  effect: Effect;
  line?: number;
  column?: number;
  /** The statement counts in the decision: action, resource, principal and conditions all matched (or, for a Deny, what did not fail cannot be evaluated: fail-safe). */
  applies: boolean;
  action: ElementMatch;
  resource?: ElementMatch;
  principal?: ElementMatch;
  conditions: ConditionExplanation[];
  /**
   * The first thing that failed, in words, when the statement does not apply; for a statement that
   * cannot be evaluated (which applies only if it is a Deny), why it cannot.
   */
  firstFailure?: string;
}

export interface PolicyExplanation {
  policyType: PolicyType;
  policyIndex: number;
  level?: number;
  policyName?: string;
  statements: StatementExplanation[];
}

export interface Suggestion {
  policyType: PolicyType;
  policyIndex: number;
  policyName?: string;
  statementIndex: number;
  sid?: string;
  line?: number;
  /**
   * What the request would need, each completing "would allow it if …", e.g.
   * `aws:RequestTag/CreatedBy were one of "EC2 Image Builder", "EC2 Fast Launch"`.
   */
  missing: string[];
}

export interface Explanation {
  /** One sentence: why this decision. */
  summary: string;
  policies: PolicyExplanation[];
  /** For denials: the nearest statements and what each one misses. */
  suggestions?: Suggestion[];
}
