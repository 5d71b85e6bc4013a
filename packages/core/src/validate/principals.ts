// Principal / NotPrincipal lints (docs/checks.md; docs/evaluation-rules.md §1.6, §4): principal
// formats, trust-policy rules and risky combinations beyond what the grammar rejects.
import type { ValidationContext } from "./context.js";
import type { PrincipalEntry } from "../types.js";
import type { LocatedPrincipal, LocatedStatement } from "../policy/located-policy.js";
import { checkNoVariable } from "./variables.js";
import { patternCovers } from "./wildcards.js";

const TAKES_NO_PRINCIPAL = ["identity", "boundary", "session", "scp"] as const;

/** Service principals are DNS names under an AWS service domain (all partitions). */
const SERVICE_PRINCIPAL =
  /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*\.(amazonaws\.com(\.cn)?|amazon\.com|aws\.internal|api\.aws|c2s\.ic\.gov|sc2s\.sgov\.gov|cloud\.adc-e\.uk|csp\.hci\.ic\.gov)$/;
const PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(saml-provider|oidc-provider)\/.+$/;
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+(\/[^\s]*)?$/i;

/** The empty forms, which parse but match nobody, are lint; shape errors (a bad form, an unknown principal
 * type, a non-string value) are the parser's. */
function checkEmptyPrincipal(ctx: ValidationContext, principal: LocatedPrincipal): void {
  const { member } = principal;
  const node = member.value;
  if (node.type === "array" && node.items.length === 0)
    ctx.report(
      "EMPTY_ARRAY_PRINCIPAL",
      member.loc,
      `The empty "${member.key}" list matches no principal, so the statement has no effect.`,
    );
  else if (node.type === "object" && node.entries.length === 0)
    ctx.report(
      "EMPTY_OBJECT_PRINCIPAL",
      member.loc,
      `The empty "${member.key}" object matches no principal, so the statement has no effect.`,
    );
  for (const kind of principal.kinds)
    if (kind.value.type === "array" && kind.value.items.length === 0)
      ctx.report(
        "EMPTY_ARRAY_PRINCIPAL",
        kind.loc,
        `The empty "${kind.key}" list matches no principal.`,
      );
}

function isWildcardPrincipal(principal: LocatedPrincipal): boolean {
  return principal.wildcard || principal.entries.some((v) => v.kind === "AWS" && v.value === "*");
}

function checkValue(ctx: ValidationContext, statement: LocatedStatement, v: PrincipalEntry): void {
  const place = v.loc;
  if (checkNoVariable(ctx, v.value, v.loc, "Principal")) return;
  // A partial wildcard is the parser's UNSUPPORTED_WILDCARD_IN_PRINCIPAL; nothing more to say about it.
  if (v.value !== "*" && /[*?]/.test(v.value)) return;
  if (v.kind === "AWS") {
    // "*", an account id, an IAM/STS ARN (six fields; CloudFront OAIs use the account "cloudfront"), or a
    // unique id (reported below). Anything else names no principal.
    const wellFormed =
      v.value === "*" ||
      /^\d{12}$/.test(v.value) ||
      /^A[A-Z0-9]{15,}$/.test(v.value) ||
      /^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$/.test(v.value);
    if (!wellFormed) {
      ctx.report(
        "INVALID_PRINCIPAL_FORMAT",
        place,
        `"${v.value}" is not an AWS principal.`,
        'Use "*", a 12-digit account id, or an ARN such as arn:aws:iam::111122223333:role/NAME.',
      );
      return;
    }
    if (/^AIDA[A-Z0-9]{12,}$/.test(v.value))
      ctx.report(
        "INVALID_USER_REFERENCE",
        place,
        `"${v.value}" is a user's unique id, not an ARN.`,
        "IAM shows a unique id when the user was deleted; name the user by ARN (arn:aws:iam::ACCOUNT:user/NAME).",
      );
    else if (/^AROA[A-Z0-9]{12,}$/.test(v.value))
      ctx.report(
        "INVALID_ROLE_REFERENCE",
        place,
        `"${v.value}" is a role's unique id, not an ARN.`,
        "IAM shows a unique id when the role was deleted; name the role by ARN (arn:aws:iam::ACCOUNT:role/NAME).",
      );
  } else if (v.kind === "Service") {
    if (v.value !== "*" && !SERVICE_PRINCIPAL.test(v.value))
      ctx.report(
        "INVALID_SERVICE_PRINCIPAL_FORMAT",
        place,
        `"${v.value}" is not a service principal.`,
        "Service principals are service domain names such as ec2.amazonaws.com.",
      );
  } else if (v.kind === "Federated") {
    if (ctx.policyType !== "trust") {
      ctx.report(
        "FEDERATED_PRINCIPAL_NOT_SUPPORTED",
        place,
        "A Federated principal is only supported in a role trust policy.",
      );
      return;
    }
    if (!PROVIDER_ARN.test(v.value) && (v.value.startsWith("arn:") || !DOMAIN.test(v.value)))
      ctx.report(
        "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY",
        place,
        `"${v.value}" is neither an identity provider domain nor a SAML/OIDC provider ARN.`,
        "Use e.g. accounts.google.com, arn:aws:iam::ACCOUNT:saml-provider/NAME or arn:aws:iam::ACCOUNT:oidc-provider/HOST.",
      );
    else checkFederatedTrust(ctx, statement, v);
  }
}

