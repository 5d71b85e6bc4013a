// SENSITIVE_ACCESS (parliament community auditor): an Allow that reaches resources the user has named as
// sensitive, for the actions named with them. Sensitivity is a property of an organisation, not of AWS, so
// there is no default: without `sensitiveAccess` rules (ValidateOptions) the check does nothing.
import type { ValidationContext } from "./context.js";
import { policyGrants } from "./granted-actions.js";
import type { LocatedPolicy, LocatedStatement } from "../policy/located-policy.js";
import { globsIntersect } from "./service-index.js";
import { globCovers, patternCovers } from "./wildcards.js";

/** Actions (patterns allowed, case-insensitive) that are sensitive on the resources (ARN patterns). */
export interface SensitiveAccessRule {
  actions: readonly string[];
  resources: readonly string[];
}

/** The rule actions the statement can grant: an Action pattern that overlaps one, or a NotAction that
 * does not exclude it entirely. */
function grantedRuleActions(statement: LocatedStatement, rule: SensitiveAccessRule): string[] {
  if (statement.action) {
    const patterns = statement.action.items.map((i) => i.value.toLowerCase());
    return rule.actions.filter((a) => patterns.some((p) => globsIntersect(p, a.toLowerCase())));
  }
  if (statement.notAction) {
    const excluded = statement.notAction.items.map((i) => i.value);
    return rule.actions.filter((a) => !excluded.some((p) => patternCovers(p, a)));
  }
  return [];
}

export function checkSensitiveAccess(
  ctx: ValidationContext,
  policy: LocatedPolicy,
  rules: readonly SensitiveAccessRule[],
): void {
  if (rules.length === 0 || !policyGrants(ctx)) return;
  for (const statement of policy.statements) {
    if (statement.effect !== "Allow") continue;
    for (const rule of rules) {
      const actions = grantedRuleActions(statement, rule);
      if (actions.length === 0) continue;
      if (statement.resource) {
        for (const item of statement.resource.items) {
          const hit = rule.resources.find((r) => globsIntersect(item.value, r));
          if (hit)
            ctx.report(
              "SENSITIVE_ACCESS",
              item.loc,
              `"${item.value}" reaches the sensitive resource "${hit}" with ${actions.join(", ")}.`,
              "Make sure this access is intended; name fewer resources or actions, or add conditions.",
            );
        }
      } else if (statement.notResource) {
        const excluded = statement.notResource.items.map((i) => i.value);
        const hit = rule.resources.find((r) => !excluded.some((p) => globCovers(p, r)));
        if (hit)
          ctx.report(
            "SENSITIVE_ACCESS",
            statement.notResource.members[0]!.keyLoc,
            `"NotResource" does not exclude the sensitive resource "${hit}", so ${actions.join(", ")} reach it.`,
            "Add the sensitive resource to NotResource, or list the intended resources in Resource.",
          );
      }
    }
  }
}
