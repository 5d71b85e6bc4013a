// Offline access checks, after IAM Access Analyzer's custom policy checks (CheckNoNewAccess,
// CheckAccessNotGranted, CheckNoPublicAccess). Each answers PASS or FAIL with the reasons; a check
// never answers PASS while access may exist: whatever it cannot prove (a condition it cannot
// compare, a containment past its search budget) is reported as a finding with the reason named.
// Semantics and limits: docs/access-checks.md.
import type { IamServiceData } from "../types.js";
import type { AccessCondition } from "./types.js";

export type CheckResult = "PASS" | "FAIL";

/** A statement of one of the policies, by index and Sid. */
export interface CheckStatementRef {
  statementIndex: number;
  sid?: string;
}

/** Why a grant of the new policy is new access. */
export type NewAccessReason =
  /** No Allow statement of the old policy names the action. */
  | "ACTION_NOT_GRANTED"
  /** The old policy allows the action, but on no resource pattern that contains the new one. */
  | "RESOURCE_NOT_COVERED"
  /** The old policy allows it only under conditions that the new grant's conditions do not imply. */
  | "CONDITIONS_NOT_COMPARABLE"
  /** The old policy allows it only to principals that the new grant's principals exceed. */
  | "PRINCIPAL_NOT_COVERED"
  /** A Deny of the old policy may apply, and the new policy has no Deny that covers it. */
  | "OLD_DENY_DROPPED"
  /** A pattern comparison ran past its search budget. */
  | "UNDECIDED";

export interface NewAccess {
  /** The actions (as the IAM data spells them; or an action pattern the data does not know). */
  actions: string[];
  /** The resource pattern, `every resource except …` for NotResource, absent when the statement has no Resource. */
  resource?: string;
  notResources?: string[];
  principals?: string[];
  notPrincipals?: string[];
  conditions: AccessCondition[];
  /** The new policy's statement that grants it. */
  statement: CheckStatementRef;
  reason: NewAccessReason;
  /** In words: why the old policy does not grant it. */
  explanation: string;
  /** The old policy's statements the reason is about (closest grants, or the dropped Deny). */
  oldStatements: CheckStatementRef[];
}

export interface NoNewAccessResult {
  check: "no-new-access";
  result: CheckResult;
  newAccess: NewAccess[];
  serviceDataDate: string;
}

export interface CheckOptions {
  serviceData: IamServiceData;
}

export { checkNoNewAccess } from "./check-no-new-access.js";
export { checkAccessNotGranted } from "./check-access-not-granted.js";
export type {
  AccessNotGrantedInput,
  AccessNotGrantedResult,
  GrantedAccess,
} from "./check-access-not-granted.js";
