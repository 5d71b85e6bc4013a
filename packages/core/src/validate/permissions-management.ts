// PERMISSIONS_MANAGEMENT_ACTIONS (parliament community auditor): an Allow of actions whose access level in
// the IAM service reference is "Permissions management" — actions that change who may do what (IAM
// policies and roles, RAM shares, resource-based policies and grants such as s3:PutBucketPolicy or
// kms:CreateGrant). Whoever holds them can widen access, their own included.
import type { IamServiceData } from "../types.js";
import type { ValidationContext } from "./context.js";
import { isItself, listActions, policyGrants, reportGrantedActions } from "./granted-actions.js";
import type { LocatedPolicy } from "../policy/located-policy.js";
import { serviceIndex } from "./service-index.js";

const LEVEL = "Permissions management";
const cache = new WeakMap<IamServiceData, string[]>();

function allPermissionsManagement(data: IamServiceData): string[] {
  let list = cache.get(data);
  if (!list) {
    list = [];
    for (const prefix of data.prefixes()) {
      const service = data.service(prefix);
      if (!service) continue;
      for (const action of Object.values(service.actions))
        if (action.accessLevel === LEVEL) list.push(`${service.prefix}:${action.name}`);
    }
    cache.set(data, list);
  }
  return list;
}

export function checkPermissionsManagement(ctx: ValidationContext, policy: LocatedPolicy): void {
  const data = ctx.serviceData;
  if (!data || !policyGrants(ctx)) return;
  const index = serviceIndex(data);
  reportGrantedActions(ctx, policy, {
    code: "PERMISSIONS_MANAGEMENT_ACTIONS",
    matching(pattern) {
      if (pattern === "*") return allPermissionsManagement(data);
      const result = index.expand(pattern);
      if (result.kind !== "actions") return [];
      return result.actions
        .filter((a) => a.action.accessLevel === LEVEL)
        .map((a) => `${a.service.prefix}:${a.action.name}`);
    },
    all: () => allPermissionsManagement(data),
    message: (element, actions) =>
      isItself(element, actions)
        ? `${element} has access level "Permissions management": whoever holds it can change permissions, their own included.`
        : `${element} grants ${actions.length === 1 ? "an action" : `${actions.length} actions`} of access level "Permissions management" (${listActions(actions)}): whoever holds ${actions.length === 1 ? "it" : "them"} can change permissions, their own included.`,
    hint: "Grant permissions management only to administrators, scope it to specific resources, or bound it with a permissions boundary or an SCP.",
  });
}
