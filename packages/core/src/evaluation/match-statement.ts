// Whether one statement applies to a request (docs/evaluation-rules.md §0): action, resource, principal and
// conditions. Three-valued: UNKNOWN when a part cannot be evaluated (see conditions/tri.ts).
import type { ConditionExplanation, ElementMatch, StatementExplanation } from "../types.js";
import { matchActionPattern } from "../matching/action.js";
import type { ResourcePattern } from "../matching/arn.js";
import { matchResolvedResourcePattern, matchResourcePattern } from "../matching/arn.js";
import type { VariableLookup } from "../matching/template.js";
import type { CompiledCondition } from "../conditions/compile-condition.js";
import type { PrincipalMatchKind } from "../matching/principal.js";
import { isListedInNotPrincipal, matchPrincipalBlock } from "../matching/principal.js";
import type { Why } from "../conditions/evaluate-condition.js";
import { contextGet, resourceColons } from "../context/request-context.js";
import { evaluateCondition } from "../conditions/evaluate-condition.js";
import type { Tri } from "../conditions/tri.js";
import { FALSE, TRUE, UNKNOWN } from "../conditions/tri.js";
import type { CompiledStatement } from "./compiled-policy.js";
import { actionPatternsFor } from "./compiled-policy.js";
import type { PreparedRequest } from "./prepare-request.js";
import { variablesOf } from "./prepare-request.js";
import { ensurePositions } from "../policy/deferred-positions.js";

export interface MatchOptions {
  /** The caller has a permissions boundary (a Deny + NotPrincipal then always applies: docs/evaluation-rules.md §4.2). */
  hasBoundary: boolean;
}

/** Out-parameters of `matchStatementAfterAction`, reused between calls. */
export interface MatchScratch {
  kind: PrincipalMatchKind | undefined;
  /** Why the result is UNKNOWN, when it is. */
  unknownReason: string | undefined;
}

/** The variable lookup, built only for patterns that have variables. */
function lookupFor(p: ResourcePattern, prep: PreparedRequest): VariableLookup | undefined {
  return p.template === undefined ? undefined : variablesOf(prep);
}

const NO_VARIABLES: VariableLookup = () => undefined;

function conditionLookup(cond: CompiledCondition, prep: PreparedRequest): VariableLookup {
  return cond.hasVariables ? variablesOf(prep) : NO_VARIABLES;
}

function actionMatches(
  cs: CompiledStatement,
  prep: PreparedRequest,
): { matched: boolean; pattern?: string } {
  if (cs.actions !== undefined) {
    for (const p of cs.actions)
      if (matchActionPattern(p, prep.actionKey.lower)) return { matched: true, pattern: p.pattern };
    return { matched: false };
  }
  for (const p of cs.notActions!)
    if (matchActionPattern(p, prep.actionKey.lower)) return { matched: false, pattern: p.pattern };
  return { matched: true };
}

function resourceMatches(
  cs: CompiledStatement,
  prep: PreparedRequest,
): { matched: boolean; pattern?: string; unresolved?: string } {
  if (cs.resources !== undefined) {
    for (const p of cs.resources) {
      if (matchResourcePattern(p, prep.resource, resourceColons(prep), lookupFor(p, prep)))
        return { matched: true, pattern: p.pattern };
    }
    return { matched: false };
  }
  if (cs.notResources !== undefined) {
    const found = scanNotResource(cs, prep);
    if (typeof found === "object") return { matched: false, pattern: found.pattern };
    if (found !== undefined) return { matched: true, unresolved: found };
  }
  return { matched: true };
}

/**
 * NotResource entries with variables (docs/evaluation-rules.md §6): an entry whose variable has no value and no default
 * matches no resource, so it excludes nothing. For a Deny that is the fail-safe reading; for an
 * Allow it would grant every other resource, while the variables page warns that an unresolved
 * variable "might cause the entire statement to be invalid". Fail-safe: when no entry excludes the
 * resource and one is unresolved, the statement cannot be evaluated (an Allow does not count, a
 * Deny applies). Returns the entry that excludes the resource, else the text of the first
 * unresolved entry, else undefined.
 */
