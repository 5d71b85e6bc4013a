// NDJSON output without JSON.stringify on the hot path: the deciding statements of one engine
// are few and repeat on every line, so each is serialized once and reused (a cache belongs to
// one engine, where type, index, level and statement index identify a statement). The result is the
// same JSON text that JSON.stringify gives (same keys, same order).
import type { DecidingStatement, EvaluationOutcome } from "@iamspec/core";

/** Per policy type: a number made of level, policy index and statement index -> JSON text. */
export type StatementCache = Map<string, Map<number, string>>;

export function serializeOutcome(outcome: EvaluationOutcome, cache: StatementCache): string {
  if ("error" in outcome || outcome.explain !== undefined) return JSON.stringify(outcome);
  let text = "{";
  for (const key in outcome) {
    if (text.length > 1) text += ",";
    if (key === "decidedBy") {
      text += '"decidedBy":[';
      const statements = outcome.decidedBy;
      for (let i = 0; i < statements.length; i++) {
        if (i > 0) text += ",";
        text += statementJson(statements[i]!, cache);
      }
      text += "]";
    } else if (key === "decision") {
      text += `"decision":"${outcome.decision}"`;
    } else {
      const value = (outcome as unknown as Record<string, unknown>)[key];
      if (value === undefined) {
        if (text.endsWith(",")) text = text.slice(0, -1);
        continue;
      }
      text += `${JSON.stringify(key)}:${JSON.stringify(value)}`;
    }
  }
  return `${text}}`;
}

function statementJson(statement: DecidingStatement, cache: StatementCache): string {
  // A number key, not a string: no allocation per line on the hot path.
  const key =
    ((statement.level ?? 0) * 65536 + statement.policyIndex) * 1048576 + statement.statementIndex;
  let byType = cache.get(statement.policyType);
  if (byType === undefined) {
    byType = new Map();
    cache.set(statement.policyType, byType);
  }
  let json = byType.get(key);
  if (json === undefined) {
    json = JSON.stringify(statement);
    byType.set(key, json);
  }
  return json;
}
