// The words of the access checks, shared by `iamspec check` and @iamspec/testing's failure
// messages: a PASS/FAIL headline, then each finding with its scope, conditions, statement and
// reason. Colour is the caller's (`paint`); without it, plain text.
import type { AccessNotGrantedResult, NoNewAccessResult } from "./checks.js";
import type { NoPublicAccessResult } from "./public-access.js";
import type { AccessCondition } from "./types.js";

/** Colours for the check text; each defaults to plain text. */
export interface CheckPaint {
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const plain: CheckPaint = {
  red: (t) => t,
  green: (t) => t,
  yellow: (t) => t,
  dim: (t) => t,
  bold: (t) => t,
};

/** A condition in one line: `StringEquals aws:ResourceTag/CreatedBy "EC2 Image Builder"`. */
export function formatCondition(condition: AccessCondition): string {
  const values = condition.values.map((value) => JSON.stringify(value));
  return `${condition.operator} ${condition.key} ${values.length === 1 ? values[0] : `[${values.join(", ")}]`}`;
}

/** A statement by its Sid, else by its index. */
export function formatStatementRef(statementIndex: number, sid: string | undefined): string {
  return sid ? sid : `Statement[${statementIndex}]`;
}

/** Where an access entry applies (resources, principals, NotAction), one line each. */
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

/** Actions listed per finding in text; the rest are counted (JSON has them all). */
const MAX_ACTIONS = 12;

function headline(pass: boolean, check: string, subject: string, out: CheckPaint = plain): string {
  const word = pass ? out.green("PASS") : out.red("FAIL");
  return `${word} ${out.bold(check)} ${subject}`;
}

function actionLines(
  sign: string,
  actions: readonly string[],
  paint: (t: string) => string,
): string[] {
  const lines = actions.slice(0, MAX_ACTIONS).map((action) => paint(`${sign} ${action}`));
  if (actions.length > MAX_ACTIONS)
    lines.push(`  … and ${actions.length - MAX_ACTIONS} more actions`);
  return lines;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function formatNoNewAccess(
  names: { old: string; new: string },
  result: NoNewAccessResult,
  out: CheckPaint = plain,
): string {
  const lines = [
    headline(result.result === "PASS", "no-new-access", `${names.old} -> ${names.new}`, out),
    "",
  ];
  if (result.newAccess.length === 0) {
    lines.push(
      `${names.new} allows no request that ${names.old} does not (actions of the IAM data of ${result.serviceDataDate})`,
    );
    return lines.join("\n");
  }
  for (const access of result.newAccess) {
    lines.push(...actionLines("+", access.actions, out.green));
    for (const target of formatScopeTarget(access)) lines.push(`    on ${target}`);
    for (const condition of access.conditions) lines.push(`    when ${formatCondition(condition)}`);
    lines.push(
      `    granted by ${formatStatementRef(access.statement.statementIndex, access.statement.sid)}`,
    );
    lines.push(`    ${out.yellow(access.reason)}: ${access.explanation}`);
  }
  const actions = new Set(result.newAccess.flatMap((a) => a.actions)).size;
  lines.push("", `${plural(result.newAccess.length, "new grant")} (${plural(actions, "action")})`);
  return lines.join("\n");
}

export function formatAccessNotGranted(
  policy: string,
  actions: readonly string[],
  resources: readonly string[],
  result: AccessNotGrantedResult,
  out: CheckPaint = plain,
): string {
  const subject = `${policy}: ${actions.join(", ")} on ${resources.length > 0 ? resources.join(", ") : "any resource"}`;
  const lines = [headline(result.result === "PASS", "access-not-granted", subject, out), ""];
  if (result.granted.length === 0) {
    lines.push(`${policy} allows none of these actions on these resources`);
    return lines.join("\n");
  }
  for (const grant of result.granted) {
    lines.push(...actionLines("!", grant.actions, out.red));
    for (const target of formatScopeTarget(grant)) lines.push(`    on ${target}`);
    for (const condition of grant.conditions) lines.push(`    when ${formatCondition(condition)}`);
    lines.push(`    meets ${grant.listedResources.join(", ")}`);
    lines.push(`    ${grant.explanation}`);
  }
  return lines.join("\n");
}

export function formatNoPublicAccess(
  policy: string,
  result: NoPublicAccessResult,
  out: CheckPaint = plain,
): string {
  const lines = [
    headline(
      result.result === "PASS",
      "no-public-access",
      `${policy} as ${result.resourceType}`,
      out,
    ),
    "",
  ];
  for (const grant of result.publicGrants) {
    lines.push(...actionLines("!", grant.actions, out.red));
    for (const target of formatScopeTarget(grant)) lines.push(`    on ${target}`);
    lines.push(`    to ${grant.principal}`);
    for (const condition of grant.conditions) lines.push(`    when ${formatCondition(condition)}`);
    lines.push(`    in ${formatStatementRef(grant.statement.statementIndex, grant.statement.sid)}`);
    lines.push(`    ${grant.explanation}`);
    for (const { condition, why } of grant.ignoredConditions)
      lines.push(out.dim(`    not counted: ${formatCondition(condition)} (${why})`));
  }
  if (result.restrictedBy.length > 0) {
    if (result.publicGrants.length > 0) lines.push("");
    lines.push("not public because of:");
    for (const restriction of result.restrictedBy)
      lines.push(
        `  ${formatCondition(restriction.condition)} in ${formatStatementRef(restriction.statement.statementIndex, restriction.statement.sid)}`,
        out.dim(`    ${restriction.source}`),
      );
  }
  if (result.publicGrants.length === 0 && result.restrictedBy.length === 0)
    lines.push(
      `${policy} grants access to no one outside named accounts, services or identity providers`,
    );
  return lines.join("\n");
}