function scanNotResource(
  cs: CompiledStatement,
  prep: PreparedRequest,
): ResourcePattern | string | undefined {
  let unresolved: string | undefined;
  for (const p of cs.notResources!) {
    const m = matchResolvedResourcePattern(
      p,
      prep.resource,
      resourceColons(prep),
      lookupFor(p, prep),
    );
    if (m === true) return p;
    if (m === undefined) unresolved ??= p.pattern;
  }
  return unresolved;
}

function unresolvedReason(pattern: string): string {
  return `NotResource entry "${pattern}" has a policy variable without a value, so what it excludes is unknown`;
}

function isIamPrincipal(prep: PreparedRequest): boolean {
  const kind = prep.principal?.kind;
  return kind !== undefined && kind !== "service" && kind !== "anonymous";
}

/** Principal / NotPrincipal (docs/evaluation-rules.md §4). Statements without either (identity-side policies) match everyone. */
function principalMatches(
  cs: CompiledStatement,
  prep: PreparedRequest,
  options: MatchOptions,
  scratch: MatchScratch,
): Tri {
  const s = cs.statement;
  scratch.kind = undefined;
  if (s.principal !== undefined) {
    if (prep.principal === undefined) {
      if (
        s.principal.wildcard ||
        s.principal.entries.some((e) => e.kind === "AWS" && e.value === "*")
      ) {
        scratch.kind = "wildcard";
        return TRUE;
      }
      // No principal in the request: a named principal might be the caller. Fail-safe: a Deny may apply.
      scratch.unknownReason =
        "the request has no principal, so whether this Principal names the caller is unknown";
      return s.effect === "Deny" ? UNKNOWN : FALSE;
    }
    const kind = matchPrincipalBlock(s.principal, prep.principal);
    scratch.kind = kind;
    return kind === undefined ? FALSE : TRUE;
  }
  if (s.notPrincipal !== undefined) {
    // A Deny + NotPrincipal always denies an IAM principal with a permissions boundary (docs/evaluation-rules.md §4.2).
    if (s.effect === "Deny" && options.hasBoundary && isIamPrincipal(prep)) {
      scratch.kind = "wildcard";
      return TRUE;
    }
    if (prep.principal === undefined) {
      scratch.unknownReason =
        "the request has no principal, so whether NotPrincipal lists the caller is unknown";
      return s.effect === "Deny" ? UNKNOWN : FALSE;
    }
    if (isListedInNotPrincipal(s.notPrincipal, prep.principal)) return FALSE;
    scratch.kind = "wildcard";
    return TRUE;
  }
  return TRUE;
}

/** Whether the statement's action block matches (Action: any pattern; NotAction: none). */
export function statementMatchesAction(
  cs: CompiledStatement,
  actionLower: string,
  service: string,
): boolean {
  const patterns = actionPatternsFor(cs, service);
  const positive = cs.actions !== undefined;
  for (let i = 0; i < patterns.length; i++)
    if (matchActionPattern(patterns[i]!, actionLower)) return positive;
  return !positive;
}

/**
 * The fast path, for a statement whose action block is known to match (`statementMatchesAction`):
 * short-circuits on the first part that does not match.
 */
