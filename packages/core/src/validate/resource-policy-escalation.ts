// RESOURCE_POLICY_PRIVILEGE_ESCALATION (parliament, policy.py check_for_bad_patterns): a policy that grants
// an S3 bucket privilege which can be turned into object access it does not grant. With s3:PutBucketPolicy
// or s3:PutBucketAcl on a bucket the holder can write a bucket policy or ACL that gives itself
// s3:GetObject, s3:PutObject or s3:DeleteObject on the bucket's objects; with s3:PutLifecycleConfiguration
// it can expire (delete) every object. parliament's pairs are kept as they are. An object privilege that an
// unconditional Deny of the policy takes away cannot be regained this way (an explicit deny wins over the
// bucket policy), so it is not reported.
import type { SourceLocation } from "../types.js";
import type { ValidationContext } from "./context.js";
import { deniedEverywhere, policyGrants, statementAllows } from "./granted-actions.js";
import type { LocatedPolicy, LocatedStatement } from "../policy/located-policy.js";
import { globsIntersect, splitArn } from "./service-index.js";
import { globCovers } from "./wildcards.js";

const ESCALATIONS: readonly { bucket: string; objects: readonly string[]; how: string }[] = [
  {
    bucket: "s3:PutBucketPolicy",
    objects: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
    how: "by writing a bucket policy",
  },
  {
    bucket: "s3:PutBucketAcl",
    objects: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
    how: "by writing a bucket ACL",
  },
  {
    bucket: "s3:PutLifecycleConfiguration",
    objects: ["s3:DeleteObject"],
    how: "by adding a lifecycle rule that expires objects",
  },
];

interface AllowedResource {
  /** The resource pattern, or undefined for "everything not in NotResource". */
  pattern?: string;
  place: SourceLocation;
  statement: LocatedStatement;
}

/** Whether a Resource pattern can match a bucket ARN (arn:PARTITION:s3:::NAME; names have no "/"). */
function canBeBucket(pattern: string): boolean {
  if (!globsIntersect(pattern, "arn:*:s3:::*") && pattern !== "*") return false;
  const fields = splitArn(pattern);
  return fields.length < 6 || !fields[5]!.includes("/");
}

function allowedResources(policy: LocatedPolicy, action: string): AllowedResource[] {
  const out: AllowedResource[] = [];
  for (const statement of policy.statements) {
    if (!statementAllows(statement, action)) continue;
    for (const item of statement.resource?.items ?? [])
      out.push({ pattern: item.value, place: item.loc, statement });
    if (statement.notResource)
      out.push({ place: statement.notResource.members[0]!.keyLoc, statement });
  }
  return out;
}

/** Whether the object privilege is granted on the objects of the bucket pattern (parliament: on the same
 * resource string or on `resource/*`). */
function objectsCovered(allowed: AllowedResource[], bucket: string): boolean {
  return allowed.some((r) => {
    if (r.pattern === undefined) {
      const excluded = r.statement.notResource?.items.map((i) => i.value) ?? [];
      return !excluded.some((p) => globCovers(p, `${bucket}/*`));
    }
    return globCovers(r.pattern, bucket) || globCovers(r.pattern, `${bucket}/*`);
  });
}

export function checkResourcePolicyEscalation(ctx: ValidationContext, policy: LocatedPolicy): void {
  if (!policyGrants(ctx)) return;
  for (const { bucket, objects, how } of ESCALATIONS) {
    if (deniedEverywhere(policy, bucket)) continue;
    const buckets = allowedResources(policy, bucket);
    if (buckets.length === 0) continue;
    const objectGrants = new Map(
      objects
        .filter((o) => !deniedEverywhere(policy, o))
        .map((o) => [o, allowedResources(policy, o)] as const),
    );
    for (const target of buckets) {
      if (target.pattern !== undefined && !canBeBucket(target.pattern)) continue;
      // Everything not in NotResource includes every bucket: test the widest pattern.
      const pattern = target.pattern ?? "*";
      const missing = [...objectGrants.entries()]
        .filter(([, allowed]) => !objectsCovered(allowed, pattern))
        .map(([o]) => o);
      if (missing.length === 0) continue;
      ctx.report(
        "RESOURCE_POLICY_PRIVILEGE_ESCALATION",
        target.place,
        `${bucket} on ${target.pattern === undefined ? "every resource not in NotResource" : `"${pattern}"`} lets the holder gain ${missing.join(", ")} ${how}, although this policy does not grant ${missing.length === 1 ? "it" : "them"} on the bucket's objects.`,
        `If that object access is intended, grant it openly; otherwise remove ${bucket} or deny it.`,
      );
    }
  }
}
