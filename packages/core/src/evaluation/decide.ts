// The decision (IAM-SEMANTICS §7): explicit deny first, then RCP and SCP levels, then the grant by a
// resource policy (by how it names the principal, §7.2 step 4) or by identity policies limited by the
// permissions boundary and session policy; cross-account requests need both sides (§7.3).
import type {
  DecidingStatement,
  Decision,
  EvaluationResult,
  Note,
  PolicyExplanation,
  PolicyType,
} from "../types.js";
import type { PrincipalMatchKind } from "../matching/principal.js";
import { resourceAccountOf } from "../context/request-context.js";
import { arnField } from "../matching/arn.js";
import type { Tri } from "../conditions/tri.js";
import { FALSE, TRUE } from "../conditions/tri.js";
import { describePolicy, describeStatement, policyTypeWord } from "../explain/describe.js";
import type { SuggestionSource } from "../explain/suggestions.js";
import { buildSuggestions } from "../explain/suggestions.js";
import type { CompiledStatement } from "./compiled-policy.js";
import { statementsForAction } from "./compiled-policy.js";
import type { LoadedPolicySet, PolicyRef } from "./load-policies.js";
import type { MatchOptions, MatchScratch } from "./match-statement.js";
import {
  explainStatement,
  matchStatementAfterAction,
  statementMatchesAction,
} from "./match-statement.js";
import type { PreparedRequest } from "./prepare-request.js";

interface Verdict {
  ref: PolicyRef;
  cs: CompiledStatement;
  kind: PrincipalMatchKind | undefined;
}

interface Layer {
  allows: Verdict[];
  denies: Verdict[];
}

interface RunState {
  id: string | number | undefined;
  prep: PreparedRequest;
  options: MatchOptions;
  scratch: MatchScratch;
  notes: Note[] | undefined;
  /** Set in explain mode. */
  explained: { ref: PolicyRef; explanation: PolicyExplanation }[] | undefined;
}

function addNote(st: RunState, code: string, message: string): void {
  (st.notes ??= []).push({ code, message });
}

function statementLabel(ref: PolicyRef, cs: CompiledStatement): string {
  const s = cs.statement;
  return describeStatement({
    ...ref,
    statementIndex: s.index,
    ...(s.sid !== undefined ? { sid: s.sid } : {}),
    ...(s.loc.line !== undefined ? { line: s.loc.line } : {}),
  });
}

/** Records an applying statement; returns the layer, created on the first verdict (most layers get none). */
function record(
  st: RunState,
  ref: PolicyRef,
  cs: CompiledStatement,
  result: Tri,
  layer: Layer | undefined,
): Layer | undefined {
  if (result === FALSE) return layer;
  // Anything but exactly "Allow" counts as a Deny (fail-safe for hand-built Policy objects).
  const deny = cs.statement.effect !== "Allow";
  if (result !== TRUE) {
    addNote(
      st,
      "STATEMENT_NOT_EVALUABLE",
      `${statementLabel(ref, cs)}: ${st.scratch.unknownReason ?? "cannot be evaluated"}; ${deny ? "the Deny counts as applying (fail-safe)" : "the Allow does not count"}`,
    );
    if (!deny) return layer;
  }
  const target = layer ?? { allows: [], denies: [] };
  (deny ? target.denies : target.allows).push({ ref, cs, kind: st.scratch.kind });
  return target;
}

/** The layer's verdicts; the shared frozen EMPTY_LAYER when no statement applies. */
function evaluateLayer(st: RunState, refs: readonly PolicyRef[]): Layer {
  let layer: Layer | undefined;
  for (const ref of refs) {
    if (st.explained !== undefined) {
      const explanation: PolicyExplanation = {
        policyType: ref.policyType,
        policyIndex: ref.policyIndex,
        ...(ref.level !== undefined ? { level: ref.level } : {}),
        ...(ref.policyName !== undefined ? { policyName: ref.policyName } : {}),
        statements: [],
      };
      for (const cs of ref.compiled.statements) {
        const { result, explanation: se } = explainStatement(cs, st.prep, st.options, st.scratch);
        explanation.statements.push(se);
        layer = record(st, ref, cs, result, layer);
      }
      st.explained.push({ ref, explanation });
    } else {
      // Only the statements whose action block matches this action (cached per action).
      const list = statementsForAction(
        ref.compiled,
        st.prep.service,
        st.prep.actionLower,
        statementMatchesAction,
      );
      for (let k = 0; k < list.length; k++) {
        const cs = list[k]!;
        const result = matchStatementAfterAction(cs, st.prep, st.options, st.scratch);
        if (result !== FALSE) layer = record(st, ref, cs, result, layer);
      }
    }
  }
  return layer ?? EMPTY_LAYER;
}

