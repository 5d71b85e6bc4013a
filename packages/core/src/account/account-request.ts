// The request AWS evaluates when a principal of the account asks for an action on a resource: the
// principal's own context keys, and its policy set for that resource — its identity policies,
// boundary and SCPs (AccountPrincipal.policies) plus the resource's side: its resource-based
// policies (a role's trust policy for sts:AssumeRole*) and the RCPs of the resource's account.
// docs/account-mode.md says how a resource's policies are found.
import type {
  ContextValue,
  EvaluationRequest,
  EvaluationResult,
  NamedPolicy,
  PolicySet,
  RequestContext,
} from "../types.js";
import { isAccountId } from "../matching/principal.js";
import { ROLE_TRUST_ACTIONS } from "../evaluation/request-facts.js";
import type { PolicyLevelList } from "./account-inputs.js";
import type { Account, AccountPrincipal } from "./load-account.js";

export interface AccountQuery {
  action: string;
  /** Defaults to `*`. */
  resource?: string;
  /** Context keys; the principal's own (aws:PrincipalTag/…, aws:userid…) are added unless given. */
  context?: { readonly [key: string]: ContextValue | undefined };
}

/** The evaluation of one principal's request failed (a malformed action, context or policy). */
export class AccountQueryError extends Error {
  readonly principal: string;
  constructor(message: string, principal: string) {
    super(`cannot evaluate for ${principal}: ${message}`);
    this.name = "AccountQueryError";
    this.principal = principal;
  }
}

/** `arn:P:s3:::bucket/key` -> `arn:P:s3:::bucket`: a bucket policy also governs its objects. */
const S3_OBJECT = /^(arn:[^:]+:s3:::[^/]+)\/./;

/**
 * The resource-based policies of `resource` for `action`, or undefined when they are unknown:
 * for sts:AssumeRole* on a role of the account, its trust policy; else the policies given for the
 * resource's ARN exactly; else, for an S3 object, those given for its bucket.
 */
export function resourcePoliciesFor(
  account: Account,
  action: string,
  resource: string,
): readonly NamedPolicy[] | undefined {
  // docs/evaluation-rules.md §7.2 step 4g: for sts:AssumeRole* the role's trust policy is its resource policy.
  if (ROLE_TRUST_ACTIONS.has(action.toLowerCase())) {
    const role = account.roles.get(resource);
    if (role !== undefined) return role.trust ? [role.trust] : [];
  }
  const exact = account.resourcePolicies.get(resource);
  if (exact !== undefined) return exact;
  const bucket = S3_OBJECT.exec(resource)?.[1];
  return bucket !== undefined ? account.resourcePolicies.get(bucket) : undefined;
}

function givenValue(context: AccountQuery["context"], keyLower: string): string | undefined {
  for (const [key, value] of Object.entries(context ?? {}))
    if (key.toLowerCase() === keyLower && typeof value === "string") return value;
  return undefined;
}

/**
 * Whether the resource belongs to the account: `aws:ResourceAccount` when the context gives it,
 * else the ARN's account field when it is an account id; a resource without one (an S3 bucket,
 * `*`) counts as the account's own, as core counts it the caller's (docs/evaluation-rules.md §10).
 */
export function isAccountResource(account: Account, query: AccountQuery): boolean {
  const given = givenValue(query.context, "aws:resourceaccount");
  if (given !== undefined) return given === account.accountId;
  const field = (query.resource ?? "*").split(":")[4];
  return field === undefined || !isAccountId(field) || field === account.accountId;
}

/** The resource's side of a policy set (the `resource` and `rcp` keys of `PolicySet`). */
export interface ResourceLayers {
  /** Absent: the resource's policies are unknown. */
  resource?: readonly NamedPolicy[];
  rcp?: PolicyLevelList;
}

/**
 * The resource's side of the policy set: its resource-based policies (absent when unknown) and,
 * for a resource of the account, the account's RCPs. Undefined when it has neither, so that a
 * compiled principal engine runs on its own policies.
 */
export function resourceLayersFor(
  account: Account,
  query: AccountQuery,
): ResourceLayers | undefined {
  const resource = resourcePoliciesFor(account, query.action, query.resource ?? "*");
  const rcp =
    account.rcp !== undefined && isAccountResource(account, query) ? account.rcp : undefined;
  if (resource === undefined && rcp === undefined) return undefined;
  return { ...(resource !== undefined && { resource }), ...(rcp !== undefined && { rcp }) };
}

/**
 * The principal's own context keys, added to the given ones (a given key wins, compared without
 * case): its tags as `aws:PrincipalTag/…`, a user's `aws:userid` (its unique id), and with an
 * organization id `aws:PrincipalOrgID` (and `aws:ResourceOrgID` for the account's resources).
 * Core derives the others from the principal's ARN (aws:PrincipalArn, aws:PrincipalAccount,
 * aws:PrincipalType, aws:username).
 */
export function contextFor(
  account: Account,
  principal: AccountPrincipal,
  query: AccountQuery,
): { [key: string]: ContextValue | undefined } {
  const own: { [key: string]: ContextValue | undefined } = {};
  for (const [key, value] of Object.entries(principal.tags)) own[`aws:PrincipalTag/${key}`] = value;
  if (principal.kind === "user" && principal.id !== undefined) own["aws:userid"] = principal.id;
  if (account.organizationId !== undefined) {
    own["aws:PrincipalOrgID"] = account.organizationId;
    if (isAccountResource(account, query)) own["aws:ResourceOrgID"] = account.organizationId;
  }
  const given = query.context ?? {};
  const givenKeys = new Set(Object.keys(given).map((k) => k.toLowerCase()));
  for (const key of Object.keys(own)) if (givenKeys.has(key.toLowerCase())) delete own[key];
  return { ...own, ...given };
}

/**
 * The whole request for `principal` asking `query`: its ARN, the action and resource, its context
 * (contextFor) and its policy set for the resource (identity, boundary, SCPs, and the resource's
 * policies and RCPs). `evaluate(requestFor(…))` answers as `whoCan` does for that principal.
 */
export function requestFor(
  account: Account,
  principal: AccountPrincipal,
  query: AccountQuery,
): EvaluationRequest & { context: RequestContext } {
  return {
    principal: principal.arn,
    action: query.action,
    resource: query.resource ?? "*",
    context: contextFor(account, principal, query),
    policies: policySetFor(account, principal, query),
  };
}

/** The principal's policy set for the query's resource: its own policies and the resource's side. */
export function policySetFor(
  account: Account,
  principal: AccountPrincipal,
  query: AccountQuery,
): PolicySet {
  const layers = resourceLayersFor(account, query);
  return layers === undefined ? principal.policies : { ...principal.policies, ...layers };
}

/** What an account answer keeps of a decision: the decision, its statements and, if so, its doubt. */
export function decisionFields(
  result: EvaluationResult,
): Pick<
  EvaluationResult,
  "decision" | "decidedBy" | "uncertain" | "otherDecision" | "readings" | "notes"
> {
  return {
    decision: result.decision,
    decidedBy: result.decidedBy,
    ...(result.uncertain && {
      uncertain: true as const,
      otherDecision: result.otherDecision!,
      readings: result.readings!,
    }),
    ...(result.notes !== undefined && { notes: result.notes }),
  };
}
