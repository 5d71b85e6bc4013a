// `can`: every concrete action (the IAM service data's) a user or role of the account may perform,
// grouped by service and access level. The principal's policy set is compiled once (shared with
// who-can); actions no Allow statement can match are not evaluated (grant-prefilter.ts).
import type {
  AccessLevel,
  DecidingStatement,
  Decision,
  Engine,
  EvaluationResult,
  IamServiceData,
  Note,
  UncertainReading,
} from "../types.js";
import { closestName } from "../closest-name.js";
import type { AskedService } from "./actions-to-ask.js";
import { ACCESS_LEVELS, CanQueryError, actionsToAsk } from "./actions-to-ask.js";
import { grantPrefilter } from "./grant-prefilter.js";
import type { Account, AccountPrincipal } from "./load-account.js";
import { compile } from "../evaluation/evaluate.js";
import type { AccountQuery, ResourceLayers } from "./account-request.js";
import {
  AccountQueryError,
  contextFor,
  decisionFields,
  resourceLayersFor,
} from "./account-request.js";
import { engineOf } from "./who-can.js";

export interface CanQuery {
  /** The IAM service reference data (e.g. `serviceData` of `@iamspec/policies/service-data`). */
  serviceData: IamServiceData;
  /** Only these services (prefixes, any case). */
  service?: string | readonly string[];
  /** Only these access levels. */
  accessLevel?: AccessLevel | readonly AccessLevel[];
  /**
   * `*` (default): every action is asked about `*`. An ARN: only the actions it is a resource of (by
   * the ARN formats of their resource types) are asked, about that ARN.
   */
  resource?: string;
  /** Context keys; the principal's own (aws:PrincipalTag/…, aws:userid…) are added unless given. */
  context?: AccountQuery["context"];
}

/** One action the principal may perform, or may under an uncertain reading. */
export interface CanEntry {
  action: string;
  accessLevel: AccessLevel;
  /** `Allowed`; or a denial whose `otherDecision` is `Allowed` (uncertain). */
  decision: Decision;
  decidedBy: DecidingStatement[];
  uncertain?: true;
  otherDecision?: Decision;
  readings?: UncertainReading[];
  notes?: Note[];
}

export interface CanAccessLevelGroup {
  accessLevel: AccessLevel;
  actions: CanEntry[];
}

export interface CanServiceGroup {
  /** The service prefix, e.g. `s3`. */
  service: string;
  name: string;
  /** How many of the service's actions were asked about. */
  asked: number;
  accessLevels: CanAccessLevelGroup[];
}

export interface CanResult {
  principal: string;
  kind: AccountPrincipal["kind"];
  resource: string;
  serviceDataDate: string;
  /** How many actions were asked about (those the filters and the resource keep). */
  asked: number;
  /** How many are allowed (`decision` Allowed, uncertain or not). */
  allowed: number;
  /** How many entries are uncertain: allowed under one reading only. */
  uncertain: number;
  /** By service prefix, then access level (List, Read, Write, Permissions management, Tagging), then action. */
  services: CanServiceGroup[];
}

/** The plans of recent queries, per service data: the matrix asks the same one for every principal. */
const plans = new WeakMap<IamServiceData, { key: string; plan: AskedService[] }>();

/** The actions to ask about for this query (remembered for the last query of each service data). */
export function planOf(query: CanQuery): AskedService[] {
  const key = JSON.stringify([query.service, query.accessLevel, query.resource ?? "*"]);
  const cached = plans.get(query.serviceData);
  if (cached !== undefined && cached.key === key) return cached.plan;
  const plan = actionsToAsk(query.serviceData, query);
  plans.set(query.serviceData, { key, plan });
  return plan;
}

function entryOf(result: EvaluationResult, accessLevel: AccessLevel, action: string): CanEntry {
  return {
    action,
    accessLevel,
    ...decisionFields(result),
  };
}

/**
 * The principal's engine with a resource's side added, compiled once per side: most actions of a
 * scan share one (none, or the account's RCPs alone), and a request that carried the side would
 * load the whole policy set again each time (compile() equals evaluate() with the same policies).
 */
function enginesWithResourceSide(
  principal: AccountPrincipal,
): (layers: ResourceLayers | undefined) => Engine {
  const own = engineOf(principal);
  const bySide = new Map<unknown, Map<unknown, Engine>>();
  return (layers) => {
    if (layers === undefined) return own;
    let byRcp = bySide.get(layers.resource);
    if (byRcp === undefined) bySide.set(layers.resource, (byRcp = new Map()));
    let engine = byRcp.get(layers.rcp);
    if (engine === undefined) {
      engine = compile({ ...principal.policies, ...layers });
      byRcp.set(layers.rcp, engine);
    }
    return engine;
  };
}

