// REDUNDANT_STATEMENT: two statements that grant or deny exactly the same thing (Sid aside).
import type { ValidationContext } from "./context.js";
import { jsonValueFromNode } from "../json/index.js";
import type { LocatedStatement } from "../policy/located-policy.js";

/** Order-insensitive form: object keys sorted, one-element lists equal to their scalar, lists sorted. */
function canonical(value: unknown, foldCase: boolean): string {
  if (Array.isArray(value)) {
    const items = [...new Set(value.map((v) => canonical(v, foldCase)))].sort();
    return items.length === 1 ? items[0]! : `[${items.join(",")}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .map(
        (k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k], foldCase)}`,
      );
    return `{${entries.join(",")}}`;
  }
  const text = JSON.stringify(typeof value === "string" && foldCase ? value.toLowerCase() : value);
  return text ?? "null";
}

function statementKey(statement: LocatedStatement): string {
  const parts: string[] = [];
  for (const [name, member] of [...statement.elements.entries()].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    if (name === "Sid") continue;
    // Action names are case-insensitive (docs/evaluation-rules.md §2); everything else compares exactly.
    const foldCase = name === "Action" || name === "NotAction";
    const value = mergedValue(statement, name) ?? jsonValueFromNode(member.value);
    parts.push(`${name}=${canonical(value, foldCase)}`);
  }
  return parts.join("|");
}

/** Duplicated Action/Resource keys merge (docs/evaluation-rules.md §1.7); use the merged list for comparison. */
function mergedValue(statement: LocatedStatement, name: string): string[] | undefined {
  const list =
    name === "Action"
      ? statement.action
      : name === "NotAction"
        ? statement.notAction
        : name === "Resource"
          ? statement.resource
          : name === "NotResource"
            ? statement.notResource
            : undefined;
  if (!list || list.members.length < 2) return undefined;
  return list.items.map((i) => i.value);
}

export function checkRedundantStatements(
  ctx: ValidationContext,
  statements: LocatedStatement[],
): void {
  const seen = new Map<string, LocatedStatement>();
  for (const statement of statements) {
    const key = statementKey(statement);
    const first = seen.get(key);
    if (first)
      ctx.report(
        "REDUNDANT_STATEMENT",
        statement.loc,
        `Statement ${statement.index}${statement.sid ? ` (${statement.sid})` : ""} repeats statement ${first.index}${first.sid ? ` (${first.sid})` : ""}.`,
        "Remove one of them.",
      );
    else seen.set(key, statement);
  }
}
