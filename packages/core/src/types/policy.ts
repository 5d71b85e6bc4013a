// The policy side of @iamspec/core's public shapes: JSON values and documents as given, diagnostics,
// and the parsed policy (normalised AST).

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

// Diagnostics

/** Where something is in a policy's source: JSON path always, line/column (1-based) when the policy came as text. */
export interface SourceLocation {
  /** JSON path, e.g. `$.Statement[1].Condition.StringEquals["aws:RequestTag/CreatedBy"]`. */
  path: string;
  line?: number;
  column?: number;
}

export interface Diagnostic extends SourceLocation {
  /** A code of docs/checks.md (e.g. `JSON_SYNTAX_ERROR`, `INVALID_EFFECT`). */
  code: string;
  severity: Severity;
  message: string;
  hint?: string;
  /** File name or policy name the diagnostic is about, when known. */
  source?: string;
}

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
  /** The effective version: `2008-10-17` when `Version` is absent (docs/evaluation-rules.md §1.2). */
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
