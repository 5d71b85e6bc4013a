// The differential harness of `checkNoNewAccess` against the evaluator: for a pair of policies,
// sample requests (actions from the IAM data; resources from the patterns of both versions and from
// the ARN formats of each action's resource types; contexts that satisfy each statement's
// conditions), evaluate each under OLD and NEW, and check that every request NEW may allow and OLD
// may deny lies inside a reported new access. Also counts reported access that sampling never shows.
import {
  checkNoNewAccess,
  compile,
  expandActionPattern,
  expandNotAction,
  matchAction,
  matchResource,
  parsePolicy,
} from "@iamspec/core";
import type {
  ContextValue,
  EvaluationOutcome,
  IamServiceData,
  NewAccess,
  Policy,
  PolicyDocument,
  Statement,
} from "@iamspec/core";

export interface PairReport {
  label: string;
  requests: number;
  /** Requests NEW may allow and OLD may deny. */
  newlyAllowed: number;
  /** Of those, requests outside every reported new access: must be 0. */
  misses: { action: string; resource: string; context: Record<string, ContextValue> }[];
  /** Reported (finding, action) pairs. */
  reported: number;
  /** Reported (finding, action) pairs that no sampled request showed. */
  unconfirmed: number;
  checkMs: number;
}

const ACCOUNT = "111122223333";
const REGION = "us-east-1";

function instances(pattern: string): string[] {
  const plain = pattern.replace(/\$\{[^}]*\}/g, "alice");
  const out = new Set<string>();
  for (const star of ["", "x", "a:b", "us-east-1", ACCOUNT])
    out.add(plain.replaceAll("*", star).replaceAll("?", "a"));
  out.add(plain.replaceAll("?", ":").replaceAll("*", "x"));
  return [...out];
}

function fromArnFormat(format: string): string {
  return format
    .replaceAll("${Partition}", "aws")
    .replaceAll("${Region}", REGION)
    .replaceAll("${Account}", ACCOUNT)
    .replace(/\$\{[^}]*\}/g, "id-1");
}

function resourceTypeArns(action: string, data: IamServiceData): string[] {
  const [prefix, name] = action.split(":") as [string, string];
  const service = data.service(prefix);
  const info = service?.actions[name?.toLowerCase() ?? ""];
  if (!service || !info) return [];
  return info.resourceTypes
    .map((t) => service.resourceTypes[t.name]?.arn)
    .filter((arn): arn is string => arn !== undefined)
    .map(fromArnFormat);
}

function conditionValue(operator: string, value: string): ContextValue | undefined {
  const base = operator.replace(/^For(All|Any)Values?:/, "").replace(/IfExists$/, "");
  if (/Not/.test(base)) return "zzz-other";
  if (base === "Null") return value === "true" ? undefined : "x";
  if (base.startsWith("Numeric")) {
    const n = Number(value);
    if (base.includes("LessThan")) return n - 1;
    if (base.includes("GreaterThan")) return n + 1;
    return n;
  }
  if (base === "IpAddress") return value.split("/")[0]!;
  if (base === "Bool") return value === "true";
  return value
    .replace(/\$\{[^}]*\}/g, "alice")
    .replaceAll("*", "x")
    .replaceAll("?", "a");
}

function statementContext(statement: Statement): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = { "aws:username": "alice" };
  for (const c of statement.conditions) {
    const value = conditionValue(c.operator, c.values[0]?.text ?? "");
    if (value === undefined) continue;
    context[c.key] = c.qualifier ? [value as string] : value;
  }
  return context;
}

function statementActions(statement: Statement, data: IamServiceData): string[] {
  if (statement.action)
    return statement.action.patterns.flatMap((p) =>
      expandActionPattern(p, data)
        .filter((a) => a.status === "known")
        .map((a) => a.action),
    );
  if (statement.notAction)
    return expandNotAction(statement.notAction.patterns, data).map((a) => a.action);
  return [];
}

/** A deterministic subset: every k-th entry so that at most `max` remain. */
function spread<T>(list: readonly T[], max: number): T[] {
  if (list.length <= max) return [...list];
  const step = list.length / max;
  return Array.from({ length: max }, (_, i) => list[Math.floor(i * step)]!);
}

function statementMatchesAction(statement: Statement, action: string): boolean {
  if (statement.action) return statement.action.patterns.some((p) => matchAction(p, action));
  if (statement.notAction) return !statement.notAction.patterns.some((p) => matchAction(p, action));
  return false;
}

function mayAllow(outcome: EvaluationOutcome): boolean {
  return outcome.decision === "Allowed" || outcome.otherDecision === "Allowed";
}

function mayDeny(outcome: EvaluationOutcome): boolean {
  return (
    outcome.decision !== "Allowed" ||
    (outcome.otherDecision !== undefined && outcome.otherDecision !== "Allowed")
  );
}

function inside(access: NewAccess, action: string, resource: string): boolean {
  if (!access.actions.some((a) => a.toLowerCase() === action.toLowerCase())) return false;
  if (access.resource !== undefined)
    return matchResource(access.resource.replace(/\$\{[^}]*\}/g, "*"), resource);
  if (access.notResources) return !access.notResources.some((n) => matchResource(n, resource));
  return true;
}

export function parse(document: PolicyDocument | string, name: string): Policy {
  const parsed = parsePolicy(document, { name });
  if (!parsed.ok)
    throw new Error(`${name}: ${parsed.diagnostics.map((d) => d.message).join("; ")}`);
  return parsed.policy;
}

