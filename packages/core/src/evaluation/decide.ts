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
  UncertainReading,
} from "../types.js";
import type { PrincipalMatchKind, RequestPrincipal } from "../matching/principal.js";
import { matchPrincipalEntry } from "../matching/principal.js";
import {
  resourceAccountIsOrUnknown,
  resourceAccountOf,
  resourceColons,
} from "../context/request-context.js";
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
import type { AwsSideRule } from "./aws-side-rules.js";
import { awsSideRuleFor } from "./aws-side-rules.js";
import type { ReadingCode } from "./readings.js";
import { readingOfReason, uncertainReading } from "./readings.js";

interface Verdict {
  ref: PolicyRef;
  cs: CompiledStatement;
  kind: PrincipalMatchKind | undefined;
}

interface Layer {
  allows: Verdict[];
  denies: Verdict[];
}

/**
 * One decision's state. The facts the summaries need live here, so that the decision creates no
 * closures: summaries are plain functions of the state, called only in explain mode.
 */
interface RunState {
  id: string | number | undefined;
  set: LoadedPolicySet;
  prep: PreparedRequest;
  options: MatchOptions;
  scratch: MatchScratch;
  notes: Note[] | undefined;
  /** Set in explain mode. */
  explained: { ref: PolicyRef; explanation: PolicyExplanation }[] | undefined;
  rcpFailedLevel: number | undefined;
  scpFailedLevel: number | undefined;
  isRoot: boolean;
  identityAllows: boolean;
  boundaryAllows: boolean;
  sessionAllows: boolean;
  /** A session policy was given and binds the principal (§7.1: role and federated-user sessions). */
  hasSession: boolean;
  /** Resource-policy grants limited by the boundary and session policy (full mode). */
  limitedGrants: number;
  consent: "kms" | "trust" | undefined;
  /** Denies that matched a request that needs no permission (sts:GetCallerIdentity); for the summary. */
  waivedDenies: readonly Verdict[];
  /** The AWS-side rule that refused the request; for the summary. */
  awsRule: AwsSideRule | undefined;
  /** Decide under the other reading of every reading point (readings.ts) instead of the fail-safe one. */
  other: boolean;
  /** The reading points reached, in order (undefined: none, the common case). */
  readings: UncertainReading[] | undefined;
}

/** Records a reached reading point (once per code and place). */
function reachReading(st: RunState, code: ReadingCode, where: string, why?: string): void {
  const reading = uncertainReading(code, where, why);
  if (st.readings === undefined) st.readings = [reading];
  else if (!st.readings.some((r) => r.code === code && r.where === reading.where))
    st.readings.push(reading);
}

/**
 * A Deny + NotPrincipal that applies to the caller although the caller's account is listed (§4.2,
 * DIFFERENCES.md group 14): whether the account entry exempts the account's principals is undocumented.
 */
function notPrincipalListsOnlyAccount(st: RunState, cs: CompiledStatement): boolean {
  const block = cs.statement.notPrincipal;
  const p = st.prep.principal;
  if (block === undefined || p === undefined || st.options.hasBoundary || block.wildcard)
    return false;
  for (const entry of block.entries) if (matchPrincipalEntry(entry, p) === "account") return true;
  return false;
}

function addNote(st: RunState, code: string, message: string): void {
  pushNote(st, { code, message });
}

