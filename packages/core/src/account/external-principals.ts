// Principals outside the account that a resource policy (a role's trust policy, a bucket or key
// policy…) names: other accounts, their users and roles, "*", identity providers, AWS services.
// As IAM Access Analyzer reports external access, each is listed with the statement that names it:
// a service principal has no identity side, so core decides it outright; for the others, their
// own account's policies (identity policies, boundary, SCPs) are not in the input, so the answer
// is uncertain — never a confident Allowed or ImplicitlyDenied (docs/account-mode.md).
// AWS: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
import { formatCondition } from "../access/format-checks.js";
import type { AccessCondition } from "../access/types.js";
import { evaluate } from "../evaluation/evaluate.js";
import { parseRequestPrincipal } from "../matching/principal.js";
import type {
  ContextValue,
  DecidingStatement,
  EvaluationResult,
  NamedPolicy,
  Policy,
  PolicyExplanation,
  PrincipalEntry,
  Statement,
  StatementExplanation,
} from "../types.js";
import type { AccountQuery, ResourceLayers } from "./account-request.js";
import { AccountQueryError } from "./account-request.js";
import type { Account } from "./load-account.js";
import type { WhoCanEntry } from "./who-can.js";

/** How a policy names a principal outside the account. */
export type ExternalForm =
  | "account"
  | "user"
  | "role"
  | "role-session"
  | "federated-user"
  | "any"
  | "federated"
  | "canonical-user";

/** What a who-can entry says of a principal outside the account (`kind: "external"`). */
export interface ExternalPrincipal {
  form: ExternalForm;
  /** Its account, when the policy names one. */
  account?: string;
  /** Conditions of the granting statements on keys the query's context does not give: they must hold. */
  conditions: AccessCondition[];
  /** What the input does not say about it, in words. */
  unknown: string;
  /** Deny statements that cover it with conditions on keys the query does not give: they may deny it. */
  mayBeDeniedBy?: DecidingStatement[];
}

interface Named {
  principal: string;
  form: ExternalForm | "service";
  account?: string;
  /** The principal's own context keys that its name fixes (aws:PrincipalArn, aws:PrincipalAccount). */
  keys: { [key: string]: string };
  /** `policyIndex:statementIndex` of the Allow statements that name it. */
  grants: Set<string>;
  unknown: string;
}

const CROSS_ACCOUNT_PAGE =
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html";
const SOURCE = `docs/account-mode.md#principals-outside-the-account (${CROSS_ACCOUNT_PAGE})`;
const FEDERATED_ACTIONS = ["sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"];

function policyOf(named: NamedPolicy): Policy {
  return named.document as Policy;
}

