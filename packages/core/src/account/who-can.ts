// Account queries: who can do an action on a resource, who can assume a role. Each principal's
// policy set is compiled once (compile()) and evaluated for every question asked of it, with the
// resource's side (its policies, the RCPs) given per question (account-request.ts). Principals
// outside the account that the resource's policies name are listed too (external-principals.ts).
import { compile } from "../evaluation/evaluate.js";
import type {
  DecidingStatement,
  Decision,
  Engine,
  EvaluationResult,
  Explanation,
  Note,
  UncertainReading,
} from "../types.js";
import type { AccountQuery, ResourceLayers } from "./account-request.js";
import {
  AccountQueryError,
  contextFor,
  decisionFields,
  resourceLayersFor,
} from "./account-request.js";
import type { ExternalPrincipal } from "./external-principals.js";
import { externalEntries } from "./external-principals.js";
import type { Account, AccountPrincipal } from "./load-account.js";

/** A question: the action, the resource (default `*`) and context keys. */
export type WhoCanQuery = AccountQuery;

export interface WhoCanOptions {
  /** Also list the principals that are denied, each with the reason. */
  includeDenied?: boolean;
  /** Add the statement-by-statement explanation to every entry core decides (not `external` ones). */
  explain?: boolean;
}

export interface WhoCanEntry {
  principal: string;
  /**
   * `user`, `role`, `root` (the account root user): principals of the account. `service`: an AWS
   * service the resource's policy names. `external`: a principal outside the account (another
   * account, its users or roles, `*`, an identity provider), see `external`.
   */
  kind: "user" | "role" | "root" | "service" | "external";
  decision: Decision;
  decidedBy: DecidingStatement[];
  uncertain?: true;
  otherDecision?: Decision;
  readings?: UncertainReading[];
  notes?: Note[];
  /** For a denied principal: why, in one sentence. */
  reason?: string;
  explain?: Explanation;
  /** For `kind: "external"`: how the policy names it, the open conditions, and what is unknown. */
  external?: ExternalPrincipal;
}

export interface WhoCanResult {
  action: string;
  resource: string;
  /** How many principals were evaluated: the account's (its root user included) and those outside it. */
  evaluated: number;
  /**
   * Allowed principals first, then those allowed only under an uncertain reading (decision denied,
   * `otherDecision` Allowed), then (with `includeDenied`) the denied ones; by ARN within each.
   */
  principals: WhoCanEntry[];
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

function rank(entry: WhoCanEntry): number {
  if (entry.decision === "Allowed") return 0;
  return entry.otherDecision === "Allowed" ? 1 : 2;
}

function ask(
  account: Account,
  principal: AccountPrincipal,
  query: AccountQuery & { resource: string },
  layers: ResourceLayers | undefined,
  options: WhoCanOptions,
): WhoCanEntry | undefined {
  const engine = engineOf(principal);
  const request = {
    principal: principal.arn,
    action: query.action,
    resource: query.resource,
    context: contextFor(account, principal, query),
    ...(layers !== undefined && { policies: layers }),
  };
  let outcome = engine.evaluate(request, { explain: options.explain === true });
  if ("error" in outcome && outcome.error !== undefined)
    throw new AccountQueryError(outcome.error.message, principal.arn);
  const result = outcome as EvaluationResult;
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
  return {
    principal: principal.arn,
    kind: principal.kind,
    ...decisionFields(result),
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
 * Every principal that may do `action` on `resource`: the account's users and roles, its root
 * user, and the principals outside the account that the resource's policies name. The resource's
 * policies are those given to `loadAccount` for its ARN (or its bucket's, for an S3 object), or a
 * role's trust policy for sts:AssumeRole*; otherwise they are unknown (identity-only answers, note
 * RESOURCE_POLICY_UNKNOWN). The account's SCPs bind its principals, its RCPs its resources.
 */
export function whoCan(
  account: Account,
  query: WhoCanQuery,
  options: WhoCanOptions = {},
): WhoCanResult {
  return answer(account, { ...query, resource: query.resource ?? "*" }, options, false);
}

function answer(
  account: Account,
  query: AccountQuery & { resource: string },
  options: WhoCanOptions,
  assumeRole: boolean,
): WhoCanResult {
  const layers = resourceLayersFor(account, query);
  const own =
    account.root !== undefined ? [...account.principals, account.root] : account.principals;
  const entries: WhoCanEntry[] = [];
  for (const principal of own) {
    const entry = ask(account, principal, query, layers, options);
    if (entry) entries.push(entry);
  }
  const outside = externalEntries(account, query, layers, { ...options, assumeRole });
  entries.push(...outside.entries);
  return {
    action: query.action,
    resource: query.resource,
    evaluated: own.length + outside.evaluated,
    principals: sorted(entries),
  };
}

/**
 * The principals whose identity policies (within their boundary and SCPs) and the role's trust
 * policy together allow `sts:AssumeRole` on the role, and the principals outside the account that
 * the trust policy names (identity providers for sts:AssumeRoleWithWebIdentity or …WithSAML).
 * Throws when the role is not in the account.
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
  const query = {
    action: "sts:AssumeRole",
    resource: roleArn,
    ...(options.context !== undefined && { context: options.context }),
  };
  return answer(account, query, options, true);
}
