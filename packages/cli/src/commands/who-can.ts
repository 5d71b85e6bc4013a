// `iamspec who-can` and `iamspec who-can-assume`: questions over a real account's authorization
// details (`aws iam get-account-authorization-details`, one page or several). AWS managed policies
// the files do not include come from the bundled ones.
import { AccountError, AccountQueryError, loadAccount, whoCan, whoCanAssume } from "@iamspec/core";
import type {
  Account,
  AccountPage,
  EvaluationResult,
  ManagedPolicyLoader,
  PolicyDocument,
  WhoCanEntry,
  WhoCanResult,
} from "@iamspec/core";
import { booleanFlag, listFlag, stringFlag } from "../args.js";
import type { CliCommand } from "../command.js";
import { formatArg } from "../command.js";
import { inputError, usageError } from "../errors.js";
import { parseContextFlags } from "../evaluation/context-flags.js";
import { loadCatalog } from "../input/bundled.js";
import { parseJsonDocument } from "../input/json-text.js";
import type { ParsedDocument } from "../input/json-text.js";
import { readText } from "../input/read-text.js";
import { writeLine } from "../io.js";
import type { Io } from "../io.js";
import type { Paint } from "../output/colour.js";
import { decisionColour, formatResultText } from "../output/result-text.js";

/** A whole account's details can run to tens of megabytes. */
const ACCOUNT_LIMIT_BYTES = 256 * 1024 * 1024;

export const accountArg = {
  type: "string",
  valueHint: "file",
  description:
    "Output of aws iam get-account-authorization-details (repeatable: pages are merged; - for stdin)",
} as const;

/** The bundled AWS managed policies, by ARN (any partition), with the corpus date. */
async function bundledLoader(): Promise<ManagedPolicyLoader | undefined> {
  const catalog = await loadCatalog();
  if (!catalog) return undefined;
  const corpusDate = catalog.policyCatalog
    .map((p) => p.updatedAt?.slice(0, 10) ?? "")
    .reduce((a, b) => (b > a ? b : a), "");
  return {
    async load(arn) {
      const policy = await catalog.loadPolicy(arn.replace(/^arn:[^:]+:/, "arn:aws:"));
      return policy?.document as PolicyDocument | undefined;
    },
    ...(corpusDate !== "" && { corpusDate }),
  };
}

export async function readAccount(
  line: Parameters<CliCommand["run"]>[0],
  io: Io,
): Promise<Account> {
  const files = listFlag(line, "account");
  if (files.length === 0)
    throw usageError(
      "give --account FILE (the output of aws iam get-account-authorization-details)",
    );
  if (files.filter((f) => f === "-").length > 1)
    throw usageError("stdin (-) can be read only once");
  const pages: AccountPage[] = [];
  const documents = new Map<string, ParsedDocument>();
  for (const file of files) {
    const { text, name } = await readText(file, io.stdin, ACCOUNT_LIMIT_BYTES);
    const document = parseJsonDocument(text, name);
    documents.set(name, document);
    pages.push({ name, data: document.value });
  }
  const loader = await bundledLoader();
  try {
    return await loadAccount(pages, loader ? { awsManagedPolicies: loader } : {});
  } catch (error) {
    if (!(error instanceof AccountError)) throw error;
    const file = error.source;
    const located = file !== undefined ? documents.get(file)?.locate(error.path) : undefined;
    throw inputError(error.bareMessage, {
      ...(file !== undefined && { file }),
      ...located,
      path: error.path,
    });
  }
}

function entryLine(entry: WhoCanEntry, paint: Paint): string {
  const by = entry.decidedBy
    .map(
      (d) =>
        `${d.policyName ?? `${d.policyType} #${d.policyIndex}`}${d.sid !== undefined ? `[${d.sid}]` : `[#${d.statementIndex}]`}`,
    )
    .join(", ");
  const decision = decisionColour(entry.decision, paint);
  const uncertain = entry.uncertain
    ? paint.yellow(` (uncertain: ${entry.otherDecision} under the other reading)`)
    : "";
  const parts = [`${decision}${uncertain}`, `${entry.kind.padEnd(4)} ${entry.principal}`];
  if (by) parts.push(paint.dim(`by ${by}`));
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
  explain: { type: "boolean", description: "Explain each decision statement by statement" },
  format: formatArg(["text", "json", "ndjson"]),
} as const;

export const whoCanCommand: CliCommand = {
  definition: {
    meta: {
      name: "who-can",
      description: "Which users and roles of an account may do an action on a resource",
    },
    args: {
      account: accountArg,
      action: { type: "string", valueHint: "service:Action", description: "The action" },
      resource: { type: "string", valueHint: "arn", description: "The resource ARN (default *)" },
      ...queryArgs,
    },
  },
  repeatable: ["account", "context"],
  examples: [
    [commonExamples, "save the account's users, groups, roles and policies (one file or pages)"],
    [
      "iamspec who-can --account account.json --action s3:GetObject --resource arn:aws:s3:::payroll/2026.csv",
      "who may read the object (identity policies; the bucket policy is not read)",
    ],
    [
      "iamspec who-can --account page1.json --account page2.json --action iam:PassRole --resource arn:aws:iam::111122223333:role/admin --denied --format ndjson",
      "every principal, one JSON line each",
    ],
  ],
  notes: [
    "Users get their inline and attached policies and their groups'; users and roles their permissions boundary.",
    "For sts:AssumeRole* on a role of the account, the role's trust policy is the resource policy; otherwise resource policies are unknown.",
    "AWS managed policies the files do not include come from the bundled ones.",
  ],
  async run(line, io) {
    const format = stringFlag(line, "format") ?? "text";
    const action = stringFlag(line, "action");
    if (action === undefined) throw usageError("give --action");
    const resource = stringFlag(line, "resource");
    const contextFlags = listFlag(line, "context");
    const account = await readAccount(line, io);
    const result = runQuery(() =>
      whoCan(
        account,
        {
          action,
          ...(resource !== undefined && { resource }),
          ...(contextFlags.length > 0 && { context: parseContextFlags(contextFlags) }),
        },
        { includeDenied: booleanFlag(line, "denied"), explain: booleanFlag(line, "explain") },
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
        "Which users and roles of an account may assume a role (identity and trust policy)",
    },
    args: {
      role: { type: "positional", valueHint: "role-arn", description: "The role's ARN" },
      account: accountArg,
      ...queryArgs,
    },
  },
  repeatable: ["account", "context"],
  examples: [
    [
      "iamspec who-can-assume --account account.json arn:aws:iam::111122223333:role/deployer",
      "who may call sts:AssumeRole on the role",
    ],
  ],
  async run(line, io) {
    const format = stringFlag(line, "format") ?? "text";
    const roleArn = line.positionals[0]!;
    if (line.positionals.length > 1) throw usageError("give one ROLE_ARN");
    const contextFlags = listFlag(line, "context");
    const account = await readAccount(line, io);
    const result = runQuery(() => {
      try {
        return whoCanAssume(account, roleArn, {
          includeDenied: booleanFlag(line, "denied"),
          explain: booleanFlag(line, "explain"),
          ...(contextFlags.length > 0 && { context: parseContextFlags(contextFlags) }),
        });
      } catch (error) {
        if (error instanceof AccountQueryError || !(error instanceof Error)) throw error;
        throw inputError(error.message);
      }
    });
    writeResult(result, format, io);
    return 0;
  },
};
