// The words of `iamspec check`: a PASS/FAIL headline, then each finding with its scope, its
// conditions, the statement that grants it and the reason. Also used by @iamspec/testing's
// failure messages, so that a test failure reads as the CLI does.
import type {
  AccessNotGrantedResult,
  NoNewAccessResult,
  NoPublicAccessResult,
} from "@iamspec/core";
import type { Paint } from "./colour.js";
import { formatCondition, formatScopeTarget, formatStatementRef } from "./access-text.js";

/** Actions listed per finding in text; the rest are counted (JSON has them all). */
const MAX_ACTIONS = 12;

function headline(pass: boolean, check: string, subject: string, out: Paint): string {
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
  out: Paint,
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
  out: Paint,
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
  out: Paint,
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

export interface SarifFinding {
  ruleId: string;
  file: string;
  statementIndex: number;
  message: string;
}

const RULES: Record<string, string> = {
  NO_NEW_ACCESS: "The new policy allows a request the old one does not",
  ACCESS_GRANTED: "The policy may allow a listed action on a listed resource",
  PUBLIC_ACCESS: "The resource policy grants access to anyone",
};

export function checkSarif(findings: readonly SarifFinding[], version: string): string {
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort();
  return JSON.stringify(
    {
      $schema: "https://json.schemastore.org/sarif-2.1.0.json",
      version: "2.1.0",
      runs: [
        {
          tool: {
            driver: {
              name: "iamspec",
              version,
              informationUri: "https://github.com/iamspec/iamspec",
              rules: ruleIds.map((id) => ({
                id,
                name: id,
                shortDescription: { text: RULES[id] ?? id },
                defaultConfiguration: { level: "error" },
              })),
            },
          },
          results: findings.map((f) => ({
            ruleId: f.ruleId,
            ruleIndex: ruleIds.indexOf(f.ruleId),
            level: "error",
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: f.file.replace(/\\/g, "/").replace(/^\.\//, "") },
                },
                logicalLocations: [
                  { fullyQualifiedName: `$.Statement[${f.statementIndex}]`, kind: "member" },
                ],
              },
            ],
          })),
        },
      ],
    },
    null,
    2,
  );
}
