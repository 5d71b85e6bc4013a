// Human-readable evaluation results: the decision, the deciding statements, notes, and with
// --explain the statements that matched the action and what each one missed.
import type {
  DecidingStatement,
  EvaluationResult,
  Explanation,
  PolicyExplanation,
  StatementExplanation,
} from "@iamspec/core";
import type { Paint } from "./colour.js";

export function decisionColour(decision: string, paint: Paint): string {
  if (decision === "Allowed") return paint.green(decision);
  if (decision === "ExplicitlyDenied") return paint.red(decision);
  return paint.yellow(decision);
}

export function describeStatement(statement: DecidingStatement, paint: Paint): string {
  const level = statement.level !== undefined ? ` (level ${statement.level})` : "";
  const policy = `${statement.policyType} policy ${statement.policyName ?? `#${statement.policyIndex}`}${level}`;
  const sid = statement.sid ? ` ${paint.bold(statement.sid)}` : "";
  const line = statement.line !== undefined ? `, line ${statement.line}` : "";
  return `${policy}: Statement[${statement.statementIndex}]${sid} (${statement.effect}${line})`;
}

export function formatResultText(result: EvaluationResult, paint: Paint): string {
  const headline = paint.bold(decisionColour(result.decision, paint));
  const lines = [
    result.uncertain === true
      ? `${headline} ${paint.yellow("uncertain")}: ${decisionColour(result.otherDecision!, paint)} under the other reading`
      : headline,
  ];
  for (const statement of result.decidedBy)
    lines.push(`  decided by ${describeStatement(statement, paint)}`);
  if (result.decidedBy.length === 0 && result.decision === "ImplicitlyDenied") {
    lines.push(paint.dim("  no statement allows this request"));
  }
  for (const note of result.notes ?? [])
    lines.push(`  ${paint.yellow("note")} ${note.message} ${paint.dim(`[${note.code}]`)}`);
  for (const reading of result.readings ?? []) {
    lines.push(
      `  ${paint.yellow("reading")} ${reading.code} at ${reading.where}; the other reading: ${reading.otherReading} ${paint.dim(`[${reading.source}]`)}`,
    );
  }
  if (result.explain) lines.push("", formatExplanation(result.explain, paint));
  return lines.join("\n");
}

export function formatExplanation(explanation: Explanation, paint: Paint): string {
  const lines = [explanation.summary];
  for (const policy of explanation.policies) lines.push("", ...formatPolicy(policy, paint));
  if (explanation.suggestions && explanation.suggestions.length > 0) {
    lines.push("", paint.bold("To be allowed, the request would need:"));
    for (const suggestion of explanation.suggestions) {
      const sid = suggestion.sid ? ` ${suggestion.sid}` : "";
      const where = `${suggestion.policyName ?? suggestion.policyType} Statement[${suggestion.statementIndex}]${sid}`;
      lines.push(`  ${where}:`);
      for (const missing of suggestion.missing) lines.push(`    - ${missing}`);
    }
  }
  return lines.join("\n");
}

function formatPolicy(policy: PolicyExplanation, paint: Paint): string[] {
  const level = policy.level !== undefined ? ` (level ${policy.level})` : "";
  const header = `${policy.policyType} policy ${policy.policyName ?? `#${policy.policyIndex}`}${level}`;
  const lines = [paint.bold(header)];
  // Statements whose action does not match say nothing about this request: count them only.
  const relevant = policy.statements.filter((s) => s.action.matched);
  for (const statement of relevant) lines.push(...formatStatement(statement, paint));
  const skipped = policy.statements.length - relevant.length;
  if (skipped > 0) {
    lines.push(
      paint.dim(`  ${skipped} other statement${skipped === 1 ? "" : "s"} do not match the action`),
    );
  }
  return lines;
}

function formatStatement(statement: StatementExplanation, paint: Paint): string[] {
  const mark = statement.applies ? paint.green("✓") : paint.red("✗");
  const sid = statement.sid ? ` ${statement.sid}` : "";
  const line = statement.line !== undefined ? paint.dim(` line ${statement.line}`) : "";
  const verdict = statement.applies
    ? `applies (${statement.effect})`
    : (statement.firstFailure ?? "does not apply");
  const lines = [`  ${mark} Statement[${statement.statementIndex}]${sid}${line}: ${verdict}`];
  for (const condition of statement.conditions) {
    const got =
      condition.requestValues === undefined ? "absent" : JSON.stringify(condition.requestValues);
    const tick = condition.matched ? paint.green("✓") : paint.red("✗");
    lines.push(
      `      ${tick} ${condition.operator} ${condition.key} ${JSON.stringify(condition.policyValues)} — request: ${got}` +
        (condition.reason && !condition.matched ? paint.dim(` (${condition.reason})`) : ""),
    );
  }
  return lines;
}
