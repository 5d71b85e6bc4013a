// The decision, in AWS's evaluation order (docs/evaluation-rules.md §7): explicit deny first, then RCP
// and SCP levels, then the grant by a resource policy (by how it names the principal, docs/evaluation-rules.md §7.2 step 4) or
// by identity policies limited by the permissions boundary and session policy; cross-account requests
// need both sides (docs/evaluation-rules.md §7.3). Every layer is evaluated before any step decides (layer.ts), so that the
// explanation lists every statement. The words live in decision-wording.ts, the request's facts in
// request-facts.ts.
import type { Decision, DecidingStatement, EvaluationResult, PolicyType } from "../types.js";
import type { SuggestionSource } from "../explain/suggestions.js";
import { buildSuggestions } from "../explain/suggestions.js";
import type { LoadedPolicySet } from "./load-policies.js";
import type { PreparedRequest } from "./prepare-request.js";
import type { AwsSideRule } from "./aws-side-rules.js";
import { awsSideRuleFor } from "./aws-side-rules.js";
import type { Verdict } from "./layer.js";
import {
  EMPTY_LAYER,
  deciding,
  evaluateLayer,
  firstLevelWithoutAllow,
  scpLevelWithoutAllow,
  sessionLayer,
} from "./layer.js";
import type { RunState } from "./run-state.js";
import {
  NO_VERDICTS,
  addNote,
  pushNote,
  reachReading,
  releaseRunState,
  takeRunState,
} from "./run-state.js";
import {
  isCrossAccount,
  isKmsKeyRequest,
  isNoPermissionAction,
  isRoleTrustRequest,
} from "./request-facts.js";
import type { Summary } from "./decision-wording.js";
import {
  CONSENT_REQUIRED,
  ROOT_USER_TEXT,
  allowedBy,
  awsSideRuleText,
  callerSideAllowed,
  callerSideDenied,
  callerSideDeniedNoGrant,
  callerSideOnlyCrossAccount,
  consentDelegated,
  consentMissing,
  crossAccountAllowed,
  crossAccountNoGrant,
  crossAccountResourcePolicyRequiredText,
  explicitlyDenied,
  identityPoliciesNotApplicableText,
  noPermissionNeeded,
  noPermissionRequiredText,
  noRcpAllows,
  noResourceGrantForNonIam,
  noScpAllows,
  refusedByAws,
  resourcePolicyUnknownText,
  statementLabel,
  uncertainSuffix,
} from "./decision-wording.js";

/**
 * Decides the request under the fail-safe readings; when the decision reached a reading point
 * (readings.ts), decides it again under the other readings and marks the result uncertain when the two
 * decisions differ. Requests that reach no reading point are decided once.
 */
export function decide(
  set: LoadedPolicySet,
  prep: PreparedRequest,
  explain: boolean,
  id?: string | number,
): EvaluationResult {
  const st = takeRunState(set, prep, explain, id, false);
  const out = decideWith(st);
  const readings = st.readings;
  releaseRunState(st);
  if (readings === undefined) return out;
  const otherState = takeRunState(set, prep, false, id, true);
  const other = decideWith(otherState);
  releaseRunState(otherState);
  if (other.decision === out.decision) return out;
  out.uncertain = true;
  out.otherDecision = other.decision;
  out.readings = readings;
  if (out.explain !== undefined) out.explain.summary += uncertainSuffix(other.decision, readings);
  return out;
}

