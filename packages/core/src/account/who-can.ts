// Account queries: who can do an action on a resource, who can assume a role. Each principal's
// policy set is compiled once (compile()) and evaluated for every question asked of it.
import { compile } from "../evaluation/evaluate.js";
import type {
  ContextValue,
  DecidingStatement,
  Decision,
  Engine,
  EvaluationResult,
  Explanation,
  Note,
  PolicySet,
  UncertainReading,
} from "../types.js";
import type { Account, AccountPrincipal } from "./load-account.js";

export interface WhoCanQuery {
  action: string;
  /** Defaults to `*`. */
  resource?: string;
  /** Context keys; the principal's own (aws:PrincipalTag/…, aws:userid) are added unless given. */
  context?: { readonly [key: string]: ContextValue | undefined };
}

export interface WhoCanOptions {
  /** Also list the principals that are denied, each with the reason. */
  includeDenied?: boolean;
  /** Add the statement-by-statement explanation to every entry. */
  explain?: boolean;
}

export interface WhoCanEntry {
  principal: string;
  kind: "user" | "role";
  decision: Decision;
  decidedBy: DecidingStatement[];
  uncertain?: true;
  otherDecision?: Decision;
  readings?: UncertainReading[];
  notes?: Note[];
  /** For a denied principal: why, in one sentence. */
  reason?: string;
  explain?: Explanation;
}

export interface WhoCanResult {
  action: string;
  resource: string;
  /** How many principals were evaluated. */
  evaluated: number;
  /**
   * Allowed principals first, then those allowed only under an uncertain reading (decision denied,
   * `otherDecision` Allowed), then (with `includeDenied`) the denied ones; by ARN within each.
   */
  principals: WhoCanEntry[];
}

/** The evaluation of one principal's request failed (a malformed action, context or policy). */
export class AccountQueryError extends Error {
  readonly principal: string;
  constructor(message: string, principal: string) {
    super(`cannot evaluate for ${principal}: ${message}`);
    this.name = "AccountQueryError";
    this.principal = principal;
  }
}

const engines = new WeakMap<AccountPrincipal, Engine>();

/** The principal's compiled engine (who-can and can share it). */
export function engineOf(principal: AccountPrincipal): Engine {
  let engine = engines.get(principal);
  if (!engine) {
    engine = compile(principal.policies);
    engines.set(principal, engine);
  }
  return engine;
}

/** The principal's own context: its tags as aws:PrincipalTag/…, a user's aws:userid; given keys win. */
export function contextFor(
  principal: AccountPrincipal,
  given: WhoCanQuery["context"],
): { [key: string]: ContextValue | undefined } {
  const context: { [key: string]: ContextValue | undefined } = {};
  for (const [key, value] of Object.entries(principal.tags))
    context[`aws:PrincipalTag/${key}`] = value;
  if (principal.kind === "user" && principal.id !== undefined) context["aws:userid"] = principal.id;
  const lowerGiven = new Set(Object.keys(given ?? {}).map((k) => k.toLowerCase()));
  for (const key of Object.keys(context))
    if (lowerGiven.has(key.toLowerCase())) delete context[key];
  return { ...context, ...given };
}

const ROLE_TRUST_ACTION =
  /^sts:(assumerole|assumerolewithsaml|assumerolewithwebidentity|tagsession|setsourceidentity|setcontext)$/i;

/**
 * The resource's policies for this request, when the account has them: for sts:AssumeRole* on a
 * role of the account, its trust policy; otherwise undefined (identity-only mode).
 */
export function resourcePoliciesFor(
  account: Account,
  action: string,
  resource: string,
): PolicySet | undefined {
  const role = ROLE_TRUST_ACTION.test(action) ? account.roles.get(resource) : undefined;
  return role !== undefined ? { resource: role.trust ? [role.trust] : [] } : undefined;
}

function rank(entry: WhoCanEntry): number {
  if (entry.decision === "Allowed") return 0;
  return entry.otherDecision === "Allowed" ? 1 : 2;
}

function ask(
  principal: AccountPrincipal,
  query: WhoCanQuery,
  resourcePolicies: PolicySet | undefined,
  options: WhoCanOptions,
): WhoCanEntry | undefined {
  const engine = engineOf(principal);
  const request = {
    principal: principal.arn,
    action: query.action,
    resource: query.resource ?? "*",
    context: contextFor(principal, query.context),
    ...(resourcePolicies !== undefined && { policies: resourcePolicies }),
  };
  let outcome = engine.evaluate(request, { explain: options.explain === true });
  if ("error" in outcome && outcome.error !== undefined)
    throw new AccountQueryError(outcome.error.message, principal.arn);
  let result = outcome as EvaluationResult;
  const allowedSomehow = result.decision === "Allowed" || result.otherDecision === "Allowed";
  if (!allowedSomehow && options.includeDenied !== true) return undefined;
  let reason: string | undefined;
  if (!allowedSomehow) {
    if (result.explain === undefined) {
      outcome = engine.evaluate(request, { explain: true });
      reason = (outcome as EvaluationResult).explain?.summary;
    } else {
      reason = result.explain.summary;
    }
  }
  result = result as EvaluationResult;
  return {
    principal: principal.arn,
    kind: principal.kind,
    decision: result.decision,
    decidedBy: result.decidedBy,
    ...(result.uncertain && {
      uncertain: true as const,
      otherDecision: result.otherDecision!,
      readings: result.readings!,
    }),
    ...(result.notes !== undefined && { notes: result.notes }),
    ...(reason !== undefined && { reason }),
    ...(result.explain !== undefined && { explain: result.explain }),
  };
}

function sorted(entries: WhoCanEntry[]): WhoCanEntry[] {
  return entries.sort(
    (a, b) =>
      rank(a) - rank(b) || (a.principal < b.principal ? -1 : a.principal > b.principal ? 1 : 0),
  );
}

/**
 * Every user and role of the account that may do `action` on `resource`. Resource policies are
 * unknown (identity-only mode, note RESOURCE_POLICY_UNKNOWN), except for sts:AssumeRole* on a role of
 * the account, where the role's trust policy is the resource policy.
 */
export function whoCan(
  account: Account,
  query: WhoCanQuery,
  options: WhoCanOptions = {},
): WhoCanResult {
  const resource = query.resource ?? "*";
  const resourcePolicies = resourcePoliciesFor(account, query.action, resource);
  const entries: WhoCanEntry[] = [];
  for (const principal of account.principals) {
    const entry = ask(principal, { ...query, resource }, resourcePolicies, options);
    if (entry) entries.push(entry);
  }
  return {
    action: query.action,
    resource,
    evaluated: account.principals.length,
    principals: sorted(entries),
  };
}

/**
 * The users and roles of the account whose identity policies (within their boundary) and the
 * role's trust policy together allow `sts:AssumeRole` on the role. Throws when the role is not in
 * the account.
 */
export function whoCanAssume(
  account: Account,
  roleArn: string,
  options: WhoCanOptions & { context?: WhoCanQuery["context"] } = {},
): WhoCanResult {
  if (!account.roles.has(roleArn)) {
    const roleName = roleArn.slice(roleArn.lastIndexOf("/") + 1);
    const similar = [...account.roles.keys()].filter((arn) => arn.endsWith(`/${roleName}`));
    throw new Error(
      `role ${roleArn} is not in the account${similar.length > 0 ? `; did you mean ${similar.join(", ")}?` : ""}`,
    );
  }
  return whoCan(
    account,
    {
      action: "sts:AssumeRole",
      resource: roleArn,
      ...(options.context !== undefined && { context: options.context }),
    },
    options,
  );
}
