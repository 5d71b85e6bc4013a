// no-new-access: does NEW allow any request that OLD does not? (docs/access-checks.md)
import type { IamServiceData, Policy, Statement } from "../types.js";
import type { Decision3 } from "./containment.js";
import { actionPatternContains } from "./containment.js";
import type { CheckOptions, NewAccess, NoNewAccessResult } from "./checks.js";
import {
  type ResourceItem,
  type Side,
  actionCovered,
  actionMayMeet,
  conditionsImplied,
  conditionsOf,
  describeRef,
  principalCovered,
  principalEntries,
  ref,
  resourceCovered,
  resourceItems,
  resourceMayMeet,
  statementActions,
} from "./check-pieces.js";

/**
 * FAIL when `newPolicy` allows a request that `oldPolicy` does not. Each new grant of NEW (one
 * action, one resource pattern, its principals and conditions) must be covered by one Allow of
 * OLD whose action, resource, principal and conditions contain it, and no Deny of OLD may apply
 * to it unless NEW has a Deny that covers that Deny. A Deny of NEW without conditions that covers
 * the grant removes it. Actions are those of the IAM service data (and patterns it does not know).
 */
export function checkNoNewAccess(
  oldPolicy: Policy,
  newPolicy: Policy,
  options: CheckOptions,
): NoNewAccessResult {
  const { serviceData } = options;
  const oldSide: Side = { policy: oldPolicy };
  const newSide: Side = { policy: newPolicy };
  const oldAllows = oldPolicy.statements.filter((s) => s.effect === "Allow");
  const oldDenies = oldPolicy.statements.filter((s) => s.effect === "Deny");
  const newDenies = newPolicy.statements.filter((s) => s.effect === "Deny");

  // An OLD Deny is still in force under NEW when a NEW Deny covers it (same or wider).
  const droppedDenies = oldDenies.filter(
    (d) =>
      !newDenies.some(
        (n) =>
          n.conditions.length <= d.conditions.length &&
          conditionsImplied(d, oldSide, n, newSide) &&
          principalCovered(d, n) &&
          denyActionsCovered(d, n, serviceData) &&
          resourceItems(d).every((item) => resourceCovered(item, oldSide, n, newSide) === true),
      ),
  );

  const grouped = new Map<string, NewAccess>();
  for (const statement of newPolicy.statements) {
    if (statement.effect !== "Allow") continue;
    const actions = statementActions(statement, serviceData);
    for (const item of resourceItems(statement)) {
      const prepared = prepare(statement, item);
      for (const { action, known } of actions) {
        const finding = newGrantFinding(prepared, action, known);
        if (!finding) continue;
        const key = [
          statement.index,
          JSON.stringify(item),
          finding.reason,
          finding.explanation,
        ].join("\u0000");
        const existing = grouped.get(key);
        if (existing) existing.actions.push(action);
        else {
          grouped.set(key, {
            actions: [action],
            ...("pattern" in item && { resource: item.pattern }),
            ...("not" in item && { notResources: item.not }),
            ...(statement.principal && { principals: principalEntries(statement.principal) }),
            ...(statement.notPrincipal && {
              notPrincipals: principalEntries(statement.notPrincipal),
            }),
            conditions: conditionsOf(statement),
            statement: ref(statement),
            reason: finding.reason,
            explanation: finding.explanation,
            oldStatements: finding.oldStatements,
          });
        }
      }
    }
  }

  interface Prepared {
    newDenies: Statement[];
    olds: { statement: Statement; resource: Decision3; principal: boolean; conditions: boolean }[];
    droppedDenies: Statement[];
  }

  // What depends on the statement and resource but not on the action, once per (statement, resource).
  function prepare(statement: Statement, item: ResourceItem): Prepared {
    return {
      // A NEW Deny without conditions that covers the whole grant takes it away.
      newDenies: newDenies.filter(
        (d) =>
          d.conditions.length === 0 &&
          principalCovered(statement, d) &&
          resourceCovered(item, newSide, d, newSide) === true,
      ),
      olds: oldAllows.map((o) => ({
        statement: o,
        resource: resourceCovered(item, newSide, o, oldSide),
        principal: principalCovered(statement, o),
        conditions: conditionsImplied(statement, newSide, o, oldSide),
      })),
      droppedDenies: droppedDenies.filter(
        (d) => resourceMayMeet(item, newSide, d, oldSide) !== false,
      ),
    };
  }

  function newGrantFinding(
    prepared: Prepared,
    action: string,
    known: boolean,
  ): Pick<NewAccess, "reason" | "explanation" | "oldStatements"> | undefined {
    if (prepared.newDenies.some((d) => actionCovered(d, action, known, serviceData) === true))
      return undefined;
    let undecided = false;
    const candidates: Statement[] = [];
    const onResource: Statement[] = [];
    const onPrincipal: Statement[] = [];
    let covered = false;
    for (const old of prepared.olds) {
      const actionOk = actionCovered(old.statement, action, known, serviceData);
      if (actionOk === false) continue;
      candidates.push(old.statement);
      if (actionOk === "unknown" || old.resource === "unknown") undecided = true;
      if (actionOk !== true || old.resource !== true) continue;
      if (!old.principal) {
        onPrincipal.push(old.statement);
        continue;
      }
      if (!old.conditions) {
        onResource.push(old.statement);
        continue;
      }
      covered = true;
      break;
    }
    const subject = known ? action : `actions matching ${action}`;
    if (!covered) {
      if (onResource.length > 0)
        return {
          reason: "CONDITIONS_NOT_COMPARABLE",
          explanation: `the old policy allows ${subject} here only under conditions the new grant does not imply (${onResource.map(describeRef).join(", ")}): conditions not comparable`,
          oldStatements: onResource.map(ref),
        };
      if (onPrincipal.length > 0)
        return {
          reason: "PRINCIPAL_NOT_COVERED",
          explanation: `the old policy allows ${subject} here only to other principals (${onPrincipal.map(describeRef).join(", ")})`,
          oldStatements: onPrincipal.map(ref),
        };
      if (undecided)
        return {
          reason: "UNDECIDED",
          explanation: `a wildcard comparison with the old policy's grants of ${subject} ran past its search budget`,
          oldStatements: candidates.map(ref),
        };
      if (candidates.length === 0)
        return {
          reason: "ACTION_NOT_GRANTED",
          explanation: `no statement of the old policy allows ${subject}`,
          oldStatements: [],
        };
      return {
        reason: "RESOURCE_NOT_COVERED",
        explanation: `the old policy allows ${subject} only on resources that do not contain this pattern (${candidates.map(describeRef).join(", ")})`,
        oldStatements: candidates.map(ref),
      };
    }
    // Covered by an OLD Allow: an OLD Deny that NEW dropped may still have blocked it under OLD.
    for (const d of prepared.droppedDenies) {
      if (actionMayMeet(d, action, known, serviceData) === false) continue;
      return {
        reason: "OLD_DENY_DROPPED",
        explanation: `the old policy denies ${subject} here (${describeRef(d)}) and the new policy has no Deny that covers it`,
        oldStatements: [ref(d)],
      };
    }
    return undefined;
  }

  const newAccess = [...grouped.values()];
  return {
    check: "no-new-access",
    result: newAccess.length > 0 ? "FAIL" : "PASS",
    newAccess,
    serviceDataDate: serviceData.updatedAt,
  };
}

/** Whether NEW Deny `n` matches every action OLD Deny `d` matches. */
function denyActionsCovered(d: Statement, n: Statement, serviceData: IamServiceData): boolean {
  if (d.action && n.action)
    if (
      d.action.patterns.every((p) =>
        n.action!.patterns.some((q) => actionPatternContains(p, q) === true),
      )
    )
      return true;
  return statementActions(d, serviceData).every(
    ({ action, known }) => actionCovered(n, action, known, serviceData) === true,
  );
}