function decideWith(st: RunState): EvaluationResult {
  const { set, prep } = st;
  const p = prep.principal;
  // Service principals and anonymous callers have no identity side (docs/evaluation-rules.md §7.4).
  const isIam = p === undefined || (p.kind !== "service" && p.kind !== "anonymous");
  // Without policies.resource only the caller's side can be evaluated (docs/evaluation-rules.md §7.2).
  const full = set.resource !== undefined;

  // First, every layer is evaluated, never stopping at the first Allow (docs/evaluation-rules.md
  // §7.2), each only for the principals it binds (docs/evaluation-rules.md §7.1).
  const empty = EMPTY_LAYER;
  if (!isIam && set.identity.length > 0)
    addNote(st, "IDENTITY_POLICIES_NOT_APPLICABLE", identityPoliciesNotApplicableText(p!));
  const identity = isIam ? evaluateLayer(st, set.identity) : empty;
  const resource = full ? evaluateLayer(st, set.resource!) : empty;
  const boundary =
    isIam && set.boundary !== undefined ? evaluateLayer(st, set.boundary) : undefined;
  // Only sessions are bound by session policies (docs/evaluation-rules.md §7.1, §7.2 step 7).
  const session = isIam && set.session !== undefined ? sessionLayer(st, set.session) : undefined;
  st.hasSession = session !== undefined;
  // Usually only the identity layer has Denies: avoid copying then (SCP and RCP levels append to the list).
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
  // SCPs bind the principals of member accounts, not service principals or anonymous callers, and
  // not service-linked roles (docs/evaluation-rules.md §7.1).
  const scpFailed =
    isIam && set.scp !== undefined ? scpLevelWithoutAllow(st, set.scp, denies) : undefined;
  const rcpFailed = set.rcp !== undefined ? firstLevelWithoutAllow(st, set.rcp, denies) : undefined;

  // AWS-side rules: requests AWS refuses whatever the policies say (aws-side-rules.ts,
  // docs/aws-side-rules.md). The layers were evaluated, so that the explanation lists every statement.
  const awsRule = awsSideRuleFor(prep);
  if (awsRule !== undefined) return refusedByAwsRule(st, awsRule);

  // sts:GetCallerIdentity: no permission needed and no Deny applies, for IAM callers (docs/evaluation-rules.md §7.1). The
  // layers were still evaluated, so that the explanation lists every statement and the note names each Deny.
  if (prep.actionKey.service === "sts" && isIam && isNoPermissionAction(prep))
    return noPermissionRequired(st, denies);

  // 1. Explicit deny anywhere wins (docs/evaluation-rules.md §7.2 step 1).
  if (denies.length > 0) return result(st, "ExplicitlyDenied", denies, explicitlyDenied);
  // 2-3. Every RCP and SCP level must allow (docs/evaluation-rules.md §7.2 steps 2-3).
  if (rcpFailed !== undefined) {
    st.rcpFailedLevel = rcpFailed;
    return result(st, "ImplicitlyDenied", NO_VERDICTS, noRcpAllows, RCP_MISSING);
  }
  if (scpFailed !== undefined) {
    st.scpFailedLevel = scpFailed;
    return result(st, "ImplicitlyDenied", NO_VERDICTS, noScpAllows, SCP_MISSING);
  }

  // Service principals and anonymous callers: only a resource policy grants (docs/evaluation-rules.md §7.4).
  const grants = resource.allows;
  if (!isIam) {
    if (grants.length > 0) return result(st, "Allowed", grants, allowedBy);
    if (!full) addNote(st, "RESOURCE_POLICY_UNKNOWN", resourcePolicyUnknownText(p!));
    return result(st, "ImplicitlyDenied", NO_VERDICTS, noResourceGrantForNonIam, RESOURCE_MISSING);
  }

  // 5-7. The caller's side: identity policies (the root user needs none: docs/evaluation-rules.md §7.1), boundary, session
  // policy (docs/evaluation-rules.md §7.2 steps 5-7). Computed before step 4, which needs them.
  st.identityAllows = identity.allows.length > 0 || st.isRoot;
  st.boundaryAllows = boundary === undefined || boundary.allows.length > 0;
  // A GetFederationToken session without a session policy has no permissions (docs/evaluation-rules.md §7.1).
  st.sessionAllows =
    session !== undefined ? session.allows.length > 0 : p?.kind !== "federated-user";
  const callerSide = st.identityAllows && st.boundaryAllows && st.sessionAllows;
  const callerSideVerdicts = identity.allows;

  // Identity-only mode: the principal's side decides, as AWS's policy simulator does (docs/architecture.md);
  // without the caller's side nothing else can grant, in the same account or across accounts (docs/evaluation-rules.md §7.3).
  if (!full && !callerSide)
    return result(st, "ImplicitlyDenied", NO_VERDICTS, callerSideDenied, callerSideMissing);

  const crossAccount = isCrossAccount(prep);
  st.consent = isKmsKeyRequest(prep) ? "kms" : isRoleTrustRequest(prep) ? "trust" : undefined;

  // Cross-account: both the caller's account and the resource's account must allow
  // (docs/evaluation-rules.md §7.3).
  if (crossAccount) {
    if (!callerSide)
      return result(st, "ImplicitlyDenied", NO_VERDICTS, callerSideDenied, callerSideMissing);
    if (full) {
      if (grants.length === 0)
        return result(st, "ImplicitlyDenied", NO_VERDICTS, crossAccountNoGrant, RESOURCE_MISSING);
      noteRootWithoutPolicy(st, callerSideVerdicts);
      return result(st, "Allowed", [...callerSideVerdicts, ...grants], crossAccountAllowed);
    }
    noteRootWithoutPolicy(st, callerSideVerdicts);
    addNote(
      st,
      "CROSS_ACCOUNT_RESOURCE_POLICY_REQUIRED",
      crossAccountResourcePolicyRequiredText(prep),
    );
    return result(st, "Allowed", callerSideVerdicts, callerSideOnlyCrossAccount);
  }

  // 4. The resource policy's grant, worth what its Principal names (docs/evaluation-rules.md §7.2 step 4).
  if (full) {
    // 4a-c, e: grants that need nothing from the caller's side.
    const direct = grants.filter((g) => isDirectGrant(g, st.other));
    if (direct.length > 0) return result(st, "Allowed", direct, allowedBy);
    // 4d, f: grants to the role, limited by the boundary and session policy.
    const limited = grants.filter(isLimitedGrant);
    for (const g of limited)
      if (isUnconfirmedWildcardGrant(g))
        reachReading(st, "WILDCARD_GRANT_UNDER_LIMITS", statementLabel(g.ref, g.cs));
    st.limitedGrants = limited.length;
    if (limited.length > 0 && st.boundaryAllows && st.sessionAllows)
      return result(st, "Allowed", limited, allowedBy);
    // 4g: a key or trust policy must allow itself, or delegate to the account (4h) and the caller's side allow.
    if (st.consent !== undefined) {
      const delegated = grants.filter((g) => g.kind === "account");
      if (delegated.length === 0)
        return result(st, "ImplicitlyDenied", NO_VERDICTS, consentMissing, consentLayersMissing);
      if (!callerSide)
        return result(st, "ImplicitlyDenied", NO_VERDICTS, callerSideDenied, callerSideMissing);
      noteRootWithoutPolicy(st, callerSideVerdicts);
      return result(st, "Allowed", [...callerSideVerdicts, ...delegated], consentDelegated);
    }
    // 4h, 5-7: no grant sufficed on its own; the caller's side decides.
    if (!callerSide) {
      return result(
        st,
        "ImplicitlyDenied",
        NO_VERDICTS,
        callerSideDeniedNoGrant,
        callerSideOrResourceMissing,
      );
    }
    noteRootWithoutPolicy(st, callerSideVerdicts);
    return result(st, "Allowed", callerSideVerdicts, callerSideAllowed);
  }

  // Identity-only mode, the caller's side allows: AWS may also need the key or trust policy (docs/evaluation-rules.md §7.2).
  noteRootWithoutPolicy(st, callerSideVerdicts);
  if (st.consent !== undefined) pushNote(st, CONSENT_REQUIRED[st.consent]);
  return result(st, "Allowed", callerSideVerdicts, callerSideAllowed);
}