function hasAction(statement: LocatedStatement, action: string): boolean {
  const list = statement.action;
  if (!list)
    return (
      statement.notAction !== undefined &&
      !statement.notAction.items.some((i) => patternCovers(i.value, action))
    );
  return list.items.some((item) => patternCovers(item.value, action));
}

function conditionKeysOf(statement: LocatedStatement): string[] {
  return statement.conditions.map((c) => c.key.toLowerCase());
}

/** The OIDC provider host of a federated principal (`…:oidc-provider/HOST` or a bare domain). */
function oidcHost(value: string): string | undefined {
  const match = /:oidc-provider\/(.+)$/.exec(value);
  if (match) return match[1]!.toLowerCase();
  return value.startsWith("arn:") ? undefined : value.toLowerCase();
}

function checkFederatedTrust(
  ctx: ValidationContext,
  statement: LocatedStatement,
  v: PrincipalEntry,
): void {
  const place = v.loc;
  const saml = v.value.includes(":saml-provider/");
  const expected = saml ? "sts:AssumeRoleWithSAML" : "sts:AssumeRoleWithWebIdentity";
  if (!hasAction(statement, expected))
    ctx.report(
      "MISMATCHED_ACTION_FOR_PRINCIPAL",
      place,
      `A ${saml ? "SAML" : "web identity (OIDC)"} principal assumes the role with ${expected}, which this statement does not allow.`,
      `Add "${expected}" to the statement's Action.`,
    );
  if (saml || statement.effect !== "Allow") return;
  const host = oidcHost(v.value);
  if (!host) return;
  const keys = conditionKeysOf(statement);
  const github = host === "token.actions.githubusercontent.com";
  if (github) {
    if (!keys.includes(`${host}:sub`))
      ctx.report(
        "MISSING_GITHUB_REPO_CONDITION_KEY",
        place,
        "This trust lets any GitHub Actions workflow of any repository assume the role.",
        `Add a condition on "${host}:sub", e.g. "StringLike": { "${host}:sub": "repo:ORG/REPO:*" }.`,
      );
  } else if (!keys.some((k) => k.startsWith(`${host}:`) && /:(aud|sub|amr|oaud)$/.test(k))) {
    ctx.report(
      "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL",
      place,
      `This trust accepts any identity of ${host}: there is no condition on its audience or subject.`,
      `Add a condition on "${host}:aud" (and "${host}:sub").`,
    );
  }
  for (const condition of statement.conditions) {
    if (
      condition.key.toLowerCase() === `${host}:aud` &&
      /^For(All|Any)Values?:/.test(condition.operator)
    )
      ctx.report(
        "CONFIRM_AUDIENCE_CLAIM_TYPE",
        condition.keyMember.keyLoc,
        `"${condition.key}" is used with a set operator; that is right only if the provider sends aud as a list.`,
        "For a single-valued aud claim use a plain StringEquals.",
      );
  }
}

/** Roles Anywhere sessions need AssumeRole, SetSourceIdentity and TagSession (AA reference). */
function checkRolesAnywhere(
  ctx: ValidationContext,
  statement: LocatedStatement,
  values: PrincipalEntry[],
): void {
  const rolesAnywhere = values.find(
    (v) => v.kind === "Service" && v.value === "rolesanywhere.amazonaws.com",
  );
  if (!rolesAnywhere || statement.effect !== "Allow") return;
  const missing = ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"].filter(
    (a) => !hasAction(statement, a),
  );
  if (missing.length > 0)
    ctx.report(
      "MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY",
      rolesAnywhere.loc,
      `IAM Roles Anywhere needs ${missing.join(", ")} in this statement.`,
      'Use "Action": ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"].',
    );
}