export function matchStatementAfterAction(
  cs: CompiledStatement,
  prep: PreparedRequest,
  options: MatchOptions,
  scratch: MatchScratch,
): Tri {
  scratch.unknownReason = undefined;
  scratch.kind = undefined;
  let unevaluable = cs.unevaluable;
  // Read once: a getter call per pattern would cost more than the loop.
  const resources = cs.resources;
  if (resources !== undefined) {
    let matched = false;
    for (let i = 0; i < resources.length; i++) {
      const p = resources[i]!;
      if (matchResourcePattern(p, prep.resource, resourceColons(prep), lookupFor(p, prep))) {
        matched = true;
        break;
      }
    }
    if (!matched) return FALSE;
  } else if (cs.notResources !== undefined) {
    const found = scanNotResource(cs, prep);
    if (typeof found === "object") return FALSE;
    if (found !== undefined) unevaluable ??= unresolvedReason(found);
  }
  let result: Tri = principalMatches(cs, prep, options, scratch);
  if (result === FALSE) return FALSE;
  if (unevaluable !== undefined) {
    // After the principal, as in explainStatement: the first reason found is the one reported.
    scratch.unknownReason ??= unevaluable;
    result = UNKNOWN;
  }
  for (const cond of cs.conditions) {
    const c = evaluateCondition(cond, prep, conditionLookup(cond, prep));
    if (c === FALSE) return FALSE;
    if (c === UNKNOWN) {
      if (scratch.unknownReason === undefined) {
        const why: Why = {};
        evaluateCondition(cond, prep, conditionLookup(cond, prep), why);
        scratch.unknownReason = `condition ${cond.source.operator} ${cond.source.key}: ${why.reason ?? "cannot be evaluated"}`;
      }
      result = UNKNOWN;
    }
  }
  return result;
}

function conditionExplanation(
  cs: CompiledStatement,
  index: number,
  prep: PreparedRequest,
): { explanation: ConditionExplanation; result: Tri; unknownReason: string | undefined } {
  const cond = cs.conditions[index]!;
  const why: Why = {};
  const result = evaluateCondition(cond, prep, conditionLookup(cond, prep), why);
  const entry = contextGet(prep, cond.keyLower, cond.derivable);
  const source = cond.source;
  let reason = why.reason;
  if (reason === undefined && result !== TRUE && entry === undefined) {
    reason =
      cond.info.family === "Null"
        ? `${source.key} is absent`
        : `${source.key} is absent from the request`;
  }
  return {
    result,
    unknownReason: why.reason,
    explanation: {
      operator: source.operator,
      key: source.key,
      policyValues: source.values.map((v) => v.text),
      ...(entry !== undefined ? { requestValues: [...entry.values] } : {}),
      matched: result === TRUE,
      ...(source.loc.line !== undefined
        ? { line: source.loc.line, column: source.loc.column }
        : {}),
      ...(reason !== undefined
        ? { reason: result === UNKNOWN ? `cannot be evaluated: ${reason}` : reason }
        : {}),
    },
  };
}

function quoteList(values: readonly string[]): string {
  return values.map((v) => JSON.stringify(v)).join(", ");
}