/** The external principal an entry of an Allow statement's Principal names, or undefined. */
function classify(entry: PrincipalEntry, account: Account): Omit<Named, "grants"> | undefined {
  const own = account.accountId;
  const partition = account.root?.arn.split(":")[1] ?? "aws";
  const value = entry.value;
  switch (entry.kind) {
    case "Service":
      return { principal: value, form: "service", keys: {}, unknown: "" };
    case "Federated":
      return {
        principal: value,
        form: "federated",
        keys: {},
        unknown: `who signs in with ${value}, and the claims it passes`,
      };
    case "CanonicalUser":
      return {
        principal: value,
        form: "canonical-user",
        keys: {},
        unknown: "the account of this S3 canonical user, and its policies",
      };
    case "AWS":
      break;
  }
  if (value === "*") return anyone();
  const parsed = parseRequestPrincipal(value);
  // A unique id (AIDA…, AROA…) stands for a deleted principal and matches nobody.
  if ("error" in parsed || !("account" in parsed)) return undefined;
  const b = parsed.account;
  if (parsed.kind === "root") {
    if (b === own) return undefined; // Delegation to the account: its principals decide (in-account answers).
    return {
      principal: `arn:${partition}:iam::${b}:root`,
      form: "account",
      account: b,
      keys: { "aws:PrincipalAccount": b },
      unknown: `account ${b}'s own policies (identity policies, permissions boundaries, SCPs)`,
    };
  }
  // A role is named by its ARN with any path (docs/evaluation-rules.md §4.1), as core matches it.
  const known = (arn: string, roleName?: string) =>
    account.principals.some(
      (p) => p.arn === arn || (roleName !== undefined && p.kind === "role" && p.name === roleName),
    );
  if (b === own && known(parsed.arn, parsed.kind === "role" ? parsed.roleName : undefined))
    return undefined;
  const arnKey = parsed.kind === "assumed-role" ? parsed.roleArn : parsed.arn;
  const form: ExternalForm =
    parsed.kind === "assumed-role"
      ? "role-session"
      : parsed.kind === "federated-user"
        ? "federated-user"
        : parsed.kind;
  return {
    principal: parsed.arn,
    form,
    account: b,
    keys: { "aws:PrincipalArn": arnKey, "aws:PrincipalAccount": b },
    unknown:
      b !== own
        ? `its own policies in account ${b} (identity policies, permissions boundary, SCPs)`
        : parsed.kind === "assumed-role" && known(parsed.roleArn, parsed.roleName)
          ? `a session of ${parsed.roleArn}: whether one exists, and its session policy`
          : "it is of this account but not in the pages: its policies are unknown",
  };
}

function anyone(): Omit<Named, "grants"> {
  return {
    principal: "*",
    form: "any",
    keys: {},
    unknown: "who calls: anyone, in any AWS account, under their own account's policies",
  };
}

/** Every principal outside the account that an Allow statement of the policies names. */
function namedPrincipals(account: Account, policies: readonly NamedPolicy[]): Named[] {
  const named = new Map<string, Named>();
  const add = (found: Omit<Named, "grants"> | undefined, where: string) => {
    if (found === undefined) return;
    const key = `${found.form}\u0000${found.principal}`;
    let entry = named.get(key);
    if (!entry) named.set(key, (entry = { ...found, grants: new Set() }));
    entry.grants.add(where);
  };
  policies.forEach((p, i) => {
    for (const s of policyOf(p).statements) {
      if (s.effect !== "Allow") continue;
      const where = `${i}:${s.index}`;
      // Allow + NotPrincipal grants everyone but those listed.
      if (s.notPrincipal !== undefined || s.principal?.wildcard === true) add(anyone(), where);
      for (const entry of s.principal?.entries ?? []) add(classify(entry, account), where);
    }
  });
  return [...named.values()];
}

/** Whether a Deny statement's Principal surely covers the external principal. */
function denyCovers(s: Statement, x: Named): boolean {
  if (s.principal === undefined) return false;
  if (s.principal.wildcard) return true;
  return s.principal.entries.some((e) => {
    switch (e.kind) {
      case "Federated":
        return x.form === "federated" && e.value === x.principal;
      case "CanonicalUser":
        return x.form === "canonical-user" && e.value === x.principal;
      case "Service":
        return false;
      case "AWS":
        if (e.value === "*") return true;
        if (x.account === undefined) return false;
        if (e.value === x.account || e.value.endsWith(`:iam::${x.account}:root`)) return true;
        return e.value === x.principal || e.value === x.keys["aws:PrincipalArn"];
    }
  });
}

function decidingOf(pe: PolicyExplanation, se: StatementExplanation): DecidingStatement {
  return {
    policyType: pe.policyType,
    policyIndex: pe.policyIndex,
    ...(pe.level !== undefined && { level: pe.level }),
    ...(pe.policyName !== undefined && { policyName: pe.policyName }),
    statementIndex: se.statementIndex,
    ...(se.sid !== undefined && { sid: se.sid }),
    effect: se.effect,
    ...(se.line !== undefined && { line: se.line, column: se.column }),
  };
}