const SOURCE_KEYS = ["aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid", "aws:sourceorgpaths"];

function checkServicePrincipalScope(
  ctx: ValidationContext,
  statement: LocatedStatement,
  values: PrincipalEntry[],
): void {
  if (ctx.policyType !== "resource" || statement.effect !== "Allow") return;
  const keys = conditionKeysOf(statement);
  if (keys.some((k) => SOURCE_KEYS.includes(k))) return;
  const service = values.find((v) => v.kind === "Service" && v.value !== "*");
  if (service)
    ctx.report(
      "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL",
      service.loc,
      `${service.value} may act here on behalf of any account's resources (confused deputy).`,
      'Add a condition on "aws:SourceArn" or "aws:SourceAccount".',
    );
}

function checkRedundantSessionPrincipal(ctx: ValidationContext, values: PrincipalEntry[]): void {
  if (ctx.policyType !== "trust") return;
  const roles = new Set(
    values
      .filter((v) => v.kind === "AWS")
      .map((v) => /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(v.value))
      .filter((m) => m !== null)
      .map((m) => `${m[1]}:${m[2]}:${m[3]}`),
  );
  for (const v of values) {
    const session = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(v.value);
    if (v.kind === "AWS" && session && roles.has(`${session[1]}:${session[2]}:${session[3]}`))
      ctx.report(
        "REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY",
        v.loc,
        `The session "${v.value}" is already covered by its role, which is also listed.`,
        "Remove the session principal.",
      );
  }
}

export function checkPrincipals(ctx: ValidationContext, statement: LocatedStatement): void {
  const type = ctx.policyType;

  if (type === "trust" && (statement.resource || statement.notResource)) {
    const member = (statement.resource ?? statement.notResource)!.members[0]!;
    ctx.report(
      "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE",
      member.keyLoc,
      `A role trust policy has no "${member.key}": it always applies to its own role.`,
      `Remove "${member.key}".`,
    );
  }

  for (const principal of [statement.principal, statement.notPrincipal]) {
    if (!principal) continue;
    const { member } = principal;
    const isNot = member.key === "NotPrincipal";
    // Where a principal may or must appear is grammar: the parser reports MISSING_PRINCIPAL,
    // UNSUPPORTED_PRINCIPAL and SCP_SYNTAX_ERROR_PRINCIPAL.
    if ((TAKES_NO_PRINCIPAL as readonly string[]).includes(type)) continue;
    if (isNot && type === "trust")
      ctx.report(
        "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL",
        member.keyLoc,
        '"NotPrincipal" is not supported in a role trust policy.',
        'Name the trusted principals in "Principal".',
      );
    if (isNot && statement.effect === "Allow")
      ctx.report(
        "ALLOW_WITH_NOT_PRINCIPAL",
        member.keyLoc,
        '"Allow" with "NotPrincipal" grants access to every other principal, anonymous callers included.',
        'AWS supports NotPrincipal only with "Deny". Name the principals in "Principal" instead.',
      );

    checkEmptyPrincipal(ctx, principal);
    if (type === "rcp") {
      if (isNot || !principal.wildcard)
        ctx.report(
          "RCP_PRINCIPAL_NOT_STAR",
          isNot ? member.keyLoc : member.loc,
          isNot
            ? '"NotPrincipal" is not supported in an RCP.'
            : 'An RCP statement must use "Principal": "*".',
          'Use "Principal": "*" and narrow with conditions such as "aws:PrincipalArn".',
        );
      continue;
    }
    if (type === "trust" && !isNot && isWildcardPrincipal(principal))
      ctx.report(
        "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
        member.loc,
        'A role trust policy cannot trust "*" (every principal).',
        "Name the trusted accounts, roles or services.",
      );
    if (principal.wildcard) continue;
    const values = principal.entries;
    for (const v of values) checkValue(ctx, statement, v);
    if (!isNot) {
      if (type === "trust") checkRolesAnywhere(ctx, statement, values);
      checkServicePrincipalScope(ctx, statement, values);
      checkRedundantSessionPrincipal(ctx, values);
    }
  }
}
