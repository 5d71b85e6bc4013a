// UNSUPPORTED_ACTION_IN_POLICY / UNSUPPORTED_RESOURCE_ARN_IN_POLICY: a resource-based policy can only
// grant actions on its own resource, so actions and ARNs of another service never apply (KMS actions in
// a bucket policy). Needs to know which service the policy is attached to (`resourceService`).
import type { ValidationContext } from "./context.js";
import type { LocatedStatement } from "../policy/located-policy.js";
import { splitArn } from "./service-index.js";
import { hasWildcard } from "./wildcards.js";

export function checkAttachedResource(
  ctx: ValidationContext,
  statement: LocatedStatement,
  resourceService: string,
): void {
  const service = resourceService.toLowerCase();
  for (const item of [...(statement.action?.items ?? []), ...(statement.notAction?.items ?? [])]) {
    const colon = item.value.indexOf(":");
    if (colon <= 0) continue;
    const prefix = item.value.slice(0, colon).toLowerCase();
    if (hasWildcard(prefix) || prefix === service) continue;
    ctx.report(
      "UNSUPPORTED_ACTION_IN_POLICY",
      item.loc,
      `"${item.value}" is a ${prefix} action; a policy attached to a ${service} resource can only control ${service} actions.`,
      `Remove it, or put it in a policy for the ${prefix} resource.`,
    );
  }
  for (const item of [
    ...(statement.resource?.items ?? []),
    ...(statement.notResource?.items ?? []),
  ]) {
    const fields = splitArn(item.value);
    const arnService = fields[2];
    if (
      fields[0] !== "arn" ||
      arnService === undefined ||
      hasWildcard(arnService) ||
      arnService === service
    )
      continue;
    ctx.report(
      "UNSUPPORTED_RESOURCE_ARN_IN_POLICY",
      item.loc,
      `"${item.value}" is a ${arnService} ARN; a policy attached to a ${service} resource only applies to that resource.`,
      `Name the ${service} resource the policy is attached to.`,
    );
  }
}

/**
 * Keys that carry no information in a policy attached to a resource of the service: the value is fixed by
 * the resource itself. Access Analyzer's documented example is s3:ResourceAccount in a bucket policy (the
 * bucket's own account); use such keys in identity-based policies instead.
 */
const IRRELEVANT_KEYS: Record<string, string[]> = {
  s3: ["s3:ResourceAccount"],
};

export function checkIrrelevantKeys(
  ctx: ValidationContext,
  statement: LocatedStatement,
  resourceService: string,
): void {
  const service = resourceService.toLowerCase();
  const keys = Object.hasOwn(IRRELEVANT_KEYS, service) ? IRRELEVANT_KEYS[service] : undefined;
  if (!keys) return;
  for (const entry of statement.conditions) {
    const key = keys.find((k) => k.toLowerCase() === entry.key.toLowerCase());
    if (key)
      ctx.report(
        "IRRELEVANT_CONDITION_KEY_IN_POLICY",
        entry.keyMember.keyLoc,
        `"${entry.key}" is not relevant in a policy attached to a ${resourceService} resource: its value is that resource's own.`,
        `Use "${key}" in identity-based policies to control which resources principals may reach.`,
      );
  }
}