// The grant classification of step 4 (docs/evaluation-rules.md §7.2 step 4).

/**
 * Grants that need nothing from the caller's identity side (docs/evaluation-rules.md §7.2 step 4a–c, e). Under the other
 * reading (`other`), a `"*"` grant without aws:PrincipalArn is one too (DIFFERENCES.md group 20).
 */
function isDirectGrant(v: Verdict, other: boolean): boolean {
  const kind = v.kind;
  if (kind === "wildcard") return other || v.cs.conditionsOnPrincipalArn;
  return (
    kind === "user" ||
    kind === "role-session" ||
    kind === "federated-user" ||
    kind === "root" ||
    kind === "service"
  );
}

/**
 * Grants limited by the boundary and session policy (docs/evaluation-rules.md §7.2 step 4d, f). `"Principal": "*"` without an
 * aws:PrincipalArn condition is UNCONFIRMED (docs/evaluation-rules.md §11.15): fail-safe, treated as limited.
 */
function isLimitedGrant(v: Verdict): boolean {
  return v.kind === "role" || isUnconfirmedWildcardGrant(v);
}

/** A `"*"` grant without aws:PrincipalArn: whether boundaries and session policies limit it is undocumented. */
function isUnconfirmedWildcardGrant(v: Verdict): boolean {
  return v.kind === "wildcard" && !v.cs.conditionsOnPrincipalArn;
}