/** Appends a note; the first one makes a one-element list (no empty list that grows on push). */
function pushNote(st: RunState, note: Note): void {
  if (st.notes === undefined) st.notes = [note];
  else st.notes.push(note);
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
    const why = st.scratch.unknownReason;
    reachReading(st, readingOfReason(why), statementLabel(ref, cs), why);
    if (st.other) {
      // The other reading: the Allow counts, the Deny does not apply.
      if (deny) return layer;
    } else {
      addNote(
        st,
        "STATEMENT_NOT_EVALUABLE",
        `${statementLabel(ref, cs)}: ${why ?? "cannot be evaluated"}; ${deny ? "the Deny counts as applying (fail-safe)" : "the Allow does not count"}`,
      );
      if (!deny) return layer;
    }
  } else if (deny && notPrincipalListsOnlyAccount(st, cs)) {
    reachReading(st, "NOT_PRINCIPAL_ACCOUNT_ONLY", statementLabel(ref, cs));
    if (st.other) return layer;
  }
  const verdict: Verdict = { ref, cs, kind: st.scratch.kind };
  // The first verdict makes the layer, with one-element lists (most layers get one verdict).
  if (layer === undefined)
    return deny ? { allows: [], denies: [verdict] } : { allows: [verdict], denies: [] };
  (deny ? layer.denies : layer.allows).push(verdict);
  return layer;
}

