// Shared wording for access entries (list and diff): conditions and scopes in one line each.
import type { AccessCondition } from "@iamspec/core";

export function formatCondition(condition: AccessCondition): string {
  const values = condition.values.map((value) => JSON.stringify(value));
  return `${condition.operator} ${condition.key} ${values.length === 1 ? values[0] : `[${values.join(", ")}]`}`;
}

export function formatStatementRef(statementIndex: number, sid: string | undefined): string {
  return sid ? sid : `Statement[${statementIndex}]`;
}

export function formatScopeTarget(scope: {
  resources?: readonly string[];
  resource?: string;
  notResources?: readonly string[];
  principals?: readonly string[];
  notPrincipals?: readonly string[];
  notActions?: readonly string[];
}): string[] {
  const lines: string[] = [];
  if (scope.resource !== undefined) lines.push(scope.resource);
  for (const resource of scope.resources ?? []) lines.push(resource);
  if (scope.notResources) lines.push(`every resource except ${scope.notResources.join(", ")}`);
  if (scope.principals) lines.push(`principal ${scope.principals.join(", ")}`);
  if (scope.notPrincipals) lines.push(`principal other than ${scope.notPrincipals.join(", ")}`);
  if (scope.notActions) lines.push(`(NotAction ${scope.notActions.join(", ")})`);
  if (lines.length === 0) lines.push("(no Resource element)");
  return lines;
}
