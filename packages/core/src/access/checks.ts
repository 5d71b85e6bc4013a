// Offline access checks, after IAM Access Analyzer's custom policy checks (CheckNoNewAccess,
// CheckAccessNotGranted, CheckNoPublicAccess). Each answers PASS or FAIL with the reasons; a check
// never answers PASS while access may exist: whatever it cannot prove (a condition it cannot
// compare, a containment past its search budget) is reported as a finding with the reason named.
// Semantics and limits: docs/access-checks.md.
import type { IamServiceData, Policy, PrincipalBlock, Statement } from "../types.js";
import { matchAction } from "../matching/index.js";
import type { Decision3 } from "./containment.js";
import {
  actionPatternContains,
  actionPatternsIntersect,
  resourcePatternContains,
  resourcePatternsIntersect,
} from "./containment.js";
import { expandActionPattern, expandNotAction } from "./expand-actions.js";
import type { ExpandedAction } from "./expand-actions.js";
import { hasWildcard } from "./wildcard.js";
import type { AccessCondition } from "./types.js";

export type CheckResult = "PASS" | "FAIL";

/** A statement of one of the policies, by index and Sid. */
export interface CheckStatementRef {
  statementIndex: number;
  sid?: string;
}

/** Why a grant of the new policy is new access. */
export type NewAccessReason =
  /** No Allow statement of the old policy names the action. */
  | "ACTION_NOT_GRANTED"
  /** The old policy allows the action, but on no resource pattern that contains the new one. */
  | "RESOURCE_NOT_COVERED"
  /** The old policy allows it only under conditions that the new grant's conditions do not imply. */
  | "CONDITIONS_NOT_COMPARABLE"
  /** The old policy allows it only to principals that the new grant's principals exceed. */
  | "PRINCIPAL_NOT_COVERED"
  /** A Deny of the old policy may apply, and the new policy has no Deny that covers it. */
  | "OLD_DENY_DROPPED"
  /** A pattern comparison ran past its search budget. */
  | "UNDECIDED";

export interface NewAccess {
  /** The actions (as the IAM data spells them; or an action pattern the data does not know). */
  actions: string[];
  /** The resource pattern, `every resource except …` for NotResource, absent when the statement has no Resource. */
  resource?: string;
  notResources?: string[];
  principals?: string[];
  notPrincipals?: string[];
  conditions: AccessCondition[];
  /** The new policy's statement that grants it. */
  statement: CheckStatementRef;
  reason: NewAccessReason;
  /** In words: why the old policy does not grant it. */
  explanation: string;
  /** The old policy's statements the reason is about (closest grants, or the dropped Deny). */
  oldStatements: CheckStatementRef[];
}

export interface NoNewAccessResult {
  check: "no-new-access";
  result: CheckResult;
  newAccess: NewAccess[];
  serviceDataDate: string;
}

export interface CheckOptions {
  serviceData: IamServiceData;
}

// ---------------------------------------------------------------------------------------------
// Statement pieces

/** A statement's resource scope: patterns, NotResource, or no Resource element at all. */
type ResourceItem = { pattern: string } | { not: string[] } | { none: true };

function resourceItems(statement: Statement): ResourceItem[] {
  if (statement.resource) return statement.resource.patterns.map((pattern) => ({ pattern }));
  if (statement.notResource) return [{ not: [...statement.notResource.patterns] }];
  return [{ none: true }];
}

const VARIABLE = /\$\{[^}]*\}/g;

function usesVariables(policy: Policy, text: string): boolean {
  return policy.version === "2012-10-17" && text.includes("${");
}

/**
 * The pattern a new grant is compared as: variables become `*`, a superset of whatever they
 * resolve to (a substituted value never spans a field it does not sit in).
 */
function widened(policy: Policy, pattern: string): string {
  return usesVariables(policy, pattern) ? pattern.replace(VARIABLE, "*") : pattern;
}

function all(values: Iterable<Decision3>): Decision3 {
  let unknown = false;
  for (const value of values) {
    if (value === false) return false;
    if (value === "unknown") unknown = true;
  }
  return unknown ? "unknown" : true;
}