/** The layer's verdicts; the shared frozen EMPTY_LAYER when no statement applies. */
function evaluateLayer(st: RunState, refs: readonly PolicyRef[]): Layer {
  let layer: Layer | undefined;
  for (let r = 0; r < refs.length; r++) {
    const ref = refs[r]!;
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
      const list = statementsForAction(ref.compiled, st.prep.actionKey, statementMatchesAction);
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
  if (prep.actionKey.service !== "sts" || !ROLE_TRUST_ACTIONS.has(prep.actionKey.lower))
    return false;
  return resourceIs(prep, "iam", "role/");
}

/** Whether the resource ARN's service field is `service` and its resource field starts with `type` (in place). */
function resourceIs(prep: PreparedRequest, service: string, type: string): boolean {
  const colons = resourceColons(prep);
  if (colons === undefined) return false;
  const start = colons[1]! + 1;
  return (
    colons[2]! - start === service.length &&
    prep.resource.startsWith(service, start) &&
    prep.resource.startsWith(type, colons[4]! + 1)
  );
}

/** KMS key policies must themselves allow (or delegate to the account) (§7.2 step 4g). */
function isKmsKeyRequest(prep: PreparedRequest): boolean {
  return prep.actionKey.service === "kms" && resourceIs(prep, "kms", "key/");
}

/**
 * Grants that need nothing from the caller's identity side (§7.2 step 4a–c, e). Under the other
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
 * Grants limited by the boundary and session policy (§7.2 step 4d, f). `"Principal": "*"` without an
 * aws:PrincipalArn condition is UNCONFIRMED (§11.15): fail-safe, treated as limited.
 */
function isLimitedGrant(v: Verdict): boolean {
  return v.kind === "role" || isUnconfirmedWildcardGrant(v);
}

/** A `"*"` grant without aws:PrincipalArn: whether boundaries and session policies limit it is undocumented. */
function isUnconfirmedWildcardGrant(v: Verdict): boolean {
  return v.kind === "wildcard" && !v.cs.conditionsOnPrincipalArn;
}

/** A summary of the decision for the explanation; called only in explain mode. */
type Summary = (st: RunState, by: readonly Verdict[]) => string;

/** The layers whose Allow was missing, for suggestions: fixed, or computed only in explain mode. */
type MissingLayers = readonly PolicyType[] | ((st: RunState) => readonly PolicyType[]);

const RCP_MISSING: readonly PolicyType[] = Object.freeze(["rcp"]);
const SCP_MISSING: readonly PolicyType[] = Object.freeze(["scp"]);
const RESOURCE_MISSING: readonly PolicyType[] = Object.freeze(["resource"]);

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

/**
 * Evaluates SCP or RCP levels (§7.2 steps 2-3): appends their Denies to `denies` and returns the
 * first level without an Allow (undefined when every level allows).
 */
function firstLevelWithoutAllow(
  st: RunState,
  levels: readonly PolicyRef[][],
  denies: Verdict[],
): number | undefined {
  let failedLevel: number | undefined;
  levels.forEach((refs, level) => {
    const layer = evaluateLayer(st, refs);
    denies.push(...layer.denies);
    if (layer.allows.length === 0) failedLevel ??= level;
  });
  return failedLevel;
}

const EMPTY_LAYER: Layer = Object.freeze({
  allows: Object.freeze([]),
  denies: Object.freeze([]),
}) as unknown as Layer;

const NO_VERDICTS: readonly Verdict[] = Object.freeze([]);

const WITH_BOUNDARY: MatchOptions = Object.freeze({ hasBoundary: true });
const WITHOUT_BOUNDARY: MatchOptions = Object.freeze({ hasBoundary: false });
const SCRATCH: MatchScratch = { kind: undefined, unknownReason: undefined };

function whatOf(prep: PreparedRequest): string {
  return `${prep.action} on ${prep.resource}`;
}

function labels(by: readonly Verdict[]): string {
  return by.map((v) => statementLabel(v.ref, v.cs)).join("; ");
}

function principalAccountOf(prep: PreparedRequest): string | undefined {
  const p = prep.principal;
  return p !== undefined && "account" in p ? p.account : undefined;
}

/** The resource's account: aws:ResourceAccount, else the principal's own (§7.3). */
function resourceAccountFor(prep: PreparedRequest): string | undefined {
  return resourceAccountOf(prep) ?? principalAccountOf(prep);
}

function isCrossAccount(prep: PreparedRequest): boolean {
  const principalAccount = principalAccountOf(prep);
  return principalAccount !== undefined && !resourceAccountIsOrUnknown(prep, principalAccount);
}

const CONSENT_WORDS = { kms: "the KMS key policy", trust: "the role trust policy" } as const;

function consentWord(st: RunState): string {
  return CONSENT_WORDS[st.consent ?? "trust"];
}

/** Identity-only mode cannot see the key or trust policy: the same note for every such request (frozen, shared). */
const CONSENT_REQUIRED: Readonly<Record<"kms" | "trust", Note>> = {
  kms: consentNote("KMS_KEY_POLICY_REQUIRED", CONSENT_WORDS.kms),
  trust: consentNote("ROLE_TRUST_POLICY_REQUIRED", CONSENT_WORDS.trust),
};

function consentNote(code: string, policy: string): Note {
  return Object.freeze({
    code,
    message: `AWS also requires ${policy} to allow this request (or to delegate to the account); policies.resource is absent, so only the principal's side was evaluated`,
  });
}

/** The caller-side layers without an Allow (§7.2 steps 5-7). */
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

/**
 * Why a resource-policy grant to the role did not count: the boundary or the session policy, which
 * limit such grants (§7.2 step 4d, f), does not allow. Called only when one of them failed.
 */
function limitFailure(st: RunState): string {
  if (!st.boundaryAllows) return "the permissions boundary does not allow it";
  if (!st.hasSession) return "a federated-user session without a session policy has no permissions";
  return "no session policy statement allows it";
}

function callerSideFailure(st: RunState): string {
  if (!st.identityAllows) return `no identity policy statement allows ${whatOf(st.prep)}`;
  if (!st.boundaryAllows) return `the permissions boundary does not allow ${whatOf(st.prep)}`;
  if (!st.hasSession) return "a federated-user session without a session policy has no permissions";
  return `no session policy statement allows ${whatOf(st.prep)}`;
}

/** The root user is allowed without an identity policy within its own account (§7.1). */
function noteRootWithoutPolicy(st: RunState, identityVerdicts: readonly Verdict[]): void {
  if (st.isRoot && identityVerdicts.length === 0)
    addNote(
      st,
      "ROOT_USER",
      "the account root user needs no identity policy within its own account",
    );
}

function describeVerdicts(verdicts: readonly Verdict[], isRoot: boolean): string {
  if (verdicts.length === 0) return isRoot ? "the account root user's full access" : "(nothing)";
  return labels(verdicts);
}

/**
 * Session policies bind role sessions (a role ARN as principal stands for its session) and
 * federated-user sessions (§7.1 table). A request without a principal may come from a session: they
 * keep applying there (fail-safe).
 */
function bindsSessionPolicies(p: RequestPrincipal | undefined): boolean {
  return (
    p === undefined || p.kind === "assumed-role" || p.kind === "role" || p.kind === "federated-user"
  );
}

/** The session-policy layer, or undefined with a note when the principal is not a session (§7.2 step 7). */
function sessionLayer(st: RunState, refs: readonly PolicyRef[]): Layer | undefined {
  const p = st.prep.principal;
  if (bindsSessionPolicies(p)) return evaluateLayer(st, refs);
  const who = p!.kind === "root" ? "the account root user" : "an IAM user";
  addNote(
    st,
    "SESSION_POLICY_NOT_APPLICABLE",
    `session policies bind only role and federated-user sessions; the principal is ${who}, so policies.session was not evaluated (neither its Allows nor its Denies)`,
  );
  return undefined;
}

/** IAM reserves this path for service-linked roles (AWS UG: Using service-linked roles); paths are case-sensitive. */
const SERVICE_LINKED_ROLE_PATH = "/aws-service-role/";
/** The name prefix of service-linked roles: a hint only, since anyone may name a role so. */
const SERVICE_LINKED_ROLE_NAME = "AWSServiceRoleFor";

/**
 * SCP levels for an IAM caller (§7.2 step 3), except for a service-linked role, which SCPs do not bind
 * (§7.1 table). Only a role ARN with the reserved path proves one; a session ARN carries no path, so a
 * session of a role named like one stays bound (fail-safe), with a note saying how to exempt it.
 */
function scpLevelWithoutAllow(
  st: RunState,
  levels: readonly PolicyRef[][],
  denies: Verdict[],
): number | undefined {
  const p = st.prep.principal;
  if (p !== undefined && (p.kind === "role" || p.kind === "assumed-role")) {
    if (p.kind === "role" && p.roleName !== "" && p.path?.startsWith(SERVICE_LINKED_ROLE_PATH)) {
      addNote(
        st,
        "SCP_NOT_APPLICABLE_SERVICE_LINKED_ROLE",
        `SCPs do not bind service-linked roles, and ${p.roleName} is one (its path starts with aws-service-role/): the SCPs were not evaluated; RCPs and the role's own policies still apply`,
      );
      return undefined;
    }
    if (p.roleName.startsWith(SERVICE_LINKED_ROLE_NAME)) {
      const why =
        p.kind === "assumed-role"
          ? "a session ARN does not carry the role's path"
          : "its ARN lacks the aws-service-role/ path";
      addNote(
        st,
        "POSSIBLY_SERVICE_LINKED_ROLE",
        `${p.roleName} is named like a service-linked role, which SCPs do not bind, but ${why}, so the SCPs were applied (fail-safe); if it is a service-linked role, give its role ARN with its path as the principal (arn:${p.partition}:iam::${p.account}:role/aws-service-role/<service principal>/${p.roleName}) and the SCPs will not apply`,
      );
    }
  }
  return firstLevelWithoutAllow(st, levels, denies);
}

/**
 * sts:GetCallerIdentity needs no permission, and a Deny does not stop it (STS API Reference:
 * GetCallerIdentity). The page speaks of the identity whose credentials sign the call, so this covers
 * IAM callers only; service principals and anonymous callers keep the §7.4 conventions (fail-safe).
 * Checked by the caller as `prep.actionKey.service === "sts"` first, so other requests pay one comparison.
 */
function isNoPermissionAction(prep: PreparedRequest): boolean {
  return prep.actionKey.lower === "sts:getcalleridentity";
}

function noPermissionRequired(st: RunState, denies: readonly Verdict[]): EvaluationResult {
  st.waivedDenies = denies;
  addNote(
    st,
    "NO_PERMISSION_REQUIRED",
    `sts:GetCallerIdentity needs no permission: AWS answers it for any IAM caller, even when a policy denies it (STS API Reference: GetCallerIdentity)${denies.length > 0 ? `; matching Deny statements that do not stop it: ${labels(denies)}` : ""}`,
  );
  return result(st, "Allowed", NO_VERDICTS, noPermissionNeeded);
}

/** An AWS-side rule refuses the request whatever the policies say (aws-side-rules.ts). */
function refusedByAwsRule(st: RunState, rule: AwsSideRule): EvaluationResult {
  st.awsRule = rule;
  addNote(
    st,
    "AWS_SIDE_RULE",
    `${rule.id}: AWS refuses this request whatever the policies say: ${rule.rule} (${rule.sources[0]})`,
  );
  return result(st, "ExplicitlyDenied", NO_VERDICTS, refusedByAws);
}

// The summaries, one per way a decision is reached.
const refusedByAws: Summary = (st) =>
  `Denied by a rule of AWS that no policy shows (${st.awsRule!.id}): ${st.awsRule!.rule}; the policies are listed for reference (${st.awsRule!.sources[0]})`;
const explicitlyDenied: Summary = (_st, by) => `Explicitly denied by ${labels(by)}`;
const allowedBy: Summary = (_st, by) => `Allowed by ${labels(by)}`;
const noRcpAllows: Summary = (st) =>
  `Implicitly denied: no RCP${st.set.rcp!.length > 1 ? ` at level ${st.rcpFailedLevel}` : ""} allows ${whatOf(st.prep)}`;
const noScpAllows: Summary = (st) =>
  `Implicitly denied: no SCP${st.set.scp!.length > 1 ? ` at level ${st.scpFailedLevel}` : ""} allows ${whatOf(st.prep)}`;
const noResourceGrantForNonIam: Summary = (st) => {
  const p = st.prep.principal!;
  const who = p.kind === "service" ? `service principal ${p.name}` : "anonymous callers";
  return `Implicitly denied: no resource policy statement allows ${who} ${whatOf(st.prep)}`;
};
const callerSideDenied: Summary = (st) =>
  `Implicitly denied${isCrossAccount(st.prep) ? " (cross-account)" : ""}: ${callerSideFailure(st)}`;
const crossAccountNoGrant: Summary = (st) =>
  `Implicitly denied (cross-account): no resource policy statement of account ${resourceAccountFor(st.prep)} allows the principal ${whatOf(st.prep)}`;
const crossAccountAllowed: Summary = (_st, by) => `Allowed (cross-account) by ${labels(by)}`;
const callerSideOnlyCrossAccount: Summary = (st, by) =>
  `Allowed on the principal's side by ${describeVerdicts(by, st.isRoot)} (cross-account: the resource's policy was not given)`;
const consentMissing: Summary = (st) => {
  const why =
    st.limitedGrants > 0
      ? `${consentWord(st)} grants it, but ${limitFailure(st)}`
      : `${consentWord(st)} does not allow the principal`;
  return `Implicitly denied: ${why} (${whatOf(st.prep)})`;
};
const consentDelegated: Summary = (st, by) =>
  `Allowed by ${labels(by)} (${consentWord(st)} delegates to the account)`;
const callerSideDeniedNoGrant: Summary = (st) => {
  if (st.limitedGrants === 0)
    return `Implicitly denied: ${callerSideFailure(st)} and no resource policy statement grants it`;
  // The boundary or session policy limits the resource policy's grant (§7.2 step 4d): name it once.
  if (st.identityAllows)
    return `Implicitly denied: ${callerSideFailure(st)}, which also limits the resource policy's grant`;
  return `Implicitly denied: ${callerSideFailure(st)}; the resource policy grants it, but ${limitFailure(st)}`;
};
const callerSideAllowed: Summary = (st, by) => `Allowed by ${describeVerdicts(by, st.isRoot)}`;
const noPermissionNeeded: Summary = (st) =>
  `Allowed: sts:GetCallerIdentity needs no permission, so no policy decides it (STS API Reference: GetCallerIdentity); ${
    st.waivedDenies.length > 0
      ? `matching Deny statements that do not stop it: ${labels(st.waivedDenies)}`
      : "the policies are listed for reference"
  }`;

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
  const st = newRunState(set, prep, explain, id, false);
  const out = decideWith(st);
  if (st.readings === undefined) return out;
  const other = decideWith(newRunState(set, prep, false, id, true));
  if (other.decision === out.decision) return out;
  const readings = st.readings;
  out.uncertain = true;
  out.otherDecision = other.decision;
  out.readings = readings;
  if (out.explain !== undefined) {
    const codes = [...new Set(readings.map((r) => r.code))].join(", ");
    const sources = [...new Set(readings.map((r) => r.source.split(" ")[0]))].join(", ");
    out.explain.summary += ` (uncertain: ${other.decision} under the other reading of ${codes}; see ${sources})`;
  }
  return out;
}

