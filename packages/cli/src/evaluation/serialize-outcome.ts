// NDJSON output without JSON.stringify on the hot path. A result of core has its fields in a fixed
// order (id, decision, decidedBy, notes: EvaluationResult in core's types), and its deciding
// statements are frozen objects shared by every result of one compiled policy: each is serialized
// once and found again by identity. The text is the same that JSON.stringify gives (tested).
import type { DecidingStatement, EvaluationOutcome } from "@iamspec/core";

/** Deciding statement -> its JSON text (weak: a statement's text lives as long as the statement). */
export type StatementCache = WeakMap<DecidingStatement, string>;

export function createStatementCache(): StatementCache {
  return new WeakMap();
}

export function serializeOutcome(outcome: EvaluationOutcome, cache: StatementCache): string {
  // Uncertain results (rare) carry their readings: JSON.stringify writes them in core's order.
  if ("error" in outcome || outcome.explain !== undefined || outcome.uncertain !== undefined)
    return JSON.stringify(outcome);
  const id = outcome.id;
  let text =
    id === undefined
      ? '{"decision":"'
      : `{"id":${typeof id === "number" && Number.isFinite(id) ? String(id) : JSON.stringify(id)},"decision":"`;
  text += `${outcome.decision}","decidedBy":[`;
  const statements = outcome.decidedBy;
  for (let i = 0; i < statements.length; i++) {
    if (i > 0) text += ",";
    text += statementJson(statements[i]!, cache);
  }
  text += "]";
  if (outcome.notes !== undefined) text += `,"notes":${JSON.stringify(outcome.notes)}`;
  return `${text}}`;
}

function statementJson(statement: DecidingStatement, cache: StatementCache): string {
  let json = cache.get(statement);
  if (json === undefined) {
    json = JSON.stringify(statement);
    // Only frozen statements (core's own) are cached: a statement that can change is not.
    if (Object.isFrozen(statement)) cache.set(statement, json);
  }
  return json;
}
