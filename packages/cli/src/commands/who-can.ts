// `iamspec who-can` and `iamspec who-can-assume`: questions over a real account's authorization
// details (`aws iam get-account-authorization-details`, one page or several) and its optional
// inputs (SCPs, RCPs, resource policies: input/account-input.ts). AWS managed policies the files do
// not include come from the bundled ones.
import { AccountQueryError, formatCondition, whoCan, whoCanAssume } from "@iamspec/core";
import type { DecidingStatement, EvaluationResult, WhoCanEntry, WhoCanResult } from "@iamspec/core";
import type { CommandLine } from "../args.js";
import { booleanFlag, stringFlag } from "../args.js";
import type { CliCommand } from "../command.js";
import { formatArg } from "../command.js";
import { inputError, usageError } from "../errors.js";
import { contextOption } from "../evaluation/context-flags.js";
import {
  ACCOUNT_NOTES,
  ACCOUNT_REPEATABLE,
  accountArgs,
  readAccount,
} from "../input/account-input.js";
import { writeLine } from "../io.js";
import type { Io } from "../io.js";
import type { Paint } from "../output/colour.js";
import { decisionColour, formatResultText } from "../output/result-text.js";

/** `policy[Sid]`, or `policy[#index]` for a statement without a Sid. */
function statementRefs(statements: readonly DecidingStatement[]): string {
  return statements
    .map(
      (d) =>
        `${d.policyName ?? `${d.policyType} #${d.policyIndex}`}${d.sid !== undefined ? `[${d.sid}]` : `[#${d.statementIndex}]`}`,
    )
    .join(", ");
}

function entryLine(entry: WhoCanEntry, paint: Paint): string {
  const by = statementRefs(entry.decidedBy);
  const decision = decisionColour(entry.decision, paint);
  const uncertain = entry.uncertain
    ? paint.yellow(` (uncertain: ${entry.otherDecision} under the other reading)`)
    : "";
  const parts = [`${decision}${uncertain}`, `${entry.kind.padEnd(4)} ${entry.principal}`];
  if (by) parts.push(paint.dim(`by ${by}`));
  else if (entry.kind === "root" && entry.decision === "Allowed")
    parts.push(paint.dim("the root user needs no identity policy"));
  const external = entry.external;
  if (external !== undefined) {
    if (external.conditions.length > 0)
      parts.push(paint.dim(`when ${external.conditions.map(formatCondition).join(" and ")}`));
    if (external.mayBeDeniedBy !== undefined)
      parts.push(paint.dim(`may be denied by ${statementRefs(external.mayBeDeniedBy)}`));
    parts.push(paint.dim(`not in the input: ${external.unknown}`));
  }
  if (entry.reason !== undefined && entry.decision !== "Allowed")
    parts.push(paint.dim(entry.reason));
  return `  ${parts.join("  ")}`;
}

function writeResult(result: WhoCanResult, format: string, io: Io): void {
  if (format === "json") {
    writeLine(io.stdout, JSON.stringify(result, null, 2));
    return;
  }
  if (format === "ndjson") {
    for (const entry of result.principals) writeLine(io.stdout, JSON.stringify(entry));
    return;
  }
  const allowed = result.principals.filter((p) => p.decision === "Allowed").length;
  const maybe = result.principals.filter(
    (p) => p.decision !== "Allowed" && p.otherDecision === "Allowed",
  ).length;
  writeLine(
    io.stdout,
    `${result.action} on ${result.resource}: ${allowed} of ${result.evaluated} principals allowed${maybe > 0 ? `, ${maybe} more under an uncertain reading` : ""}`,
  );
  for (const entry of result.principals) {
    writeLine(io.stdout, entryLine(entry, io.out));
    if (entry.explain !== undefined) {
      const text = formatResultText(entry as EvaluationResult, io.out);
      writeLine(io.stdout, text.replace(/^(?=.)/gm, "      "));
    }
  }
}

function runQuery(query: () => WhoCanResult): WhoCanResult {
  try {
    return query();
  } catch (error) {
    if (error instanceof AccountQueryError) throw inputError(error.message);
    throw error;
  }
}

const commonExamples = "aws iam get-account-authorization-details > account.json";

