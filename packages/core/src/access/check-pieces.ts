// The pieces the access checks compare: a statement's resources, actions (expanded with the IAM
// service data), principals and conditions, and whether one statement's covers another's.
import type { IamServiceData, Policy, PrincipalBlock, Statement } from "../types.js";
import { matchAction } from "../matching/index.js";
import type { Decision3 } from "./containment.js";
import {
  actionPatternContains,
  actionPatternsIntersect,
  resourcePatternContains,
  resourcePatternsIntersect,
} from "./containment.js";
import { actionsWhere, expandActionPattern, expandNotAction } from "./expand-actions.js";
import type { ExpandedAction } from "./expand-actions.js";
import { hasWildcard } from "./wildcard.js";
import type { AccessCondition } from "./types.js";
import type { CheckStatementRef } from "./checks.js";

/** A statement's resource scope: patterns, NotResource, or no Resource element at all. */
export type ResourceItem = { pattern: string } | { not: string[] } | { none: true };

export function resourceItems(statement: Statement): ResourceItem[] {
  if (statement.resource) return statement.resource.patterns.map((pattern) => ({ pattern }));
  if (statement.notResource) return [{ not: [...statement.notResource.patterns] }];
  return [{ none: true }];
}

export const VARIABLE = /\$\{[^}]*\}/g;

export function usesVariables(policy: Policy, text: string): boolean {
  return policy.version === "2012-10-17" && text.includes("${");
}

/**
 * The pattern a new grant is compared as: variables become `*`, a superset of whatever they
 * resolve to (a substituted value never spans a field it does not sit in).
 */
export function widened(policy: Policy, pattern: string): string {
  return usesVariables(policy, pattern) ? pattern.replace(VARIABLE, "*") : pattern;
}

export function all(values: Iterable<Decision3>): Decision3 {
  let unknown = false;
  for (const value of values) {
    if (value === false) return false;
    if (value === "unknown") unknown = true;
  }
  return unknown ? "unknown" : true;
}

export function some(values: Iterable<Decision3>): Decision3 {
  let unknown = false;
  for (const value of values) {
    if (value === true) return true;
    if (value === "unknown") unknown = true;
  }
  return unknown ? "unknown" : false;
}

export interface Side {
  policy: Policy;
}

/**
 * Whether `outer` (a statement of policy `outerSide`) matches every resource of `inner` (of policy
 * `innerSide`). A pattern with variables in `outer` covers only the same text in a policy that
 * resolves variables alike.
 */
export function resourceCovered(
  inner: ResourceItem,
  innerSide: Side,
  outer: Statement,
  outerSide: Side,
): Decision3 {
  const outerItems = resourceItems(outer);
  return some(
    outerItems.map((item) => {
      if ("pattern" in item && item.pattern === "*") return true;
      if ("none" in inner) return "none" in item;
      if ("none" in item) return false;
      if ("pattern" in inner) {
        if ("pattern" in item) {
          if (usesVariables(outerSide.policy, item.pattern))
            return (
              item.pattern === inner.pattern &&
              innerSide.policy.version === outerSide.policy.version
            );
          return resourcePatternContains(widened(innerSide.policy, inner.pattern), item.pattern);
        }
        // Outer NotResource N: covered when the pattern meets no pattern of N.
        const p = widened(innerSide.policy, inner.pattern);
        return all(
          item.not.map((n) =>
            usesVariables(outerSide.policy, n) ? "unknown" : flip(resourcePatternsIntersect(p, n)),
          ),
        );
      }
      // Inner NotResource M (every resource but M): covered by outer NotResource N when N ⊆ ∪M.
      if ("pattern" in item) return false;
      return all(
        item.not.map((n) =>
          usesVariables(outerSide.policy, n)
            ? "unknown"
            : some(
                inner.not.map((m) =>
                  usesVariables(innerSide.policy, m) ? false : resourcePatternContains(n, m),
                ),
              ),
        ),
      );
    }),
  );
}

/** Whether some resource of `item` may be matched by the statement. */
export function resourceMayMeet(
  item: ResourceItem,
  side: Side,
  statement: Statement,
  stSide: Side,
): Decision3 {
  if ("pattern" in item) {
    const p = widened(side.policy, item.pattern);
    if (statement.resource)
      return some(
        statement.resource.patterns.map((q) =>
          usesVariables(stSide.policy, q)
            ? resourcePatternsIntersect(p, q.replace(VARIABLE, "*"))
            : resourcePatternsIntersect(p, q),
        ),
      );
    if (statement.notResource)
      // Meets unless p lies inside one excluded pattern.
      return flip(
        some(
          statement.notResource.patterns.map((n) =>
            usesVariables(stSide.policy, n) ? false : resourcePatternContains(p, n),
          ),
        ),
      );
  }
  return true;
}

export function flip(value: Decision3): Decision3 {
  return value === "unknown" ? value : !value;
}

/**
 * The known actions a pattern matches, exactly as the evaluator matches (case-insensitive glob over
 * `service:Name`): through the IAM data's prefixes when the pattern has a colon; by a scan of every
 * action when a wildcard stands where the colon would be (`*Describe*`).
 */
export function expandExact(pattern: string, serviceData: IamServiceData): ExpandedAction[] {
  if (pattern === "*" || pattern.includes(":") || !hasWildcard(pattern))
    return expandActionPattern(pattern, serviceData);
  const found = actionsWhere(serviceData, (full) => matchAction(pattern, full));
  return found.length > 0 ? found : [{ action: pattern, status: "unknown" }];
}

