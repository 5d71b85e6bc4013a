// For a denial: the nearest Allow statements and what each one misses (issue 3, "Explain").
import type { PolicyExplanation, Statement, Suggestion } from "../types.js";
import { describeRequirement } from "./describe.js";

const MAX_SUGGESTIONS = 3;
const MAX_LISTED_PATTERNS = 5;

export interface SuggestionSource {
  explanation: PolicyExplanation;
  statements: readonly Statement[];
}

function quotedPatterns(patterns: readonly string[]): string {
  const shown = patterns.slice(0, MAX_LISTED_PATTERNS).map((p) => JSON.stringify(p));
  if (patterns.length > MAX_LISTED_PATTERNS)
    shown.push(`… (${patterns.length - MAX_LISTED_PATTERNS} more)`);
  return shown.join(", ");
}

/** Allow statements whose action matches, ranked by how little they miss. */
export function buildSuggestions(sources: readonly SuggestionSource[]): Suggestion[] {
  const candidates: { suggestion: Suggestion; order: number; rank: number }[] = [];
  let order = 0;
  for (const { explanation, statements } of sources) {
    for (const se of explanation.statements) {
      order++;
      if (se.effect !== "Allow" || se.applies || !se.action.matched) continue;
      const statement = statements.find((s) => s.index === se.statementIndex);
      if (statement === undefined) continue;
      const missing: string[] = [];
      if (se.resource !== undefined && !se.resource.matched) {
        missing.push(
          se.resource.element === "Resource"
            ? `the resource matched one of ${quotedPatterns(statement.resource!.patterns)}`
            : `the resource were not ${JSON.stringify(se.resource.matchedPattern)}`,
        );
      }
      if (se.principal !== undefined && !se.principal.matched)
        missing.push("the principal were named in the statement's Principal");
      se.conditions.forEach((c, i) => {
        if (!c.matched) {
          const condition = statement.conditions[i]!;
          missing.push(
            c.reason?.startsWith("cannot be evaluated")
              ? `${describeRequirement(condition)} (${c.reason})`
              : describeRequirement(condition),
          );
        }
      });
      if (missing.length === 0) continue;
      const resourceMissed = se.resource !== undefined && !se.resource.matched;
      candidates.push({
        rank: missing.length + (resourceMissed ? 0.5 : 0),
        order,
        suggestion: {
          policyType: explanation.policyType,
          policyIndex: explanation.policyIndex,
          ...(explanation.policyName !== undefined ? { policyName: explanation.policyName } : {}),
          statementIndex: se.statementIndex,
          ...(se.sid !== undefined ? { sid: se.sid } : {}),
          ...(se.line !== undefined ? { line: se.line } : {}),
          missing,
        },
      });
    }
  }
  candidates.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return candidates.slice(0, MAX_SUGGESTIONS).map((c) => c.suggestion);
}