/** The options both queries take: request context, which principals to list, and the output. */
const queryArgs = {
  context: {
    type: "string",
    valueHint: "key=value",
    description: "Context key (repeat a key for a list; key:=<json> for a typed value)",
  },
  denied: { type: "boolean", description: "Also list the denied principals and why" },
  explain: {
    type: "boolean",
    description: "Explain each decision statement by statement (the denied principals too)",
  },
  format: formatArg(["text", "json", "ndjson"]),
} as const;

/** `--denied` lists the denied principals with the reason; `--explain` explains every answer, theirs too. */
function answerOptions(line: CommandLine): { includeDenied: boolean; explain: boolean } {
  const explain = booleanFlag(line, "explain");
  return { includeDenied: booleanFlag(line, "denied") || explain, explain };
}

export const whoCanCommand: CliCommand = {
  definition: {
    meta: {
      name: "who-can",
      description:
        "Which principals of an account (users, roles, root user), or outside it, may do an action on a resource",
    },
    args: {
      ...accountArgs,
      action: { type: "string", valueHint: "service:Action", description: "The action" },
      resource: { type: "string", valueHint: "arn", description: "The resource ARN (default *)" },
      ...queryArgs,
    },
  },
  repeatable: [...ACCOUNT_REPEATABLE, "context"],
  examples: [
    [commonExamples, "save the account's users, groups, roles and policies (one file or pages)"],
    [
      "iamspec who-can --account account.json --action s3:GetObject --resource arn:aws:s3:::payroll/2026.csv",
      "who may read the object (identity policies only: the bucket policy is unknown)",
    ],
    [
      "iamspec who-can --account account.json --organization org.json --resource-policy arn:aws:s3:::payroll=bucket-policy.json --action s3:GetObject --resource arn:aws:s3:::payroll/2026.csv",
      "with the SCP and RCP levels and the bucket policy (it answers for the bucket's objects)",
    ],
    [
      "iamspec who-can --account page1.json --account page2.json --action iam:PassRole --resource arn:aws:iam::111122223333:role/admin --denied --format ndjson",
      "every principal, one JSON line each",
    ],
  ],
  notes: ACCOUNT_NOTES,
  async run(line, io) {
    const format = stringFlag(line, "format") ?? "text";
    const action = stringFlag(line, "action");
    if (action === undefined) throw usageError("give --action");
    const resource = stringFlag(line, "resource");
    const account = await readAccount(line, io);
    const result = runQuery(() =>
      whoCan(
        account,
        { action, ...(resource !== undefined && { resource }), ...contextOption(line) },
        answerOptions(line),
      ),
    );
    writeResult(result, format, io);
    return 0;
  },
};

export const whoCanAssumeCommand: CliCommand = {
  definition: {
    meta: {
      name: "who-can-assume",
      description:
        "Which principals of an account, or outside it, may assume a role (identity and trust policy)",
    },
    args: {
      role: { type: "positional", valueHint: "role-arn", description: "The role's ARN" },
      ...accountArgs,
      ...queryArgs,
    },
  },
  repeatable: [...ACCOUNT_REPEATABLE, "context"],
  examples: [
    [
      "iamspec who-can-assume --account account.json arn:aws:iam::111122223333:role/deployer",
      "who may call sts:AssumeRole on the role",
    ],
    [
      "iamspec who-can-assume --account account.json --scp full-aws-access.json --scp deny-sts.json --context sts:ExternalId=partner-123 arn:aws:iam::111122223333:role/deployer",
      "with the account's SCPs (one level), and the external id a partner account would pass",
    ],
  ],
  notes: ACCOUNT_NOTES,
  async run(line, io) {
    const format = stringFlag(line, "format") ?? "text";
    const roleArn = line.positionals[0]!;
    if (line.positionals.length > 1) throw usageError("give one ROLE_ARN");
    const account = await readAccount(line, io);
    const result = runQuery(() => {
      try {
        return whoCanAssume(account, roleArn, { ...answerOptions(line), ...contextOption(line) });
      } catch (error) {
        if (error instanceof AccountQueryError || !(error instanceof Error)) throw error;
        throw inputError(error.message);
      }
    });
    writeResult(result, format, io);
    return 0;
  },
};