/** Per statement: the known actions its Action names, or those its NotAction excludes (lower-case). */
export const knownSets = new WeakMap<Statement, Set<string>>();

export function knownSet(statement: Statement, serviceData: IamServiceData): Set<string> {
  let set = knownSets.get(statement);
  if (set) return set;
  set = new Set();
  for (const pattern of (statement.action ?? statement.notAction)?.patterns ?? [])
    for (const item of expandExact(pattern, serviceData))
      if (item.status === "known") set.add(item.action.toLowerCase());
  knownSets.set(statement, set);
  return set;
}

/** Whether the statement's Action/NotAction matches `action` (a known action or a pattern). */
export function actionCovered(
  statement: Statement,
  action: string,
  known: boolean,
  serviceData: IamServiceData,
): Decision3 {
  if (statement.action) {
    if (known) return knownSet(statement, serviceData).has(action.toLowerCase());
    return some(statement.action.patterns.map((p) => actionPatternContains(action, p)));
  }
  if (statement.notAction) {
    if (known) return !knownSet(statement, serviceData).has(action.toLowerCase());
    return all(statement.notAction.patterns.map((p) => flip(actionPatternsIntersect(action, p))));
  }
  return false;
}

export function actionMayMeet(
  statement: Statement,
  action: string,
  known: boolean,
  serviceData: IamServiceData,
): Decision3 {
  if (known) return actionCovered(statement, action, true, serviceData);
  if (statement.action)
    return some(statement.action.patterns.map((p) => actionPatternsIntersect(action, p)));
  if (statement.notAction)
    return flip(some(statement.notAction.patterns.map((p) => actionPatternContains(action, p))));
  return false;
}

export function principalEntries(block: PrincipalBlock): string[] {
  if (block.wildcard) return ["*"];
  return block.entries.map((entry) => `${entry.kind}:${entry.value}`);
}

export function isEveryone(block: PrincipalBlock): boolean {
  return block.wildcard || block.entries.some((e) => e.kind === "AWS" && e.value === "*");
}

/** Whether `outer`'s Principal matches every principal `inner` admits (compared as written). */
export function principalCovered(inner: Statement, outer: Statement): boolean {
  if (!outer.principal && !outer.notPrincipal) return !inner.principal && !inner.notPrincipal;
  if (outer.principal && isEveryone(outer.principal)) return true;
  if (outer.principal && inner.principal) {
    const have = new Set(principalEntries(outer.principal));
    return principalEntries(inner.principal).every((entry) => have.has(entry));
  }
  if (outer.notPrincipal && inner.notPrincipal) {
    // Everyone but N_outer covers everyone but N_inner when N_outer ⊆ N_inner.
    const excluded = new Set(principalEntries(inner.notPrincipal));
    return principalEntries(outer.notPrincipal).every((entry) => excluded.has(entry));
  }
  return false;
}

export function conditionKey(policy: Policy, condition: Statement["conditions"][number]): string {
  const values = condition.values.map((v) => v.text).sort();
  return `${condition.operator.toLowerCase()}\u0000${condition.key.toLowerCase()}\u0000${values.join("\u0001")}\u0000${policy.version}`;
}

/**
 * Whether `outer`'s conditions hold whenever `inner`'s hold: every condition of `outer` is one
 * of `inner`'s (same operator, key and values; all conditions are ANDed). Values with policy
 * variables compare only between policies of the same version.
 */
export function conditionsImplied(
  inner: Statement,
  innerSide: Side,
  outer: Statement,
  outerSide: Side,
): boolean {
  if (outer.conditions.length === 0) return true;
  const have = new Set(inner.conditions.map((c) => conditionKey(innerSide.policy, c)));
  return outer.conditions.every((c) => have.has(conditionKey(outerSide.policy, c)));
}

export function ref(statement: Statement): CheckStatementRef {
  return {
    statementIndex: statement.index,
    ...(statement.sid !== undefined && { sid: statement.sid }),
  };
}

export function describeRef(statement: Statement): string {
  return statement.sid
    ? `${statement.sid} (Statement[${statement.index}])`
    : `Statement[${statement.index}]`;
}

export function conditionsOf(statement: Statement): AccessCondition[] {
  return statement.conditions.map((c) => ({
    operator: c.operator,
    key: c.key,
    values: c.values.map((v) => v.text),
  }));
}

export interface ExpandedGrant {
  action: string;
  known: boolean;
}

export function statementActions(
  statement: Statement,
  serviceData: IamServiceData,
): ExpandedGrant[] {
  const found = new Map<string, ExpandedGrant>();
  const add = (items: { action: string; status: string }[]) => {
    for (const item of items) {
      const key = item.action.toLowerCase();
      if (!found.has(key)) found.set(key, { action: item.action, known: item.status === "known" });
    }
  };
  if (statement.action)
    for (const pattern of statement.action.patterns) add(expandExact(pattern, serviceData));
  if (statement.notAction) {
    const excluded = knownSet(statement, serviceData);
    add(expandNotAction([], serviceData).filter((a) => !excluded.has(a.action.toLowerCase())));
    // Patterns the IAM data does not know are still excluded by the evaluator; nothing to add.
  }
  return [...found.values()];
}
