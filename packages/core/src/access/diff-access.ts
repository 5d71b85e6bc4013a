// What one version of a policy grants that another does not, and the reverse: both are listed
// (listAccess) and cut into single grants — one action, one resource pattern, one set of
// principals and conditions — compared as written. A grant present on both sides is unchanged
// even when it moved to another statement; a change of condition shows as removed + added.
import type { Policy } from "../types.js";
import { compareActions, listAccess } from "./list-access.js";
import type { AccessChange, AccessDiff, AccessOptions, ActionAccess } from "./types.js";

export function diffAccess(
  oldPolicy: Policy,
  newPolicy: Policy,
  options: AccessOptions = {},
): AccessDiff {
  const oldGrants = grantsOf(listAccess(oldPolicy, options).actions);
  const newGrants = grantsOf(listAccess(newPolicy, options).actions);
  const added = missingFrom(newGrants, oldGrants);
  const removed = missingFrom(oldGrants, newGrants);

  const changed = new Map<string, AccessDiff["changedActions"][number]>();
  for (const [list, change] of [
    [added, "added"],
    [removed, "removed"],
  ] as const) {
    for (const grant of list) {
      const key = actionKey(grant);
      const existing = changed.get(key);
      const kind = grant.wholeAction ? change : "changed";
      if (!existing) changed.set(key, { action: grant.action, effect: grant.effect, change: kind });
      else if (existing.change !== kind) existing.change = "changed";
    }
  }
  return {
    added: added.sort(compareChanges),
    removed: removed.sort(compareChanges),
    changedActions: [...changed.values()].sort(compareActions),
  };
}

interface Grants {
  byKey: Map<string, AccessChange>;
  actions: Set<string>;
}

function grantsOf(actions: readonly ActionAccess[]): Grants {
  const byKey = new Map<string, AccessChange>();
  const actionKeys = new Set<string>();
  for (const entry of actions) {
    actionKeys.add(actionKey(entry));
    for (const scope of entry.scopes) {
      const resources: (string | undefined)[] = scope.resources ?? [undefined];
      for (const resource of resources) {
        const grant: AccessChange = {
          action: entry.action,
          effect: entry.effect,
          ...(entry.accessLevel !== undefined && { accessLevel: entry.accessLevel }),
          status: entry.status,
          wholeAction: false,
          ...(resource !== undefined && { resource }),
          ...(scope.notResources && { notResources: scope.notResources }),
          ...(scope.principals && { principals: scope.principals }),
          ...(scope.notPrincipals && { notPrincipals: scope.notPrincipals }),
          ...(scope.notActions && { notActions: scope.notActions }),
          conditions: scope.conditions,
          statementIndex: scope.statementIndex,
          ...(scope.sid !== undefined && { sid: scope.sid }),
        };
        const key = grantKey(grant);
        if (!byKey.has(key)) byKey.set(key, grant);
      }
    }
  }
  return { byKey, actions: actionKeys };
}

function missingFrom(side: Grants, other: Grants): AccessChange[] {
  const result: AccessChange[] = [];
  for (const [key, grant] of side.byKey) {
    if (other.byKey.has(key)) continue;
    result.push({ ...grant, wholeAction: !other.actions.has(actionKey(grant)) });
  }
  return result;
}

function actionKey(grant: { action: string; effect: string }): string {
  return `${grant.effect}\u0000${grant.action.toLowerCase()}`;
}

/**
 * Identity of a grant. Condition keys and operators are case-insensitive in IAM
 * (docs/evaluation-rules.md §5.2), values are not; the order of conditions and of values does not matter.
 */
function grantKey(grant: AccessChange): string {
  const sorted = (list: readonly string[] | undefined) =>
    list ? [...list].sort().join("\u0001") : "";
  const conditions = grant.conditions
    .map((c) => `${c.operator.toLowerCase()}\u0002${c.key.toLowerCase()}\u0002${sorted(c.values)}`)
    .sort()
    .join("\u0003");
  return [
    actionKey(grant),
    grant.resource ?? "",
    sorted(grant.notResources),
    sorted(grant.principals),
    sorted(grant.notPrincipals),
    sorted(grant.notActions),
    conditions,
  ].join("\u0004");
}

function compareChanges(a: AccessChange, b: AccessChange): number {
  return (
    compareActions(a, b) ||
    (a.resource ?? "").localeCompare(b.resource ?? "", "en") ||
    a.statementIndex - b.statementIndex
  );
}