/** The slow path for explanations: every part is evaluated and described. Gives the same result as `matchStatementAfterAction`. */
export function explainStatement(
  cs: CompiledStatement,
  prep: PreparedRequest,
  options: MatchOptions,
  scratch: MatchScratch,
): { result: Tri; explanation: StatementExplanation } {
  // An explanation shows where the statement and its conditions are written.
  ensurePositions(cs.policy);
  const s = cs.statement;
  scratch.unknownReason = undefined;
  const action = actionMatches(cs, prep);
  const actionElement: ElementMatch = {
    element: cs.actions !== undefined ? "Action" : "NotAction",
    matched: action.matched,
    value: prep.action,
    ...(action.pattern !== undefined ? { matchedPattern: action.pattern } : {}),
  };
  let resourceElement: ElementMatch | undefined;
  let resourceMatched = true;
  let unevaluable = cs.unevaluable;
  if (cs.resources !== undefined || cs.notResources !== undefined) {
    const resource = resourceMatches(cs, prep);
    resourceMatched = resource.matched;
    if (resource.unresolved !== undefined) unevaluable ??= unresolvedReason(resource.unresolved);
    resourceElement = {
      element: cs.resources !== undefined ? "Resource" : "NotResource",
      matched: resource.matched && resource.unresolved === undefined,
      value: prep.resource,
      ...(resource.pattern !== undefined ? { matchedPattern: resource.pattern } : {}),
    };
  }
  const principalResult = principalMatches(cs, prep, options, scratch);
  // The same order as matchStatementAfterAction, so the first reason found is the same.
  if (principalResult !== FALSE && unevaluable !== undefined) scratch.unknownReason ??= unevaluable;
  let principalElement: ElementMatch | undefined;
  if (s.principal !== undefined || s.notPrincipal !== undefined) {
    principalElement = {
      element: s.principal !== undefined ? "Principal" : "NotPrincipal",
      matched: principalResult === TRUE,
      value:
        prep.principal === undefined
          ? "(none)"
          : "arn" in prep.principal
            ? prep.principal.arn
            : prep.principal.kind === "service"
              ? prep.principal.name
              : "anonymous",
    };
  }
  const conditions: ConditionExplanation[] = [];
  let conditionResult: Tri = TRUE;
  let firstFailedCondition: ConditionExplanation | undefined;
  for (let i = 0; i < cs.conditions.length; i++) {
    const { explanation, result, unknownReason } = conditionExplanation(cs, i, prep);
    conditions.push(explanation);
    if (result === FALSE) {
      conditionResult = FALSE;
      firstFailedCondition ??= explanation;
    } else if (result === UNKNOWN) {
      if (conditionResult !== FALSE) conditionResult = UNKNOWN;
      // Same words as matchStatementAfterAction, so notes do not depend on `explain`.
      scratch.unknownReason ??= `condition ${explanation.operator} ${explanation.key}: ${unknownReason ?? "cannot be evaluated"}`;
      firstFailedCondition ??= explanation;
    }
  }
  let result: Tri;
  let firstFailure: string | undefined;
  if (!action.matched) {
    result = FALSE;
    firstFailure =
      cs.actions !== undefined
        ? `action ${prep.action} is not in Action`
        : `action ${prep.action} is excluded by NotAction ${JSON.stringify(action.pattern)}`;
  } else if (!resourceMatched) {
    result = FALSE;
    firstFailure =
      cs.resources !== undefined
        ? `resource ${prep.resource} matches none of Resource ${quoteList(s.resource!.patterns)}`
        : `resource ${prep.resource} is excluded by NotResource ${JSON.stringify(resourceElement?.matchedPattern)}`;
  } else if (principalResult === FALSE) {
    result = FALSE;
    firstFailure =
      s.principal !== undefined
        ? "the principal is not named in Principal"
        : "the principal is listed in NotPrincipal";
  } else {
    const partUnknown = principalResult === UNKNOWN || unevaluable !== undefined;
    result = partUnknown ? (conditionResult === FALSE ? FALSE : UNKNOWN) : conditionResult;
    if (partUnknown && result !== FALSE)
      firstFailure = `cannot be evaluated: ${scratch.unknownReason}`;
    else if (firstFailedCondition !== undefined) {
      firstFailure = `condition ${firstFailedCondition.operator} ${firstFailedCondition.key} ${firstFailedCondition.matched ? "matched" : "did not match"}${firstFailedCondition.reason !== undefined ? `: ${firstFailedCondition.reason}` : ""}`;
    }
  }
  const explanation: StatementExplanation = {
    statementIndex: s.index,
    ...(s.sid !== undefined ? { sid: s.sid } : {}),
    effect: s.effect,
    ...(s.loc.line !== undefined ? { line: s.loc.line, column: s.loc.column } : {}),
    // How the statement counts in the decision: one that cannot be evaluated applies when it is a
    // Deny and not when it is an Allow (fail-safe, docs/evaluation-rules.md §9), and says why below.
    applies: result === TRUE || (result === UNKNOWN && s.effect === "Deny"),
    action: actionElement,
    ...(resourceElement !== undefined ? { resource: resourceElement } : {}),
    ...(principalElement !== undefined ? { principal: principalElement } : {}),
    conditions,
    ...(result !== TRUE && firstFailure !== undefined ? { firstFailure } : {}),
  };
  return { result, explanation };
}
