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
  const statements = outcome.decidedBy;
  // Most results are decided by no statement or by one: one template each, no intermediate strings.
  let decidedBy: string;
  if (statements.length === 0) decidedBy = "";
  else if (statements.length === 1) decidedBy = statementJson(statements[0]!, cache);
  else {
    decidedBy = statementJson(statements[0]!, cache);
    for (let i = 1; i < statements.length; i++)
      decidedBy += `,${statementJson(statements[i]!, cache)}`;
  }
  const notes = outcome.notes === undefined ? "" : `,"notes":${JSON.stringify(outcome.notes)}`;
  if (id === undefined)
    return `{"decision":"${outcome.decision}","decidedBy":[${decidedBy}]${notes}}`;
  const idText = typeof id === "number" && Number.isFinite(id) ? String(id) : JSON.stringify(id);
  return `{"id":${idText},"decision":"${outcome.decision}","decidedBy":[${decidedBy}]${notes}}`;
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