function label(d: DecidingStatement): string {
  return `${d.policyName ?? `${d.policyType} #${d.policyIndex}`} ${d.sid ?? `Statement[${d.statementIndex}]`}`;
}

/** The resource's side, its policies known. */
type Layers = ResourceLayers & { resource: readonly NamedPolicy[] };

/**
 * Decides one principal outside the account from the policies' statements: which Allow naming it
 * applies to the action and resource, which Deny covers it, and which conditions remain open
 * (keys the query does not give). Core evaluates each statement; only the principal's own side is
 * missing, and the answer says so.
 */
function decideExternal(x: Named, query: AccountQuery, actions: string[], layers: Layers) {
  const context: { [key: string]: ContextValue | undefined } = { ...x.keys, ...query.context };
  const grants: DecidingStatement[] = [];
  const open: AccessCondition[] = [];
  const denies: DecidingStatement[] = [];
  const mayDeny: DecidingStatement[] = [];
  // A statement that applies to several of the actions counts once.
  const seen = new Set<string>();
  for (const action of actions) {
    // Without a principal, core derives no principal keys: only the ones the name fixes count.
    const outcome = evaluate(
      {
        action,
        resource: query.resource ?? "*",
        context,
        policies: { resource: layers.resource, ...(layers.rcp && { rcp: layers.rcp }) },
      },
      { explain: true },
    );
    if ("error" in outcome && outcome.error !== undefined)
      throw new AccountQueryError(outcome.error.message, x.principal);
    for (const pe of (outcome as EvaluationResult).explain!.policies) {
      const policy =
        pe.policyType === "resource"
          ? layers.resource[pe.policyIndex]
          : layers.rcp?.[pe.level ?? 0]?.[pe.policyIndex];
      if (policy === undefined) continue;
      for (const se of pe.statements) {
        if (!se.action.matched || se.resource?.matched === false) continue;
        // A condition on a key the query gives is decided; one on a key it does not give is open.
        if (se.conditions.some((c) => c.requestValues !== undefined && !c.matched)) continue;
        const unknown = se.conditions.filter((c) => c.requestValues === undefined);
        const id = `${pe.policyType}:${pe.level ?? 0}:${pe.policyIndex}:${se.statementIndex}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const statement = policyOf(policy).statements[se.statementIndex]!;
        if (se.effect === "Deny") {
          if (!denyCovers(statement, x) && statement.notPrincipal === undefined) continue;
          const sure = unknown.length === 0 && statement.notPrincipal === undefined;
          (sure ? denies : mayDeny).push(decidingOf(pe, se));
        } else if (
          pe.policyType === "resource" &&
          x.grants.has(`${pe.policyIndex}:${se.statementIndex}`)
        ) {
          grants.push(decidingOf(pe, se));
          for (const c of unknown)
            open.push({ operator: c.operator, key: c.key, values: c.policyValues });
        }
      }
    }
  }
  return { grants, open, denies, mayDeny };
}

export interface ExternalOptions {
  includeDenied?: boolean;
  explain?: boolean;
  /** who-can-assume: a federated principal is asked sts:AssumeRoleWithWebIdentity and …WithSAML. */
  assumeRole?: boolean;
}

/**
 * The principals outside the account that the resource's policies name, each decided as far as
 * the input allows; `evaluated` counts them all. Entries are returned when allowed or uncertain,
 * and with `includeDenied` the denied ones too.
 */
export function externalEntries(
  account: Account,
  query: AccountQuery,
  resourceSide: ResourceLayers | undefined,
  options: ExternalOptions,
): { entries: WhoCanEntry[]; evaluated: number } {
  const resource = resourceSide?.resource;
  if (resource === undefined || resource.length === 0) return { entries: [], evaluated: 0 };
  const layers: Layers = { ...resourceSide, resource };
  const named = namedPrincipals(account, resource);
  const entries: WhoCanEntry[] = [];
  for (const x of named) {
    const entry =
      x.form === "service"
        ? serviceEntry(x, query, layers, options)
        : externalEntry(account, x, query, layers, options);
    if (entry.decision === "Allowed" || entry.otherDecision === "Allowed" || options.includeDenied)
      entries.push(entry);
  }
  return { entries, evaluated: named.length };
}

/** A service principal has no identity side (docs/evaluation-rules.md §7.4): core decides it. */
function serviceEntry(
  x: Named,
  query: AccountQuery,
  layers: Layers,
  options: ExternalOptions,
): WhoCanEntry {
  const outcome = evaluate(
    {
      principal: x.principal,
      action: query.action,
      resource: query.resource ?? "*",
      ...(query.context !== undefined && { context: query.context }),
      policies: { resource: layers.resource, ...(layers.rcp && { rcp: layers.rcp }) },
    },
    { explain: true },
  );
  if ("error" in outcome && outcome.error !== undefined)
    throw new AccountQueryError(outcome.error.message, x.principal);
  const r = outcome as EvaluationResult;
  return {
    principal: x.principal,
    kind: "service",
    decision: r.decision,
    decidedBy: r.decidedBy,
    ...(r.uncertain && { uncertain: true, otherDecision: r.otherDecision!, readings: r.readings! }),
    ...(r.notes !== undefined && { notes: r.notes }),
    ...(r.decision !== "Allowed" && { reason: r.explain!.summary }),
    ...(options.explain === true && { explain: r.explain! }),
  };
}

function externalEntry(
  account: Account,
  x: Named,
  query: AccountQuery,
  layers: Layers,
  options: ExternalOptions,
): WhoCanEntry {
  const actions =
    options.assumeRole === true && x.form === "federated" ? FEDERATED_ACTIONS : [query.action];
  const { grants, open, denies, mayDeny } = decideExternal(x, query, actions, layers);
  const form = x.form as ExternalForm;
  const external: ExternalPrincipal = {
    form,
    ...(x.account !== undefined && { account: x.account }),
    conditions: open,
    unknown: x.unknown,
    ...(mayDeny.length > 0 && { mayBeDeniedBy: mayDeny }),
  };
  const base = { principal: x.principal, kind: "external" as const, external };
  if (denies.length > 0)
    return {
      ...base,
      decision: "ExplicitlyDenied",
      decidedBy: denies,
      reason: `Explicitly denied by ${denies.map(label).join("; ")}`,
    };
  // Within the account an identity policy alone may allow (docs/evaluation-rules.md §7.2): a
  // principal of the account that the pages do not hold is then unknown, not denied.
  const sameAccount = x.account !== undefined && x.account === account.accountId;
  if (grants.length === 0 && !sameAccount)
    return {
      ...base,
      decision: "ImplicitlyDenied",
      decidedBy: [],
      reason: `No statement that names it allows ${actions.join(" or ")} on ${query.resource ?? "*"}${query.context !== undefined ? " with this context" : ""}`,
    };
  const conditions = open.length > 0 ? `, when ${open.map(formatCondition).join(" and ")}` : "";
  const denial = mayDeny.length > 0 ? `, unless ${mayDeny.map(label).join("; ")} denies it` : "";
  const where =
    grants.length > 0
      ? `${grants.map(label).join("; ")} names ${x.principal}`
      : `${x.principal}, of this account, may be allowed by its identity policies alone`;
  return {
    ...base,
    decision: "ImplicitlyDenied",
    decidedBy: grants,
    uncertain: true,
    otherDecision: "Allowed",
    readings: [
      {
        code: "EXTERNAL_PRINCIPAL",
        where: `${where}${conditions}${denial}`,
        reading: `the principal's own side is not in the input (${x.unknown}): not counted as allowing`,
        otherReading:
          "its own side allows and the open conditions hold: the resource's policy grants it",
        source: SOURCE,
      },
    ],
  };
}
