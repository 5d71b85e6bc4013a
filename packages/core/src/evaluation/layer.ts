// One layer's evaluation (docs/evaluation-rules.md §7.2: "evaluate every statement of every policy
// first"): the statements of a layer's policies that apply to the request, as Allow and Deny
// verdicts. The hot path: no closures, and a layer list only when a statement applies.
import type { DecidingStatement, PolicyExplanation } from "../types.js";
import type { PrincipalMatchKind } from "../matching/principal.js";
import { matchPrincipalEntry } from "../matching/principal.js";
import type { Tri } from "../conditions/tri.js";
import { FALSE, TRUE } from "../conditions/tri.js";
import type { CompiledStatement } from "./compiled-policy.js";
import { statementsForAction } from "./compiled-policy.js";
import type { PolicyRef } from "./load-policies.js";
import {
  explainStatement,
  matchStatementAfterAction,
  statementMatchesAction,
} from "./match-statement.js";
import { readingOfReason } from "./readings.js";
import type { RunState } from "./run-state.js";
import { ensurePositions } from "../policy/deferred-positions.js";
import { addNote, reachReading } from "./run-state.js";
import {
  bindsSessionPolicies,
  isNamedLikeServiceLinkedRole,
  isServiceLinkedRoleArn,
} from "./request-facts.js";
import {
  notEvaluableText,
  possiblyServiceLinkedRoleText,
  serviceLinkedRoleText,
  sessionPolicyNotApplicableText,
  statementLabel,
} from "./decision-wording.js";

/** An applying statement, with how its policy's Principal named the caller (resource policies). */
export interface Verdict {
  ref: PolicyRef;
  cs: CompiledStatement;
  kind: PrincipalMatchKind | undefined;
}

export interface Layer {
  allows: Verdict[];
  denies: Verdict[];
}

/** The layer where no statement applies, shared: most layers of most requests. */
export const EMPTY_LAYER: Layer = Object.freeze({
  allows: Object.freeze([]),
  denies: Object.freeze([]),
}) as unknown as Layer;

/**
 * A Deny + NotPrincipal that applies to the caller although the caller's account is listed (docs/evaluation-rules.md §4.2,
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
      addNote(st, "STATEMENT_NOT_EVALUABLE", notEvaluableText(statementLabel(ref, cs), why, deny));
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
export function evaluateLayer(st: RunState, refs: readonly PolicyRef[]): Layer {
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

/**
 * Evaluates SCP or RCP levels (docs/evaluation-rules.md §7.2 steps 2-3): appends their Denies to `denies` and returns the
 * first level without an Allow (undefined when every level allows).
 */
export function firstLevelWithoutAllow(
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

/**
 * SCP levels for an IAM caller (docs/evaluation-rules.md §7.2 step 3), except for a service-linked role, which SCPs do not bind
 * (docs/evaluation-rules.md §7.1 table). Only a role ARN with the reserved path proves one; a session ARN carries no path, so a
 * session of a role named like one stays bound (fail-safe), with a note saying how to exempt it.
 */
export function scpLevelWithoutAllow(
  st: RunState,
  levels: readonly PolicyRef[][],
  denies: Verdict[],
): number | undefined {
  const p = st.prep.principal;
  if (p !== undefined && (p.kind === "role" || p.kind === "assumed-role")) {
    if (isServiceLinkedRoleArn(p)) {
      addNote(st, "SCP_NOT_APPLICABLE_SERVICE_LINKED_ROLE", serviceLinkedRoleText(p.roleName));
      return undefined;
    }
    if (isNamedLikeServiceLinkedRole(p))
      addNote(st, "POSSIBLY_SERVICE_LINKED_ROLE", possiblyServiceLinkedRoleText(p));
  }
  return firstLevelWithoutAllow(st, levels, denies);
}

/** The session-policy layer, or undefined with a note when the principal is not a session (docs/evaluation-rules.md §7.2 step 7). */
export function sessionLayer(st: RunState, refs: readonly PolicyRef[]): Layer | undefined {
  const p = st.prep.principal;
  if (bindsSessionPolicies(p)) return evaluateLayer(st, refs);
  addNote(st, "SESSION_POLICY_NOT_APPLICABLE", sessionPolicyNotApplicableText(p!));
  return undefined;
}

/** Deciding statements are frozen and shared between results (they never change for a compiled policy). */
export function deciding(v: Verdict): DecidingStatement {
  const s = v.cs.statement;
  const cache = (v.ref.deciding ??= []);
  let d = cache[s.index];
  if (d === undefined) {
    ensurePositions(v.cs.policy);
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