// Decisions reached before the ordered steps.

/** An AWS-side rule refuses the request whatever the policies say (aws-side-rules.ts). */
function refusedByAwsRule(st: RunState, rule: AwsSideRule): EvaluationResult {
  st.awsRule = rule;
  addNote(st, "AWS_SIDE_RULE", awsSideRuleText(rule));
  return result(st, "ExplicitlyDenied", NO_VERDICTS, refusedByAws);
}

/** sts:GetCallerIdentity: allowed whatever denies it; the note names the Denies it ignored (docs/evaluation-rules.md §7.1). */
function noPermissionRequired(st: RunState, denies: readonly Verdict[]): EvaluationResult {
  st.waivedDenies = denies;
  addNote(st, "NO_PERMISSION_REQUIRED", noPermissionRequiredText(denies));
  return result(st, "Allowed", NO_VERDICTS, noPermissionNeeded);
}

/** The root user is allowed without an identity policy within its own account (docs/evaluation-rules.md §7.1). */
function noteRootWithoutPolicy(st: RunState, identityVerdicts: readonly Verdict[]): void {
  if (st.isRoot && identityVerdicts.length === 0) addNote(st, "ROOT_USER", ROOT_USER_TEXT);
}

// The result, and the layers whose Allow was missing (for the explanation's suggestions).

/** The layers whose Allow was missing, for suggestions: fixed, or computed only in explain mode. */
type MissingLayers = readonly PolicyType[] | ((st: RunState) => readonly PolicyType[]);

const RCP_MISSING: readonly PolicyType[] = Object.freeze(["rcp"]);
const SCP_MISSING: readonly PolicyType[] = Object.freeze(["scp"]);
const RESOURCE_MISSING: readonly PolicyType[] = Object.freeze(["resource"]);

/** The caller-side layers without an Allow (docs/evaluation-rules.md §7.2 steps 5-7). */
function callerSideMissing(st: RunState): PolicyType[] {
  const missing: PolicyType[] = [];
  if (!st.identityAllows) missing.push("identity");
  if (!st.boundaryAllows) missing.push("boundary");
  if (!st.sessionAllows) missing.push("session");
  return missing;
}

/** A limited resource-policy grant needs only the caller's side; without one the resource policy is missing too. */
function callerSideOrResourceMissing(st: RunState): PolicyType[] {
  return st.limitedGrants > 0 ? callerSideMissing(st) : [...callerSideMissing(st), "resource"];
}

/** The key or trust policy must allow itself: without a limited grant, it is what is missing. */
function consentLayersMissing(st: RunState): readonly PolicyType[] {
  return st.limitedGrants > 0 ? callerSideMissing(st) : RESOURCE_MISSING;
}

function result(
  st: RunState,
  decision: Decision,
  decidedBy: readonly Verdict[],
  summary: Summary,
  missingLayers?: MissingLayers,
): EvaluationResult {
  const by: DecidingStatement[] = new Array<DecidingStatement>(decidedBy.length);
  for (let i = 0; i < decidedBy.length; i++) by[i] = deciding(decidedBy[i]!);
  const out: EvaluationResult =
    st.id === undefined ? { decision, decidedBy: by } : { id: st.id, decision, decidedBy: by };
  if (st.notes !== undefined) out.notes = st.notes;
  if (st.explained !== undefined) {
    const policies = st.explained.map((e) => e.explanation);
    out.explain = { summary: summary(st, decidedBy), policies };
    if (decision === "ImplicitlyDenied" && missingLayers !== undefined) {
      const missing = typeof missingLayers === "function" ? missingLayers(st) : missingLayers;
      const sources: SuggestionSource[] = st.explained
        .filter((e) => missing.includes(e.ref.policyType))
        .map((e) => ({ explanation: e.explanation, statements: e.ref.compiled.policy.statements }));
      const suggestions = buildSuggestions(sources);
      if (suggestions.length > 0) out.explain!.suggestions = suggestions;
    }
  }
  return out;
}
