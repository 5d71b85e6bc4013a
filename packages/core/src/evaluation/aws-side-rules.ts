// Rules that no policy shows: requests AWS refuses whatever the policies say, because the resource
// belongs to AWS. Each rule names the AWS page it comes from; docs/aws-side-rules.md keeps the same
// list in words. The layer runs after the policies are evaluated (so the explanation still lists every
// statement) and before any of them decides.
import type { PreparedRequest } from "./prepare-request.js";
import { contextGet, resourceColons } from "../context/request-context.js";

/** One AWS-side rule: the actions it covers, which resources, and its source. */
export interface AwsSideRule {
  /** Stable identifier, e.g. `AWS_MANAGED_POLICY_READ_ONLY`. */
  id: string;
  /** Lower-case actions with their service prefix, e.g. `iam:createpolicyversion`. */
  actions: readonly string[];
  /** What AWS does, in words (completes "AWS refuses this request: …"). */
  rule: string;
  /** The AWS pages that document the rule. */
  sources: readonly string[];
}

interface RuleEntry extends AwsSideRule {
  actionSet: ReadonlySet<string>;
  /** Whether the request's resource (or context) is one the rule protects. */
  protects(prep: PreparedRequest): boolean;
}

/** The ARN's resource field (after the fifth colon) when the resource is an ARN of `service`. */
function resourceOf(prep: PreparedRequest, service: string): string | undefined {
  const colons = resourceColons(prep);
  if (colons === undefined || !prep.resource.startsWith("arn:")) return undefined;
  if (prep.resource.slice(colons[1]! + 1, colons[2]) !== service) return undefined;
  return prep.resource.slice(colons[4]! + 1);
}

function accountOf(prep: PreparedRequest): string {
  const colons = resourceColons(prep)!;
  return prep.resource.slice(colons[3]! + 1, colons[4]);
}

// IAM paths are case-sensitive; IAM reserves these prefixes for roles it creates on AWS's behalf.
const SERVICE_LINKED_ROLE = "role/aws-service-role/";
const IDENTITY_CENTER_ROLE = "role/aws-reserved/sso.amazonaws.com/";

/**
 * Whether the caller is the service a protected role belongs to: its service principal, or a role
 * whose path is that service's service-linked-role path (the linked service may change its own role).
 * A role session does not carry its role's path: a session of a role named like a service-linked
 * role might be the service, so the rule does not decide for it (the policies do, as before).
 */
function isOwningService(prep: PreparedRequest, service: string): boolean {
  const p = prep.principal;
  if (p === undefined) return false;
  if (p.kind === "service") return p.name === service;
  if (p.kind === "role") return p.path === `/aws-service-role/${service}/`;
  if (p.kind === "assumed-role") return p.roleName.startsWith("AWSServiceRoleFor");
  return false;
}

/** The service segment of `role/aws-service-role/<service>/<name>` (and of the aws-reserved path). */
function serviceSegment(resource: string, prefix: string): string {
  const end = resource.indexOf("/", prefix.length);
  return resource.slice(prefix.length, end === -1 ? resource.length : end);
}

/** The actions that change a role's permissions or delete it (IAM API Reference, each with UnmodifiableEntity). */
const PROTECTED_ROLE_ACTIONS = [
  "iam:deleterole",
  "iam:attachrolepolicy",
  "iam:detachrolepolicy",
  "iam:putrolepolicy",
  "iam:deleterolepolicy",
  "iam:updateassumerolepolicy",
  "iam:putrolepermissionsboundary",
  "iam:deleterolepermissionsboundary",
];

/** The KMS key properties AWS manages for its own keys (KMS Developer Guide: Editing keys, Schedule key deletion). */
const AWS_MANAGED_KEY_ACTIONS = [
  "kms:updatekeydescription",
  "kms:putkeypolicy",
  "kms:tagresource",
  "kms:untagresource",
  "kms:enablekey",
  "kms:disablekey",
  "kms:enablekeyrotation",
  "kms:disablekeyrotation",
  "kms:schedulekeydeletion",
];

/** `arn:<partition>:iam::aws:policy/aws-service-role/…`: an AWS managed policy for service-linked roles. */
function isServiceRolePolicyArn(arn: string): boolean {
  const colons = arn.startsWith("arn:") ? arn.split(":") : [];
  return (
    colons.length === 6 &&
    colons[2] === "iam" &&
    colons[4] === "aws" &&
    colons[5]!.startsWith("policy/aws-service-role/")
  );
}