/** Deciding statements are frozen and shared between results (they never change for a compiled policy). */
function deciding(v: Verdict): DecidingStatement {
  const s = v.cs.statement;
  const cache = (v.ref.deciding ??= []);
  let d = cache[s.index];
  if (d === undefined) {
    d = Object.freeze({
      policyType: v.ref.policyType,
      policyIndex: v.ref.policyIndex,
      ...(v.ref.level !== undefined ? { level: v.ref.level } : {}),
      ...(v.ref.policyName !== undefined ? { policyName: v.ref.policyName } : {}),
      statementIndex: s.index,
      ...(s.sid !== undefined ? { sid: s.sid } : {}),
      effect: s.effect,
      ...(s.loc.line !== undefined ? { line: s.loc.line, column: s.loc.column } : {}),
    });
    cache[s.index] = d;
  }
  return d;
}

const ROLE_TRUST_ACTIONS = new Set([
  "sts:assumerole",
  "sts:assumerolewithsaml",
  "sts:assumerolewithwebidentity",
  "sts:tagsession",
  "sts:setsourceidentity",
  "sts:setcontext",
]);

/** Role trust policies must themselves allow sts:AssumeRole* on a role (§7.2 step 4g). */
function isRoleTrustRequest(prep: PreparedRequest): boolean {
  return (
    ROLE_TRUST_ACTIONS.has(prep.actionLower) &&
    prep.colons !== undefined &&
    arnField(prep.resource, prep.colons, 2) === "iam" &&
    prep.resource.startsWith("role/", prep.colons[4]! + 1)
  );
}

/** KMS key policies must themselves allow (or delegate to the account) (§7.2 step 4g). */
function isKmsKeyRequest(prep: PreparedRequest): boolean {
  return (
    prep.service === "kms" &&
    prep.colons !== undefined &&
    arnField(prep.resource, prep.colons, 2) === "kms" &&
    prep.resource.startsWith("key/", prep.colons[4]! + 1)
  );
}

/** Grants that need nothing from the caller's identity side (§7.2 step 4a–c, e). */
function isDirectGrant(v: Verdict): boolean {
  const kind = v.kind;
  if (kind === "wildcard") return v.cs.conditionsOnPrincipalArn;
  return (
    kind === "user" ||
    kind === "role-session" ||
    kind === "federated-user" ||
    kind === "root" ||
    kind === "service"
  );
}

/**
 * Grants limited by the boundary and session policy (§7.2 step 4d, f). `"Principal": "*"` without an
 * aws:PrincipalArn condition is UNCONFIRMED (§11.15): fail-safe, treated as limited.
 */
function isLimitedGrant(v: Verdict): boolean {
  return v.kind === "role" || (v.kind === "wildcard" && !v.cs.conditionsOnPrincipalArn);
}

export interface Decided {
  result: EvaluationResult;
  /** The layer whose missing Allow caused an implicit deny (for suggestions). */
  missing?: PolicyType[];
}

function result(
  st: RunState,
  decision: Decision,
  decidedBy: Verdict[],
  summary: () => string,
  missing?: PolicyType[],
): Decided {
  const by = decidedBy.map(deciding);
  const out: EvaluationResult =
    st.id === undefined ? { decision, decidedBy: by } : { id: st.id, decision, decidedBy: by };
  if (st.notes !== undefined) out.notes = st.notes;
  if (st.explained !== undefined) {
    const policies = st.explained.map((e) => e.explanation);
    out.explain = { summary: summary(), policies };
    if (decision === "ImplicitlyDenied" && missing !== undefined) {
      const sources: SuggestionSource[] = st.explained
        .filter((e) => missing.includes(e.ref.policyType))
        .map((e) => ({ explanation: e.explanation, statements: e.ref.compiled.policy.statements }));
      const suggestions = buildSuggestions(sources);
      if (suggestions.length > 0) out.explain!.suggestions = suggestions;
    }
  }
  return missing !== undefined ? { result: out, missing } : { result: out };
}

