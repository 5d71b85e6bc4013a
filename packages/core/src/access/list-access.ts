// What a policy grants: each action (wildcards and NotAction expanded with the IAM data when
// given) with, per statement, its resources, principals and conditions. Deny statements are
// listed too, with `effect: "Deny"`, so that a reader sees what is taken away.
import type { Policy, PrincipalBlock, Statement } from "../types.js";
import { expandActionPattern, expandNotAction } from "./expand-actions.js";
import type { ExpandedAction } from "./expand-actions.js";
import type { AccessOptions, AccessScope, ActionAccess, PolicyAccess } from "./types.js";

export function listAccess(policy: Policy, options: AccessOptions = {}): PolicyAccess {
  const { serviceData } = options;
  const byAction = new Map<string, ActionAccess>();
  const unmatched = new Set<string>();

  for (const statement of policy.statements) {
    const scope = scopeOf(statement);
    for (const { expanded, via, notActions } of actionsOf(statement, options)) {
      for (const item of expanded) {
        if (item.status === "unknown" && serviceData) unmatched.add(item.action);
        const key = `${statement.effect}\u0000${item.action.toLowerCase()}`;
        let entry = byAction.get(key);
        if (!entry) {
          entry = {
            action: item.action,
            effect: statement.effect,
            ...(item.accessLevel !== undefined && { accessLevel: item.accessLevel }),
            status: item.status,
            scopes: [],
          };
          byAction.set(key, entry);
        }
        const viaPattern =
          via !== undefined && via.toLowerCase() !== item.action.toLowerCase() ? via : undefined;
        entry.scopes.push({
          ...scope,
          ...(viaPattern !== undefined && { via: viaPattern }),
          ...(notActions !== undefined && { notActions }),
        });
      }
    }
  }

  const actions = [...byAction.values()].sort(compareActions);
  return {
    actions,
    unmatchedPatterns: [...unmatched].sort(),
    ...(serviceData && { serviceDataDate: serviceData.updatedAt }),
  };
}

export function compareActions(
  a: { action: string; effect: string },
  b: { action: string; effect: string },
): number {
  const byName = a.action.toLowerCase().localeCompare(b.action.toLowerCase(), "en");
  if (byName !== 0) return byName;
  return a.effect === b.effect ? 0 : a.effect === "Allow" ? -1 : 1;
}

interface ActionSource {
  expanded: ExpandedAction[];
  via?: string;
  notActions?: string[];
}

function actionsOf(statement: Statement, { serviceData }: AccessOptions): ActionSource[] {
  if (statement.action) {
    return statement.action.patterns.map((pattern) => ({
      expanded: expandActionPattern(pattern, serviceData),
      via: pattern,
    }));
  }
  if (statement.notAction) {
    const notActions = [...statement.notAction.patterns];
    // Without the IAM data the set "every action but these" cannot be enumerated: one `*` entry
    // that carries the exclusions, so the grant is never hidden.
    const expanded: ExpandedAction[] = serviceData
      ? expandNotAction(notActions, serviceData)
      : [{ action: "*", status: "unexpanded" }];
    return [{ expanded, via: "NotAction", notActions }];
  }
  return [];
}

function scopeOf(statement: Statement): AccessScope {
  return {
    statementIndex: statement.index,
    ...(statement.sid !== undefined && { sid: statement.sid }),
    ...(statement.resource && { resources: [...statement.resource.patterns] }),
    ...(statement.notResource && { notResources: [...statement.notResource.patterns] }),
    ...(statement.principal && { principals: principalsOf(statement.principal) }),
    ...(statement.notPrincipal && { notPrincipals: principalsOf(statement.notPrincipal) }),
    conditions: statement.conditions.map((condition) => ({
      operator: condition.operator,
      key: condition.key,
      values: condition.values.map((value) => value.text),
    })),
  };
}

function principalsOf(block: PrincipalBlock): string[] {
  if (block.wildcard) return ["*"];
  return block.entries.map((entry) => `${entry.kind}:${entry.value}`);
}
