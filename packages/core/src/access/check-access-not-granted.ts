// access-not-granted: may any of the listed actions be allowed on the listed resources? (docs/access-checks.md)
import type { Policy } from "../types.js";
import { resourcePatternsIntersect } from "./containment.js";
import type { AccessCondition } from "./types.js";
import type { CheckOptions, CheckResult, CheckStatementRef } from "./checks.js";
import {
  type ExpandedGrant,
  type ResourceItem,
  type Side,
  actionCovered,
  actionMayMeet,
  conditionsOf,
  describeRef,
  expandExact,
  principalCovered,
  ref,
  resourceCovered,
  resourceItems,
  resourceMayMeet,
  widened,
} from "./check-pieces.js";

export interface GrantedAccess {
  /** Listed actions (as the IAM data spells them) the statement may allow. */
  actions: string[];
  /** The statement's resource pattern (or NotResource) that meets a listed resource. */
  resource?: string;
  notResources?: string[];
  /** The listed resources it meets. */
  listedResources: string[];
  conditions: AccessCondition[];
  statement: CheckStatementRef;
  explanation: string;
}

export interface AccessNotGrantedResult {
  check: "access-not-granted";
  result: CheckResult;
  granted: GrantedAccess[];
  serviceDataDate: string;
}

export interface AccessNotGrantedInput {
  /** Actions or action patterns (`s3:Get*`). */
  actions: readonly string[];
  /** Resource ARNs or patterns; absent or empty: any resource. */
  resources?: readonly string[];
}

/**
 * FAIL when the policy may allow any of the listed actions on any of the listed resources: an
 * Allow whose action and resource meet the lists, under any conditions (conditions can hold),
 * unless a Deny of the same policy without conditions covers it.
 */
export function checkAccessNotGranted(
  policy: Policy,
  input: AccessNotGrantedInput,
  options: CheckOptions,
): AccessNotGrantedResult {
  const { serviceData } = options;
  const side: Side = { policy };
  const listedResources =
    input.resources && input.resources.length > 0 ? [...input.resources] : ["*"];
  const listedActions = new Map<string, ExpandedGrant>();
  for (const pattern of input.actions)
    for (const item of expandExact(pattern, serviceData))
      if (!listedActions.has(item.action.toLowerCase()))
        listedActions.set(item.action.toLowerCase(), {
          action: item.action,
          known: item.status === "known",
        });
  const denies = policy.statements.filter((s) => s.effect === "Deny" && s.conditions.length === 0);
  const granted: GrantedAccess[] = [];
  for (const statement of policy.statements) {
    if (statement.effect !== "Allow") continue;
    for (const item of resourceItems(statement)) {
      const meets = listedResources.filter((r) => {
        const listed: ResourceItem = { pattern: r };
        if ("none" in item) return true;
        if ("pattern" in item)
          return resourcePatternsIntersect(widened(policy, item.pattern), r) !== false;
        return resourceMayMeet(listed, side, statement, side) !== false;
      });
      if (meets.length === 0) continue;
      const actions: string[] = [];
      for (const { action, known } of listedActions.values()) {
        if (actionMayMeet(statement, action, known, serviceData) === false) continue;
        const deniedEverywhere = meets.every((r) =>
          denies.some(
            (d) =>
              principalCovered(statement, d) &&
              actionCovered(d, action, known, serviceData) === true &&
              (resourceCovered({ pattern: r }, side, d, side) === true ||
                resourceCovered(item, side, d, side) === true),
          ),
        );
        if (!deniedEverywhere) actions.push(action);
      }
      if (actions.length === 0) continue;
      const conditions = conditionsOf(statement);
      granted.push({
        actions,
        ...("pattern" in item && { resource: item.pattern }),
        ...("not" in item && { notResources: item.not }),
        listedResources: meets,
        conditions,
        statement: ref(statement),
        explanation:
          conditions.length > 0
            ? `${describeRef(statement)} allows it when its conditions hold`
            : `${describeRef(statement)} allows it without conditions`,
      });
    }
  }
  return {
    check: "access-not-granted",
    result: granted.length > 0 ? "FAIL" : "PASS",
    granted,
    serviceDataDate: serviceData.updatedAt,
  };
}
