// The words of a decision: the explanation's summary (one per way a decision is reached), statement
// labels, and the texts of the notes. Kept apart from the algorithm so that decide.ts reads as the
// evaluation order; summaries run only in explain mode, note texts only when a note is made.
import type { Decision, Note, UncertainReading } from "../types.js";
import type { RequestPrincipal } from "../matching/principal.js";
import { describeStatement } from "../explain/describe.js";
import type { CompiledStatement } from "./compiled-policy.js";
import type { PolicyRef } from "./load-policies.js";
import type { PreparedRequest } from "./prepare-request.js";
import type { AwsSideRule } from "./aws-side-rules.js";
import type { Verdict } from "./layer.js";
import type { RunState } from "./run-state.js";
import { ensurePositions } from "../policy/deferred-positions.js";
import type { RolePrincipal } from "./request-facts.js";
import { isCrossAccount, principalAccountOf, resourceAccountFor } from "./request-facts.js";

export function statementLabel(ref: PolicyRef, cs: CompiledStatement): string {
  ensurePositions(cs.policy);
  const s = cs.statement;
  return describeStatement({
    ...ref,
    statementIndex: s.index,
    ...(s.sid !== undefined ? { sid: s.sid } : {}),
    ...(s.loc.line !== undefined ? { line: s.loc.line } : {}),
  });
}

function labels(by: readonly Verdict[]): string {
  return by.map((v) => statementLabel(v.ref, v.cs)).join("; ");
}

function whatOf(prep: PreparedRequest): string {
  return `${prep.action} on ${prep.resource}`;
}

function describeVerdicts(verdicts: readonly Verdict[], isRoot: boolean): string {
  if (verdicts.length === 0) return isRoot ? "the account root user's full access" : "(nothing)";
  return labels(verdicts);
}

const CONSENT_WORDS = { kms: "the KMS key policy", trust: "the role trust policy" } as const;

function consentWord(st: RunState): string {
  return CONSENT_WORDS[st.consent ?? "trust"];
}

/** Identity-only mode cannot see the key or trust policy: the same note for every such request (frozen, shared). */
export const CONSENT_REQUIRED: Readonly<Record<"kms" | "trust", Note>> = {
  kms: consentNote("KMS_KEY_POLICY_REQUIRED", CONSENT_WORDS.kms),
  trust: consentNote("ROLE_TRUST_POLICY_REQUIRED", CONSENT_WORDS.trust),
};

function consentNote(code: string, policy: string): Note {
  return Object.freeze({
    code,
    message: `AWS also requires ${policy} to allow this request (or to delegate to the account); policies.resource is absent, so only the principal's side was evaluated`,
  });
}

/**
 * Why a resource-policy grant to the role did not count: the boundary or the session policy, which
 * limit such grants (docs/evaluation-rules.md §7.2 step 4d, f), does not allow. Called only when one of them failed.
 */
function limitFailure(st: RunState): string {
  if (!st.boundaryAllows) return "the permissions boundary does not allow it";
  if (!st.hasSession) return "a federated-user session without a session policy has no permissions";
  return "no session policy statement allows it";
}

/** The first caller-side layer without an Allow (docs/evaluation-rules.md §7.2 steps 5-7). */
function callerSideFailure(st: RunState): string {
  if (!st.identityAllows) return `no identity policy statement allows ${whatOf(st.prep)}`;
  if (!st.boundaryAllows) return `the permissions boundary does not allow ${whatOf(st.prep)}`;
  if (!st.hasSession) return "a federated-user session without a session policy has no permissions";
  return `no session policy statement allows ${whatOf(st.prep)}`;
}

/** A summary of the decision for the explanation; called only in explain mode. */
export type Summary = (st: RunState, by: readonly Verdict[]) => string;

// The summaries, one per way a decision is reached.
export const refusedByAws: Summary = (st) =>
  `Denied by a rule of AWS that no policy shows (${st.awsRule!.id}): ${st.awsRule!.rule}; the policies are listed for reference (${st.awsRule!.sources[0]})`;
export const explicitlyDenied: Summary = (_st, by) => `Explicitly denied by ${labels(by)}`;
export const allowedBy: Summary = (_st, by) => `Allowed by ${labels(by)}`;
export const noRcpAllows: Summary = (st) =>
  `Implicitly denied: no RCP${st.set.rcp!.length > 1 ? ` at level ${st.rcpFailedLevel}` : ""} allows ${whatOf(st.prep)}`;
export const noScpAllows: Summary = (st) =>
  `Implicitly denied: no SCP${st.set.scp!.length > 1 ? ` at level ${st.scpFailedLevel}` : ""} allows ${whatOf(st.prep)}`;
export const noResourceGrantForNonIam: Summary = (st) => {
  const p = st.prep.principal!;
  const who = p.kind === "service" ? `service principal ${p.name}` : "anonymous callers";
  return `Implicitly denied: no resource policy statement allows ${who} ${whatOf(st.prep)}`;
};
export const callerSideDenied: Summary = (st) =>
  `Implicitly denied${isCrossAccount(st.prep) ? " (cross-account)" : ""}: ${callerSideFailure(st)}`;
export const crossAccountNoGrant: Summary = (st) =>
  `Implicitly denied (cross-account): no resource policy statement of account ${resourceAccountFor(st.prep)} allows the principal ${whatOf(st.prep)}`;