function some(values: Iterable<Decision3>): Decision3 {
  let unknown = false;
  for (const value of values) {
    if (value === true) return true;
    if (value === "unknown") unknown = true;
  }
  return unknown ? "unknown" : false;
}

interface Side {
  policy: Policy;
}

/**
 * Whether `outer` (a statement of policy `outerSide`) matches every resource of `inner` (of policy
 * `innerSide`). A pattern with variables in `outer` covers only the same text in a policy that
 * resolves variables alike.
 */
function resourceCovered(
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
function resourceMayMeet(
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

function flip(value: Decision3): Decision3 {
  return value === "unknown" ? value : !value;
}

/**
 * The known actions a pattern matches, exactly as the evaluator matches (case-insensitive glob over
 * `service:Name`): through the IAM data's prefixes when the pattern has a colon; by a scan of every
 * action when a wildcard stands where the colon would be (`*Describe*`).
 */
function expandExact(pattern: string, serviceData: IamServiceData): ExpandedAction[] {
  if (pattern === "*" || pattern.includes(":") || !hasWildcard(pattern))
    return expandActionPattern(pattern, serviceData);
  const found: ExpandedAction[] = [];
  for (const prefix of serviceData.prefixes()) {
    const service = serviceData.service(prefix);
    if (!service) continue;
    for (const action of Object.values(service.actions)) {
      const full = `${service.prefix}:${action.name}`;
      if (matchAction(pattern, full))
        found.push({ action: full, accessLevel: action.accessLevel, status: "known" });
    }
  }
  return found.length > 0 ? found : [{ action: pattern, status: "unknown" }];
}

/** Per statement: the known actions its Action names, or those its NotAction excludes (lower-case). */
const knownSets = new WeakMap<Statement, Set<string>>();

function knownSet(statement: Statement, serviceData: IamServiceData): Set<string> {
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
function actionCovered(
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

function actionMayMeet(
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

function principalEntries(block: PrincipalBlock): string[] {
  if (block.wildcard) return ["*"];
  return block.entries.map((entry) => `${entry.kind}:${entry.value}`);
}

function isEveryone(block: PrincipalBlock): boolean {
  return block.wildcard || block.entries.some((e) => e.kind === "AWS" && e.value === "*");
}

/** Whether `outer`'s Principal matches every principal `inner` admits (compared as written). */
function principalCovered(inner: Statement, outer: Statement): boolean {
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

function conditionKey(policy: Policy, condition: Statement["conditions"][number]): string {
  const values = condition.values.map((v) => v.text).sort();
  return `${condition.operator.toLowerCase()}\u0000${condition.key.toLowerCase()}\u0000${values.join("\u0001")}\u0000${policy.version}`;
}

/**
 * Whether `outer`'s conditions hold whenever `inner`'s hold: every condition of `outer` is one
 * of `inner`'s (same operator, key and values; all conditions are ANDed). Values with policy
 * variables compare only between policies of the same version.
 */
function conditionsImplied(
  inner: Statement,
  innerSide: Side,
  outer: Statement,
  outerSide: Side,
): boolean {
  if (outer.conditions.length === 0) return true;
  const have = new Set(inner.conditions.map((c) => conditionKey(innerSide.policy, c)));
  return outer.conditions.every((c) => have.has(conditionKey(outerSide.policy, c)));
}

function ref(statement: Statement): CheckStatementRef {
  return {
    statementIndex: statement.index,
    ...(statement.sid !== undefined && { sid: statement.sid }),
  };
}

function describeRef(statement: Statement): string {
  return statement.sid
    ? `${statement.sid} (Statement[${statement.index}])`
    : `Statement[${statement.index}]`;
}

function conditionsOf(statement: Statement): AccessCondition[] {
  return statement.conditions.map((c) => ({
    operator: c.operator,
    key: c.key,
    values: c.values.map((v) => v.text),
  }));
}

interface ExpandedGrant {
  action: string;
  known: boolean;
}

function statementActions(statement: Statement, serviceData: IamServiceData): ExpandedGrant[] {
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

// ---------------------------------------------------------------------------------------------
// no-new-access

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

// ---------------------------------------------------------------------------------------------
// access-not-granted

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
