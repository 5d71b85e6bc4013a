// Facts about the request that the decision branches on (docs/evaluation-rules.md §7.1–§7.3): which
// requests need the resource's own consent, which cross accounts, which principals a layer binds.
// Plain predicates of the prepared request or its principal: no state, no allocation.
import type { RequestPrincipal } from "../matching/principal.js";
import {
  resourceAccountIsOrUnknown,
  resourceAccountOf,
  resourceColons,
} from "../context/request-context.js";
import type { PreparedRequest } from "./prepare-request.js";

/** The actions whose resource policy, on a role, is the role's trust policy (lower-case). */
export const ROLE_TRUST_ACTIONS: ReadonlySet<string> = new Set([
  "sts:assumerole",
  "sts:assumerolewithsaml",
  "sts:assumerolewithwebidentity",
  "sts:tagsession",
  "sts:setsourceidentity",
  "sts:setcontext",
]);

/** Role trust policies must themselves allow sts:AssumeRole* on a role (docs/evaluation-rules.md §7.2 step 4g). */
export function isRoleTrustRequest(prep: PreparedRequest): boolean {
  if (prep.actionKey.service !== "sts" || !ROLE_TRUST_ACTIONS.has(prep.actionKey.lower))
    return false;
  return resourceIs(prep, "iam", "role/");
}

/** Whether the resource ARN's service field is `service` and its resource field starts with `type` (in place). */
function resourceIs(prep: PreparedRequest, service: string, type: string): boolean {
  const colons = resourceColons(prep);
  if (colons === undefined) return false;
  const start = colons[1]! + 1;
  return (
    colons[2]! - start === service.length &&
    prep.resource.startsWith(service, start) &&
    prep.resource.startsWith(type, colons[4]! + 1)
  );
}

/** KMS key policies must themselves allow (or delegate to the account) (docs/evaluation-rules.md §7.2 step 4g). */
export function isKmsKeyRequest(prep: PreparedRequest): boolean {
  return prep.actionKey.service === "kms" && resourceIs(prep, "kms", "key/");
}

export function principalAccountOf(prep: PreparedRequest): string | undefined {
  const p = prep.principal;
  return p !== undefined && "account" in p ? p.account : undefined;
}

/** The resource's account: aws:ResourceAccount, else the principal's own (docs/evaluation-rules.md §7.3). */
export function resourceAccountFor(prep: PreparedRequest): string | undefined {
  return resourceAccountOf(prep) ?? principalAccountOf(prep);
}

/** Both accounts must allow a cross-account request (docs/evaluation-rules.md §7.3); an unknown resource account counts as the caller's. */
export function isCrossAccount(prep: PreparedRequest): boolean {
  const principalAccount = principalAccountOf(prep);
  return principalAccount !== undefined && !resourceAccountIsOrUnknown(prep, principalAccount);
}

/**
 * Session policies bind role sessions (a role ARN as principal stands for its session) and
 * federated-user sessions (docs/evaluation-rules.md §7.1 table). A request without a principal may come from a session: they
 * keep applying there (fail-safe).
 */
export function bindsSessionPolicies(p: RequestPrincipal | undefined): boolean {
  return (
    p === undefined || p.kind === "assumed-role" || p.kind === "role" || p.kind === "federated-user"
  );
}

/** IAM reserves this path for service-linked roles (AWS UG: Using service-linked roles); paths are case-sensitive. */
const SERVICE_LINKED_ROLE_PATH = "/aws-service-role/";
/** The name prefix of service-linked roles: a hint only, since anyone may name a role so. */
const SERVICE_LINKED_ROLE_NAME = "AWSServiceRoleFor";

/** A role or a role session: the principals that may be service-linked roles. */
export type RolePrincipal = Extract<RequestPrincipal, { kind: "role" | "assumed-role" }>;

/** Only a role ARN with the reserved path proves a service-linked role, which SCPs do not bind (docs/evaluation-rules.md §7.1 table). */
export function isServiceLinkedRoleArn(p: RolePrincipal): boolean {
  return (
    p.kind === "role" && p.roleName !== "" && p.path?.startsWith(SERVICE_LINKED_ROLE_PATH) === true
  );
}

/** Named like a service-linked role: SCPs still apply (fail-safe), but the caller is told how to exempt it. */
export function isNamedLikeServiceLinkedRole(p: RolePrincipal): boolean {
  return p.roleName.startsWith(SERVICE_LINKED_ROLE_NAME);
}

/**
 * sts:GetCallerIdentity needs no permission, and a Deny does not stop it (STS API Reference:
 * GetCallerIdentity). The page speaks of the identity whose credentials sign the call, so this covers
 * IAM callers only; service principals and anonymous callers keep the docs/evaluation-rules.md §7.4 conventions (fail-safe).
 * Checked by the caller as `prep.actionKey.service === "sts"` first, so other requests pay one comparison.
 */
export function isNoPermissionAction(prep: PreparedRequest): boolean {
  return prep.actionKey.lower === "sts:getcalleridentity";
}