export const crossAccountAllowed: Summary = (_st, by) => `Allowed (cross-account) by ${labels(by)}`;
export const callerSideOnlyCrossAccount: Summary = (st, by) =>
  `Allowed on the principal's side by ${describeVerdicts(by, st.isRoot)} (cross-account: the resource's policy was not given)`;
export const consentMissing: Summary = (st) => {
  const why =
    st.limitedGrants > 0
      ? `${consentWord(st)} grants it, but ${limitFailure(st)}`
      : `${consentWord(st)} does not allow the principal`;
  return `Implicitly denied: ${why} (${whatOf(st.prep)})`;
};
export const consentDelegated: Summary = (st, by) =>
  `Allowed by ${labels(by)} (${consentWord(st)} delegates to the account)`;
export const callerSideDeniedNoGrant: Summary = (st) => {
  if (st.limitedGrants === 0)
    return `Implicitly denied: ${callerSideFailure(st)} and no resource policy statement grants it`;
  // The boundary or session policy limits the resource policy's grant (docs/evaluation-rules.md §7.2 step 4d): name it once.
  if (st.identityAllows)
    return `Implicitly denied: ${callerSideFailure(st)}, which also limits the resource policy's grant`;
  return `Implicitly denied: ${callerSideFailure(st)}; the resource policy grants it, but ${limitFailure(st)}`;
};
export const callerSideAllowed: Summary = (st, by) =>
  `Allowed by ${describeVerdicts(by, st.isRoot)}`;
export const noPermissionNeeded: Summary = (st) =>
  `Allowed: sts:GetCallerIdentity needs no permission, so no policy decides it (STS API Reference: GetCallerIdentity); ${
    st.waivedDenies.length > 0
      ? `matching Deny statements that do not stop it: ${labels(st.waivedDenies)}`
      : "the policies are listed for reference"
  }`;

/** Appended to the summary when the other reading of a reading point decides otherwise (readings.ts). */
export function uncertainSuffix(other: Decision, readings: readonly UncertainReading[]): string {
  const codes = [...new Set(readings.map((r) => r.code))].join(", ");
  const sources = [...new Set(readings.map((r) => r.source.split(" ")[0]))].join(", ");
  return ` (uncertain: ${other} under the other reading of ${codes}; see ${sources})`;
}

// The texts of the notes, one per note code (the code stays where the note is made).

export function notEvaluableText(label: string, why: string | undefined, deny: boolean): string {
  return `${label}: ${why ?? "cannot be evaluated"}; ${deny ? "the Deny counts as applying (fail-safe)" : "the Allow does not count"}`;
}

export function noPermissionRequiredText(denies: readonly Verdict[]): string {
  return `sts:GetCallerIdentity needs no permission: AWS answers it for any IAM caller, even when a policy denies it (STS API Reference: GetCallerIdentity)${denies.length > 0 ? `; matching Deny statements that do not stop it: ${labels(denies)}` : ""}`;
}

export function awsSideRuleText(rule: AwsSideRule): string {
  return `${rule.id}: AWS refuses this request whatever the policies say: ${rule.rule} (${rule.sources[0]})`;
}

export function identityPoliciesNotApplicableText(p: RequestPrincipal): string {
  return `identity-side policies do not apply to ${p.kind === "service" ? "a service principal" : "anonymous callers"}; only resource policies can grant`;
}

export function resourcePolicyUnknownText(p: RequestPrincipal): string {
  return `requests by ${p.kind === "service" ? "service principals" : "anonymous callers"} are granted only by resource policies; policies.resource is absent`;
}

export function crossAccountResourcePolicyRequiredText(prep: PreparedRequest): string {
  const principalAccount = principalAccountOf(prep);
  const resourceAccount = resourceAccountFor(prep);
  return `the principal's account ${principalAccount} differs from the resource's account ${resourceAccount}: AWS also requires a resource policy in ${resourceAccount} to allow this request; policies.resource is absent, so only the principal's side was evaluated`;
}

export const ROOT_USER_TEXT =
  "the account root user needs no identity policy within its own account";

export function sessionPolicyNotApplicableText(p: RequestPrincipal): string {
  const who = p.kind === "root" ? "the account root user" : "an IAM user";
  return `session policies bind only role and federated-user sessions; the principal is ${who}, so policies.session was not evaluated (neither its Allows nor its Denies)`;
}

export function serviceLinkedRoleText(roleName: string): string {
  return `SCPs do not bind service-linked roles, and ${roleName} is one (its path starts with aws-service-role/): the SCPs were not evaluated; RCPs and the role's own policies still apply`;
}

export function possiblyServiceLinkedRoleText(p: RolePrincipal): string {
  const why =
    p.kind === "assumed-role"
      ? "a session ARN does not carry the role's path"
      : "its ARN lacks the aws-service-role/ path";
  return `${p.roleName} is named like a service-linked role, which SCPs do not bind, but ${why}, so the SCPs were applied (fail-safe); if it is a service-linked role, give its role ARN with its path as the principal (arn:${p.partition}:iam::${p.account}:role/aws-service-role/<service principal>/${p.roleName}) and the SCPs will not apply`;
}