/** The alias prefix AWS reserves for its managed keys. */
const AWS_ALIAS_PREFIX = "alias/aws/";

function rule(
  entry: AwsSideRule & { protects(prep: PreparedRequest): boolean },
): Readonly<RuleEntry> {
  return Object.freeze({ ...entry, actionSet: new Set(entry.actions) });
}

const RULES: readonly RuleEntry[] = [
  // "You cannot change the permissions defined in AWS managed policies."
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies
  // Only customer managed policies can be deleted or tagged:
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_manage-delete-api.html
  // https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagPolicy.html
  rule({
    id: "AWS_MANAGED_POLICY_READ_ONLY",
    actions: [
      "iam:createpolicyversion",
      "iam:deletepolicyversion",
      "iam:setdefaultpolicyversion",
      "iam:deletepolicy",
      "iam:tagpolicy",
      "iam:untagpolicy",
    ],
    rule: "AWS managed policies (account field aws) are created and administered by AWS; no account can add, delete or select their versions, delete them or tag them",
    sources: [
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies",
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_manage-delete-api.html",
      "https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagPolicy.html",
    ],
    protects: (prep) =>
      resourceOf(prep, "iam")?.startsWith("policy/") === true && accountOf(prep) === "aws",
  }),
  // "Service-linked roles are protected AWS resources. Only the service that depends on the
  // service-linked role can modify or delete the role" (UnmodifiableEntity); no boundary on them.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
  // https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePermissionsBoundary.html
  // https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html (and AttachRolePolicy,
  // DetachRolePolicy, PutRolePolicy, DeleteRolePolicy, UpdateAssumeRolePolicy,
  // DeleteRolePermissionsBoundary: each lists UnmodifiableEntity). TagRole and the description may be
  // changed ("The role can be a regular role or a service-linked role"), so they are not listed.
  rule({
    id: "SERVICE_LINKED_ROLE_PROTECTED",
    actions: PROTECTED_ROLE_ACTIONS,
    rule: "service-linked roles (path /aws-service-role/) are protected: only the linked service (its service principal or its own service-linked role) changes their policies, trust policy or boundary or deletes them (IAM answers UnmodifiableEntity; iam:DeleteServiceLinkedRole is the way to delete one)",
    sources: [
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html",
      "https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePermissionsBoundary.html",
      "https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html",
    ],
    protects: (prep) => {
      const resource = resourceOf(prep, "iam");
      if (resource?.startsWith(SERVICE_LINKED_ROLE) !== true) return false;
      return !isOwningService(prep, serviceSegment(resource, SERVICE_LINKED_ROLE));
    },
  }),
  // Roles that IAM Identity Center creates for permission sets (AWSReservedSSO_…, path
  // /aws-reserved/sso.amazonaws.com/) are "only modifiable by AWS": changes go through Identity Center.
  // https://docs.aws.amazon.com/singlesignon/latest/userguide/identity-center-and-iam-roles.html
  // https://repost.aws/knowledge-center/identity-center-aws-reserved-sso
  rule({
    id: "IDENTITY_CENTER_ROLE_PROTECTED",
    actions: PROTECTED_ROLE_ACTIONS,
    rule: "roles that IAM Identity Center creates for permission sets (path /aws-reserved/sso.amazonaws.com/) are only modifiable by AWS: their policies, trust policy and boundary change through IAM Identity Center, not IAM",
    sources: [
      "https://docs.aws.amazon.com/singlesignon/latest/userguide/identity-center-and-iam-roles.html",
      "https://repost.aws/knowledge-center/identity-center-aws-reserved-sso",
    ],
    protects: (prep) =>
      resourceOf(prep, "iam")?.startsWith(IDENTITY_CENTER_ROLE) === true &&
      !isOwningService(prep, "sso.amazonaws.com"),
  }),
  // "AWS service role policies can only be attached to the service-linked role for that service"
  // (PolicyNotAttachable); the managed policy pages of such policies say "You cannot attach this
  // policy to your users, groups, or roles". The policy is the request's iam:PolicyARN.
  // https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html
  // https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSSSOServiceRolePolicy.html
  rule({
    id: "SERVICE_ROLE_POLICY_NOT_ATTACHABLE",
    actions: ["iam:attachuserpolicy", "iam:attachgrouppolicy", "iam:attachrolepolicy"],
    rule: "AWS managed policies under aws-service-role/ can only be attached to the service-linked role of their service, not to users, groups or other roles (IAM answers PolicyNotAttachable)",
    sources: [
      "https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html",
      "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSSSOServiceRolePolicy.html",
    ],
    protects: (prep) => {
      const target = resourceOf(prep, "iam");
      if (target === undefined || target.startsWith(SERVICE_LINKED_ROLE)) return false;
      const policies = contextGet(prep, "iam:policyarn", false);
      return policies !== undefined && policies.values.some(isServiceRolePolicyArn);
    },
  }),
  // "The alias name … cannot begin with alias/aws/. The alias/aws/ prefix is reserved for AWS managed
  // key"; "You cannot manage aliases for AWS managed keys".
  // https://docs.aws.amazon.com/kms/latest/developerguide/alias-create.html
  rule({
    id: "AWS_MANAGED_KEY_ALIAS_RESERVED",
    actions: ["kms:createalias", "kms:updatealias", "kms:deletealias"],
    rule: "the alias/aws/ prefix is reserved for AWS managed keys: no account can create, update or delete such an alias",
    sources: ["https://docs.aws.amazon.com/kms/latest/developerguide/alias-create.html"],
    protects: (prep) => resourceOf(prep, "kms")?.startsWith(AWS_ALIAS_PREFIX) === true,
  }),
  // "You cannot edit any properties of AWS managed keys or AWS owned keys" (description, key policy,
  // tags, enable and disable, rotation); "You cannot schedule the deletion of AWS managed keys".
  // A key is AWS managed when one of its aliases (kms:ResourceAliases) has the reserved prefix.
  // https://docs.aws.amazon.com/kms/latest/developerguide/editing-keys.html
  // https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys-scheduling-key-deletion.html
  rule({
    id: "AWS_MANAGED_KEY_READ_ONLY",
    actions: AWS_MANAGED_KEY_ACTIONS,
    rule: "AWS managed keys (a key with an alias/aws/ alias in kms:ResourceAliases) are managed by the service that created them: no account can change their description, key policy, tags, state or rotation, or schedule their deletion",
    sources: [
      "https://docs.aws.amazon.com/kms/latest/developerguide/editing-keys.html",
      "https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys-scheduling-key-deletion.html",
      "https://docs.aws.amazon.com/kms/latest/developerguide/alias-create.html",
    ],
    protects: (prep) => {
      if (resourceOf(prep, "kms")?.startsWith("key/") !== true) return false;
      const aliases = contextGet(prep, "kms:resourcealiases", false);
      return aliases !== undefined && aliases.values.some((a) => a.startsWith(AWS_ALIAS_PREFIX));
    },
  }),
  // "You cannot use AWS account root user credentials to call AssumeRole. You must use credentials
  // for an IAM user or an IAM role to call AssumeRole" (STS API Reference: AssumeRole); the IAM
  // User Guide's comparison of STS operations names who can call AssumeRole: "IAM user or IAM role".
  // Session tags, source identity and context are passed in that same call, on the role.
  // https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_sts-comparison.html
  rule({
    id: "ROOT_USER_CANNOT_ASSUME_ROLE",
    actions: ["sts:assumerole", "sts:tagsession", "sts:setsourceidentity", "sts:setcontext"],
    rule: "the root user cannot call sts:AssumeRole (nor pass session tags, a source identity or context to it): only IAM users and roles can assume a role",
    sources: [
      "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html",
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_sts-comparison.html",
    ],
    protects: (prep) =>
      prep.principal?.kind === "root" &&
      (prep.actionKey.lower === "sts:assumerole" ||
        resourceOf(prep, "iam")?.startsWith("role/") === true),
  }),
];

/** Services with at least one rule: other requests pay one set lookup. */
const SERVICES: ReadonlySet<string> = new Set(
  RULES.flatMap((r) => r.actions.map((a) => a.slice(0, a.indexOf(":")))),
);

/** The AWS-side rules, for documentation and tools (frozen). */
export const awsSideRules: readonly AwsSideRule[] = Object.freeze(
  RULES.map((r) =>
    Object.freeze({ id: r.id, actions: r.actions, rule: r.rule, sources: r.sources }),
  ),
);

/** The AWS-side rule that refuses this request, if any. */
export function awsSideRuleFor(prep: PreparedRequest): AwsSideRule | undefined {
  if (!SERVICES.has(prep.actionKey.service)) return undefined;
  const action = prep.actionKey.lower;
  for (const r of RULES) if (r.actionSet.has(action) && r.protects(prep)) return r;
  return undefined;
}