function newRunState(
  set: LoadedPolicySet,
  prep: PreparedRequest,
  explain: boolean,
  id: string | number | undefined,
  other: boolean,
): RunState {
  const p = prep.principal;
  return {
    id,
    set,
    prep,
    options: set.boundary !== undefined ? WITH_BOUNDARY : WITHOUT_BOUNDARY,
    // Reused: decide() is synchronous and calls no user code, and record() copies what it needs.
    scratch: SCRATCH,
    notes: undefined,
    explained: explain ? [] : undefined,
    rcpFailedLevel: undefined,
    scpFailedLevel: undefined,
    isRoot: p?.kind === "root",
    identityAllows: false,
    boundaryAllows: false,
    sessionAllows: false,
    hasSession: false,
    limitedGrants: 0,
    consent: undefined,
    waivedDenies: NO_VERDICTS,
    awsRule: undefined,
    other,
    readings: undefined,
  };
}

function decideWith(st: RunState): EvaluationResult {
  const { set, prep } = st;
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
  // Only sessions are bound by session policies (§7.1, §7.2 step 7).
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
  // not service-linked roles (§7.1).
  const scpFailed =
    isIam && set.scp !== undefined ? scpLevelWithoutAllow(st, set.scp, denies) : undefined;
  const rcpFailed = set.rcp !== undefined ? firstLevelWithoutAllow(st, set.rcp, denies) : undefined;

  // AWS-side rules: requests AWS refuses whatever the policies say (aws-side-rules.ts). The layers
  // were evaluated, so that the explanation lists every statement.
  const awsRule = awsSideRuleFor(prep);
  if (awsRule !== undefined) return refusedByAwsRule(st, awsRule);

  // sts:GetCallerIdentity: no permission needed and no Deny applies, for IAM callers. The layers were
  // still evaluated, so that the explanation lists every statement and the note names each Deny.
  if (prep.actionKey.service === "sts" && isIam && isNoPermissionAction(prep))
    return noPermissionRequired(st, denies);

  // 1. Explicit deny anywhere wins (§7.2 step 1).
  if (denies.length > 0) return result(st, "ExplicitlyDenied", denies, explicitlyDenied);
  // 2-3. Every RCP and SCP level must allow (§7.2 steps 2-3).
  if (rcpFailed !== undefined) {
    st.rcpFailedLevel = rcpFailed;
    return result(st, "ImplicitlyDenied", NO_VERDICTS, noRcpAllows, RCP_MISSING);
  }
  if (scpFailed !== undefined) {
    st.scpFailedLevel = scpFailed;
    return result(st, "ImplicitlyDenied", NO_VERDICTS, noScpAllows, SCP_MISSING);
  }

  const grants = resource.allows;
  if (!isIam) {
    if (grants.length > 0) return result(st, "Allowed", grants, allowedBy);
    if (!full) {
      addNote(
        st,
        "RESOURCE_POLICY_UNKNOWN",
        `requests by ${p!.kind === "service" ? "service principals" : "anonymous callers"} are granted only by resource policies; policies.resource is absent`,
      );
    }
    return result(st, "ImplicitlyDenied", NO_VERDICTS, noResourceGrantForNonIam, RESOURCE_MISSING);
  }

  // The caller's side: identity policies (the root user needs none: §7.1), boundary, session policy (§7.2 steps 5-7).
  st.identityAllows = identity.allows.length > 0 || st.isRoot;
  st.boundaryAllows = boundary === undefined || boundary.allows.length > 0;
  // A GetFederationToken session without a session policy has no permissions (§7.1).
  st.sessionAllows =
    session !== undefined ? session.allows.length > 0 : p?.kind !== "federated-user";
  const callerSide = st.identityAllows && st.boundaryAllows && st.sessionAllows;
  const callerSideVerdicts = identity.allows;

  // Identity-only mode: the principal's side decides, as AWS's policy simulator does (DESIGN.md);
  // without the caller's side nothing else can grant, in the same account or across accounts (§7.3).
  if (!full && !callerSide)
    return result(st, "ImplicitlyDenied", NO_VERDICTS, callerSideDenied, callerSideMissing);

  const crossAccount = isCrossAccount(prep);
  st.consent = isKmsKeyRequest(prep) ? "kms" : isRoleTrustRequest(prep) ? "trust" : undefined;

  if (crossAccount) {
    // Both the caller's account and the resource's account must allow (§7.3).
    if (!callerSide)
      return result(st, "ImplicitlyDenied", NO_VERDICTS, callerSideDenied, callerSideMissing);
    if (full) {
      if (grants.length === 0)
        return result(st, "ImplicitlyDenied", NO_VERDICTS, crossAccountNoGrant, RESOURCE_MISSING);
      noteRootWithoutPolicy(st, callerSideVerdicts);
      return result(st, "Allowed", [...callerSideVerdicts, ...grants], crossAccountAllowed);
    }
    noteRootWithoutPolicy(st, callerSideVerdicts);
    const principalAccount = principalAccountOf(prep);
    const resourceAccount = resourceAccountFor(prep);
    addNote(
      st,
      "CROSS_ACCOUNT_RESOURCE_POLICY_REQUIRED",
      `the principal's account ${principalAccount} differs from the resource's account ${resourceAccount}: AWS also requires a resource policy in ${resourceAccount} to allow this request; policies.resource is absent, so only the principal's side was evaluated`,
    );
    return result(st, "Allowed", callerSideVerdicts, callerSideOnlyCrossAccount);
  }

  if (full) {
    const direct = grants.filter((g) => isDirectGrant(g, st.other));
    if (direct.length > 0) return result(st, "Allowed", direct, allowedBy);
    const limited = grants.filter(isLimitedGrant);
    for (const g of limited)
      if (isUnconfirmedWildcardGrant(g))
        reachReading(st, "WILDCARD_GRANT_UNDER_LIMITS", statementLabel(g.ref, g.cs));
    st.limitedGrants = limited.length;
    if (limited.length > 0 && st.boundaryAllows && st.sessionAllows)
      return result(st, "Allowed", limited, allowedBy);
    if (st.consent !== undefined) {
      const delegated = grants.filter((g) => g.kind === "account");
      if (delegated.length === 0)
        return result(st, "ImplicitlyDenied", NO_VERDICTS, consentMissing, consentLayersMissing);
      if (!callerSide)
        return result(st, "ImplicitlyDenied", NO_VERDICTS, callerSideDenied, callerSideMissing);
      noteRootWithoutPolicy(st, callerSideVerdicts);
      return result(st, "Allowed", [...callerSideVerdicts, ...delegated], consentDelegated);
    }
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

  noteRootWithoutPolicy(st, callerSideVerdicts);
  if (st.consent !== undefined) pushNote(st, CONSENT_REQUIRED[st.consent]);
  return result(st, "Allowed", callerSideVerdicts, callerSideAllowed);
}

export { describePolicy, policyTypeWord };
