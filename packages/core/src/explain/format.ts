// formatExplanation: the plain-text rendering of a result that the CLI and the web page both show.
import type { EvaluationOutcome } from "../types.js";
import { describePolicy, describeStatement } from "./describe.js";

function location(e: { path?: string; line?: number; column?: number; source?: string }): string {
  const parts: string[] = [];
  if (e.source !== undefined) parts.push(e.source);
  if (e.line !== undefined)
    parts.push(`line ${e.line}${e.column !== undefined ? `, column ${e.column}` : ""}`);
  if (e.path !== undefined) parts.push(e.path);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

/** Renders a decision, its deciding statements, notes and (when present) the explanation, as text. */
export function formatExplanation(outcome: EvaluationOutcome): string {
  const lines: string[] = [];
  const id = outcome.id !== undefined ? ` [${String(outcome.id)}]` : "";
  if ("error" in outcome) {
    return `Error${id}: ${outcome.error.message}${location(outcome.error)}`;
  }
  lines.push(`Decision${id}: ${outcome.decision}`);
  if (outcome.explain !== undefined) lines.push(`Why: ${outcome.explain.summary}`);
  if (outcome.decidedBy.length > 0) {
    lines.push("Decided by:");
    for (const d of outcome.decidedBy) lines.push(`  ${d.effect} — ${describeStatement(d)}`);
  }
  if (outcome.notes !== undefined && outcome.notes.length > 0) {
    lines.push("Notes:");
    for (const n of outcome.notes) lines.push(`  ${n.code}: ${n.message}`);
  }
  const explain = outcome.explain;
  if (explain !== undefined) {
    if (explain.suggestions !== undefined && explain.suggestions.length > 0) {
      lines.push("Nearest statements:");
      for (const s of explain.suggestions) {
        lines.push(`  ${describeStatement(s)} would allow it if:`);
        for (const m of s.missing) lines.push(`    - ${m}`);
      }
    }
    for (const policy of explain.policies) {
      lines.push(`${describePolicy(policy)}:`);
      for (const s of policy.statements) {
        const sid = s.sid !== undefined && s.sid !== "" ? ` ${s.sid}` : "";
        const line = s.line !== undefined ? ` (line ${s.line})` : "";
        lines.push(
          `  [${s.statementIndex}]${sid} ${s.effect}${line}: ${s.applies ? "applies" : `does not apply — ${s.firstFailure ?? "no match"}`}`,
        );
        if (!s.action.matched) continue;
        for (const c of s.conditions) {
          const request =
            c.requestValues === undefined
              ? "absent"
              : c.requestValues.map((v) => JSON.stringify(v)).join(", ");
          const policyValues = c.policyValues.map((v) => JSON.stringify(v)).join(", ");
          lines.push(
            `      ${c.matched ? "✓" : "✗"} ${c.operator} ${c.key}: policy ${policyValues}; request ${request}${c.reason !== undefined ? ` — ${c.reason}` : ""}`,
          );
        }
      }
    }
  }
  return lines.join("\n");
}