function levelsAllow(
  st: RunState,
  levels: readonly PolicyRef[][],
  denies: Verdict[],
): { allows: Verdict[]; failedLevel: number | undefined } {
  const allows: Verdict[] = [];
  let failedLevel: number | undefined;
  levels.forEach((refs, level) => {
    const layer = evaluateLayer(st, refs);
    denies.push(...layer.denies);
    if (layer.allows.length === 0) failedLevel ??= level;
    allows.push(...layer.allows);
  });
  return { allows, failedLevel };
}

const EMPTY_LAYER: Layer = Object.freeze({
  allows: Object.freeze([]),
  denies: Object.freeze([]),
}) as unknown as Layer;

const WITH_BOUNDARY: MatchOptions = Object.freeze({ hasBoundary: true });
const WITHOUT_BOUNDARY: MatchOptions = Object.freeze({ hasBoundary: false });
const SCRATCH: MatchScratch = { kind: undefined, unknownReason: undefined };

function whatOf(prep: PreparedRequest): string {
  return `${prep.action} on ${prep.resource}`;
}

export function decide(
  set: LoadedPolicySet,
  prep: PreparedRequest,
  explain: boolean,
  id?: string | number,
): Decided {
  const st: RunState = {
    id,
    prep,
    options: set.boundary !== undefined ? WITH_BOUNDARY : WITHOUT_BOUNDARY,
    // Reused: decide() is synchronous and calls no user code, and record() copies what it needs.
    scratch: SCRATCH,
    notes: undefined,
    explained: explain ? [] : undefined,
  };
  const p = prep.principal;
  const isIam = p === undefined || (p.kind !== "service" && p.kind !== "anonymous");
  const full = set.resource !== undefined;

  const empty = EMPTY_LAYER;
  if (!isIam && set.identity.length > 0) {
    addNote(
      st,
      "IDENTITY_POLICIES_NOT_APPLICABLE",
      `identity-side policies do not apply to ${p!.kind === "service" ? "a service principal" : "anonymous callers"}; only resource policies can grant`,
    );
  }
  const identity = isIam ? evaluateLayer(st, set.identity) : empty;
  const resource = full ? evaluateLayer(st, set.resource!) : empty;
  const boundary =
    isIam && set.boundary !== undefined ? evaluateLayer(st, set.boundary) : undefined;
  const session = isIam && set.session !== undefined ? evaluateLayer(st, set.session) : undefined;
  // Usually only the identity layer has Denies: avoid copying then (levelsAllow appends to the list).
  const copy =
    resource.denies.length > 0 ||
    (boundary !== undefined && boundary.denies.length > 0) ||
    (session !== undefined && session.denies.length > 0) ||
    set.scp !== undefined ||
    set.rcp !== undefined;
  const denies: Verdict[] = copy
    ? [
        ...identity.denies,
        ...resource.denies,
        ...(boundary?.denies ?? []),
        ...(session?.denies ?? []),
      ]
    : identity.denies;
  // SCPs bind the principals of member accounts, not service principals or anonymous callers (§7.1).
  const scp = isIam && set.scp !== undefined ? levelsAllow(st, set.scp, denies) : undefined;
  const rcp = set.rcp !== undefined ? levelsAllow(st, set.rcp, denies) : undefined;

  // 1. Explicit deny anywhere wins (§7.2 step 1).
  if (denies.length > 0) {
    return result(
      st,
      "ExplicitlyDenied",
      denies,
      () => `Explicitly denied by ${denies.map((d) => statementLabel(d.ref, d.cs)).join("; ")}`,
    );
  }
  // 2-3. Every RCP and SCP level must allow (§7.2 steps 2-3).
  if (rcp?.failedLevel !== undefined) {
    return result(
      st,
      "ImplicitlyDenied",
      [],
      () =>
        `Implicitly denied: no RCP${set.rcp!.length > 1 ? ` at level ${rcp.failedLevel}` : ""} allows ${whatOf(prep)}`,
      ["rcp"],
    );
  }
  if (scp?.failedLevel !== undefined) {
    return result(
      st,
      "ImplicitlyDenied",
      [],
      () =>
        `Implicitly denied: no SCP${set.scp!.length > 1 ? ` at level ${scp.failedLevel}` : ""} allows ${whatOf(prep)}`,
      ["scp"],
    );
  }

  const grants = resource.allows;
  if (!isIam) {
    if (grants.length > 0)
      return result(
        st,
        "Allowed",
        grants,
        () => `Allowed by ${grants.map((g) => statementLabel(g.ref, g.cs)).join("; ")}`,
      );
    if (!full) {
      addNote(
        st,
        "RESOURCE_POLICY_UNKNOWN",
        `requests by ${p!.kind === "service" ? "service principals" : "anonymous callers"} are granted only by resource policies; policies.resource is absent`,
      );
    }
    return result(
      st,
      "ImplicitlyDenied",
      [],
      () =>
        `Implicitly denied: no resource policy statement allows ${p!.kind === "service" ? `service principal ${p!.name}` : "anonymous callers"} ${whatOf(prep)}`,
      ["resource"],
    );
  }

  // The caller's side: identity policies (the root user needs none: §7.1), boundary, session policy (§7.2 steps 5-7).
  const isRoot = p?.kind === "root";
  const identityAllows = identity.allows.length > 0 || isRoot;
  const boundaryAllows = boundary === undefined || boundary.allows.length > 0;
  // A GetFederationToken session without a session policy has no permissions (§7.1).
  const sessionAllows =
    session !== undefined ? session.allows.length > 0 : p?.kind !== "federated-user";
  const callerSide = identityAllows && boundaryAllows && sessionAllows;
  // The caller-side layers without an Allow; built only on the paths that report them.
  const callerSideMissing = (): PolicyType[] => {
    const missing: PolicyType[] = [];
    if (!identityAllows) missing.push("identity");
    if (!boundaryAllows) missing.push("boundary");
    if (!sessionAllows) missing.push("session");
    return missing;
  };
  const callerSideVerdicts = identity.allows;
  const callerSideFailure = (): string => {
    if (!identityAllows) return `no identity policy statement allows ${whatOf(prep)}`;
    if (!boundaryAllows) return `the permissions boundary does not allow ${whatOf(prep)}`;
    if (session === undefined)
      return "a federated-user session without a session policy has no permissions";
    return `no session policy statement allows ${whatOf(prep)}`;
  };
  const rootNote = () => {
    if (isRoot && identity.allows.length === 0)
      addNote(
        st,
        "ROOT_USER",
        "the account root user needs no identity policy within its own account",
      );
  };

  const principalAccount = p !== undefined && "account" in p ? p.account : undefined;
  const resourceAccount = resourceAccountOf(prep.context) ?? principalAccount;
  const crossAccount = principalAccount !== undefined && resourceAccount !== principalAccount;
  const consent = isKmsKeyRequest(prep) ? "kms" : isRoleTrustRequest(prep) ? "trust" : undefined;
  const consentWord = consent === "kms" ? "the KMS key policy" : "the role trust policy";

  if (crossAccount) {
    // Both the caller's account and the resource's account must allow (§7.3).
    if (!callerSide) {
      return result(
        st,
        "ImplicitlyDenied",
        [],
        () => `Implicitly denied (cross-account): ${callerSideFailure()}`,
        callerSideMissing(),
      );
    }
    if (full) {
      if (grants.length === 0) {
        return result(
          st,
          "ImplicitlyDenied",
          [],
          () =>
            `Implicitly denied (cross-account): no resource policy statement of account ${resourceAccount} allows the principal ${whatOf(prep)}`,
          ["resource"],
        );
      }
      rootNote();
      const by = [...callerSideVerdicts, ...grants];
      return result(
        st,
        "Allowed",
        by,
        () => `Allowed (cross-account) by ${by.map((v) => statementLabel(v.ref, v.cs)).join("; ")}`,
      );
    }
    rootNote();
    addNote(
      st,
      "CROSS_ACCOUNT_RESOURCE_POLICY_REQUIRED",
      `the principal's account ${principalAccount} differs from the resource's account ${resourceAccount}: AWS also requires a resource policy in ${resourceAccount} to allow this request; policies.resource is absent, so only the principal's side was evaluated`,
    );
    return result(
      st,
      "Allowed",
      callerSideVerdicts,
      () =>
        `Allowed on the principal's side by ${describeVerdicts(callerSideVerdicts, isRoot)} (cross-account: the resource's policy was not given)`,
    );
  }

  if (full) {
    const direct = grants.filter(isDirectGrant);
    if (direct.length > 0)
      return result(
        st,
        "Allowed",
        direct,
        () => `Allowed by ${direct.map((g) => statementLabel(g.ref, g.cs)).join("; ")}`,
      );
    const limited = grants.filter(isLimitedGrant);
    if (limited.length > 0 && boundaryAllows && sessionAllows) {
      return result(
        st,
        "Allowed",
        limited,
        () => `Allowed by ${limited.map((g) => statementLabel(g.ref, g.cs)).join("; ")}`,
      );
    }
    if (consent !== undefined) {
      const delegated = grants.filter((g) => g.kind === "account");
      if (delegated.length === 0) {
        const why =
          limited.length > 0 ? callerSideFailure() : `${consentWord} does not allow the principal`;
        return result(
          st,
          "ImplicitlyDenied",
          [],
          () => `Implicitly denied: ${why} (${whatOf(prep)})`,
          limited.length > 0 ? callerSideMissing() : ["resource"],
        );
      }
      if (!callerSide)
        return result(
          st,
          "ImplicitlyDenied",
          [],
          () => `Implicitly denied: ${callerSideFailure()}`,
          callerSideMissing(),
        );
      rootNote();
      const by = [...callerSideVerdicts, ...delegated];
      return result(
        st,
        "Allowed",
        by,
        () =>
          `Allowed by ${by.map((v) => statementLabel(v.ref, v.cs)).join("; ")} (${consentWord} delegates to the account)`,
      );
    }
    if (!callerSide) {
      const missing =
        limited.length > 0 ? callerSideMissing() : [...callerSideMissing(), "resource" as const];
      return result(
        st,
        "ImplicitlyDenied",
        [],
        () =>
          `Implicitly denied: ${callerSideFailure()}${limited.length === 0 ? " and no resource policy statement grants it" : ""}`,
        missing,
      );
    }
    rootNote();
    return result(
      st,
      "Allowed",
      callerSideVerdicts,
      () => `Allowed by ${describeVerdicts(callerSideVerdicts, isRoot)}`,
    );
  }

  // Identity-only mode: the principal's side decides, as AWS's policy simulator does (DESIGN.md).
  if (!callerSide)
    return result(
      st,
      "ImplicitlyDenied",
      [],
      () => `Implicitly denied: ${callerSideFailure()}`,
      callerSideMissing(),
    );
  rootNote();
  if (consent !== undefined) {
    addNote(
      st,
      consent === "kms" ? "KMS_KEY_POLICY_REQUIRED" : "ROLE_TRUST_POLICY_REQUIRED",
      `AWS also requires ${consentWord} to allow this request (or to delegate to the account); policies.resource is absent, so only the principal's side was evaluated`,
    );
  }
  return result(
    st,
    "Allowed",
    callerSideVerdicts,
    () => `Allowed by ${describeVerdicts(callerSideVerdicts, isRoot)}`,
  );
}

function describeVerdicts(verdicts: readonly Verdict[], isRoot: boolean): string {
  if (verdicts.length === 0) return isRoot ? "the account root user's full access" : "(nothing)";
  return verdicts.map((v) => statementLabel(v.ref, v.cs)).join("; ");
}

export { describePolicy, policyTypeWord };