export interface PairOptions {
  /** Most actions sampled per pair (those the versions treat differently come first). */
  maxActions?: number;
}

export function runPair(
  label: string,
  oldDoc: PolicyDocument,
  newDoc: PolicyDocument,
  data: IamServiceData,
  options: PairOptions = {},
): PairReport {
  const oldPolicy = parse(oldDoc, `${label} (old)`);
  const newPolicy = parse(newDoc, `${label} (new)`);
  const started = performance.now();
  const result = checkNoNewAccess(oldPolicy, newPolicy, { serviceData: data });
  const checkMs = performance.now() - started;
  const oldEngine = compile({ identity: [oldDoc] });
  const newEngine = compile({ identity: [newDoc] });
  const statements = [...oldPolicy.statements, ...newPolicy.statements];

  // Actions: those a reported access names, those of statements one version has and the other
  // lacks, then a spread of all others both name.
  const reportedActions = result.newAccess.flatMap((a) => a.actions);
  const allActions = new Set<string>();
  for (const s of statements) for (const a of statementActions(s, data)) allActions.add(a);
  const actions = [
    ...new Set([
      ...spread(reportedActions, 200),
      ...spread([...allActions].sort(), options.maxActions ?? 150),
    ]),
  ];

  const contexts: Record<string, ContextValue>[] = [{}];
  const seen = new Set<string>(["{}"]);
  for (const s of statements) {
    const context = statementContext(s);
    const key = JSON.stringify(context);
    if (!seen.has(key)) {
      seen.add(key);
      contexts.push(context);
    }
  }
  const merged = Object.assign({}, ...contexts) as Record<string, ContextValue>;
  contexts.push(merged);

  let requests = 0;
  let newlyAllowed = 0;
  const misses: PairReport["misses"] = [];
  const confirmed = new Set<string>();
  for (const action of actions) {
    const resources = new Set<string>(["*", ...resourceTypeArns(action, data)]);
    for (const s of statements) {
      if (!statementMatchesAction(s, action)) continue;
      for (const p of [...(s.resource?.patterns ?? []), ...(s.notResource?.patterns ?? [])])
        for (const r of instances(p)) resources.add(r);
    }
    for (const resource of resources) {
      for (const context of contexts) {
        requests++;
        const request = {
          action,
          resource,
          context,
          principal: `arn:aws:iam::${ACCOUNT}:user/alice`,
        };
        const underNew = newEngine.evaluate(request);
        if (!mayAllow(underNew)) continue;
        const underOld = oldEngine.evaluate(request);
        if (!mayDeny(underOld)) continue;
        newlyAllowed++;
        const hits = result.newAccess.filter((a) => inside(a, action, resource));
        if (hits.length === 0) misses.push({ action, resource, context });
        for (const hit of hits)
          confirmed.add(`${result.newAccess.indexOf(hit)}\u0000${action.toLowerCase()}`);
      }
    }
  }
  const sampledActions = new Set(actions.map((a) => a.toLowerCase()));
  let reported = 0;
  let unconfirmed = 0;
  result.newAccess.forEach((access, index) => {
    for (const action of access.actions) {
      if (!sampledActions.has(action.toLowerCase())) continue;
      reported++;
      if (!confirmed.has(`${index}\u0000${action.toLowerCase()}`)) unconfirmed++;
    }
  });
  return { label, requests, newlyAllowed, misses, reported, unconfirmed, checkMs };
}

/** Versions derived from a managed policy, each a plausible edit, for pairs in both directions. */
export function mutants(document: PolicyDocument): { name: string; document: PolicyDocument }[] {
  const doc = JSON.parse(JSON.stringify(document)) as {
    Statement: Record<string, unknown>[] | Record<string, unknown>;
  };
  const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  const out: { name: string; document: PolicyDocument }[] = [];
  const withStatements = (name: string, statements: Record<string, unknown>[]) =>
    out.push({
      name,
      document: { ...(doc as object), Statement: statements } as unknown as PolicyDocument,
    });
  if (list.length > 1) withStatements("drop-last-statement", list.slice(0, -1));
  const resourceIndex = list.findIndex(
    (s) => s.Effect === "Allow" && s.Resource !== undefined && s.Resource !== "*",
  );
  if (resourceIndex !== -1) {
    const s = list[resourceIndex]!;
    const resources = [s.Resource].flat() as string[];
    const widened = resources.map((r, i) => (i === 0 ? r.replace(/[^:/]*$/, "*") : r));
    withStatements(
      "widen-resource",
      list.map((x, i) => (i === resourceIndex ? { ...x, Resource: widened } : x)),
    );
  }
  const conditionIndex = list.findIndex((s) => s.Effect === "Allow" && s.Condition !== undefined);
  if (conditionIndex !== -1)
    withStatements(
      "drop-condition",
      list.map((x, i) => {
        if (i !== conditionIndex) return x;
        const { Condition: _dropped, ...rest } = x;
        return rest;
      }),
    );
  const first = list.find((s) => s.Effect === "Allow" && s.Action !== undefined);
  if (first) {
    const action = [first.Action].flat()[0] as string;
    withStatements("add-deny", [...list, { Effect: "Deny", Action: action, Resource: "*" }]);
    withStatements("add-conditional-deny", [
      ...list,
      {
        Effect: "Deny",
        Action: action,
        Resource: "*",
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ]);
  }
  return out;
}