/**
 * The principal's allowed (and uncertain) actions of the plan, in the plan's order. `bruteForce`
 * evaluates every action, for the tests that check the prefilter changes nothing.
 */
export function canEntries(
  account: Account,
  principal: AccountPrincipal,
  plan: readonly AskedService[],
  query: Pick<CanQuery, "resource" | "context">,
  bruteForce = false,
): CanEntry[] {
  const engineWith = enginesWithResourceSide(principal);
  const resource = query.resource ?? "*";
  const prefilter = bruteForce ? undefined : grantPrefilter(principal.policies, principal.arn);
  const entries: CanEntry[] = [];
  const given = query.context !== undefined ? { context: query.context } : {};
  // The principal's own context keys depend on the resource, not on the action.
  const context = contextFor(account, principal, { action: "", resource, ...given });
  for (const service of plan) {
    const statements = prefilter?.statementsFor(service.key);
    for (const asked of service.actions) {
      const question = { action: asked.action, resource, ...given };
      // The resource's side: its policies (a role's trust policy for sts:AssumeRole*) and RCPs.
      const layers = resourceLayersFor(account, question);
      // A resource policy can grant on its own: such actions are always evaluated.
      if (
        statements !== undefined &&
        (layers?.resource === undefined || layers.resource.length === 0) &&
        !prefilter!.mayAllow(statements, asked.lower, service.key)
      )
        continue;
      const outcome = engineWith(layers).evaluate({
        principal: principal.arn,
        action: asked.action,
        resource,
        context,
      });
      if ("error" in outcome) throw new AccountQueryError(outcome.error.message, principal.arn);
      if (outcome.decision === "Allowed" || outcome.otherDecision === "Allowed")
        entries.push(entryOf(outcome, asked.accessLevel, asked.action));
    }
  }
  return entries;
}

/** The account's principals that `can` answers for: its users and roles, and its root user. */
export function ownPrincipals(account: Account): readonly AccountPrincipal[] {
  return account.root !== undefined ? [...account.principals, account.root] : account.principals;
}

/** The user or role with this ARN; a CanQueryError naming similar ones when there is none. */
export function principalOf(account: Account, principalArn: string): AccountPrincipal {
  const principals = ownPrincipals(account);
  const found = principals.find((p) => p.arn === principalArn);
  if (found !== undefined) return found;
  const name = principalArn.slice(principalArn.lastIndexOf("/") + 1).toLowerCase();
  const sameName = principals.filter((p) => p.name.toLowerCase() === name);
  const close = closestName(
    principalArn,
    principals.map((p) => p.arn),
  );
  const similar =
    sameName.length > 0 ? sameName.map((p) => p.arn) : close !== undefined ? [close] : [];
  throw new CanQueryError(
    `${principalArn} is not a user or role of the account${similar.length > 0 ? `; did you mean ${similar.join(", ")}?` : ""}`,
  );
}

function grouped(plan: readonly AskedService[], entries: readonly CanEntry[]): CanServiceGroup[] {
  const byAction = new Map(entries.map((e) => [e.action, e]));
  const services: CanServiceGroup[] = [];
  for (const service of plan) {
    const levels = new Map<AccessLevel, CanEntry[]>();
    for (const asked of service.actions) {
      const entry = byAction.get(asked.action);
      if (entry === undefined) continue;
      let list = levels.get(asked.accessLevel);
      if (list === undefined) levels.set(asked.accessLevel, (list = []));
      list.push(entry);
    }
    if (levels.size === 0) continue;
    services.push({
      service: service.prefix,
      name: service.name,
      asked: service.actions.length,
      accessLevels: ACCESS_LEVELS.filter((l) => levels.has(l)).map((accessLevel) => ({
        accessLevel,
        actions: levels.get(accessLevel)!,
      })),
    });
  }
  return services;
}

/**
 * Every action of the IAM service data that the user or role may perform (and those it may under
 * an uncertain reading, marked `uncertain`), grouped by service and access level. Resource policies
 * are unknown (identity-only mode), except a role's trust policy for sts:AssumeRole* on it, as in
 * `whoCan`. Throws `CanQueryError` for an unknown principal, service or access level, and
 * `AccountQueryError` when a request cannot be evaluated.
 */
export function can(account: Account, principalArn: string, query: CanQuery): CanResult {
  const principal = principalOf(account, principalArn);
  const plan = planOf(query);
  const entries = canEntries(account, principal, plan, query);
  return {
    principal: principal.arn,
    kind: principal.kind,
    resource: query.resource ?? "*",
    serviceDataDate: query.serviceData.updatedAt,
    asked: plan.reduce((n, s) => n + s.actions.length, 0),
    allowed: entries.filter((e) => e.decision === "Allowed").length,
    uncertain: entries.filter((e) => e.uncertain === true).length,
    services: grouped(plan, entries),
  };
}
