// `iamspec can`: every action (of the bundled IAM service data) a user or role of the account may
// perform, grouped by service and access level; with --all, the whole account's access matrix as
// NDJSON, in shards (--shard i/n) and over worker threads (--jobs).
import {
  AccountQueryError,
  CanQueryError,
  accessMatrix,
  can,
  parseAccessLevel,
  parseShard,
} from "@iamspec/core";
import type { AccessLevel, Account, IamServiceData, Shard } from "@iamspec/core";
import { booleanFlag, jobsFlag, listFlag, stringFlag } from "../args.js";
import type { CommandLine } from "../args.js";
import type { CliCommand } from "../command.js";
import { formatArg } from "../command.js";
import { inputError, usageError } from "../errors.js";
import { writeAccessMatrix } from "../evaluation/access-matrix.js";
import type { MatrixQuery } from "../evaluation/access-matrix.js";
import { matrixLines } from "../evaluation/access-matrix.js";
import { contextOption } from "../evaluation/context-flags.js";
import { loadServiceData } from "../input/bundled.js";
import { writeLine } from "../io.js";
import type { Io } from "../io.js";
import { formatCanText } from "../output/can-text.js";
import {
  ACCOUNT_NOTES,
  ACCOUNT_REPEATABLE,
  accountArgs,
  readAccount,
} from "../input/account-input.js";

/** A bad question (principal, service, access level, shard) or an unevaluable policy: exit 2. */
async function answer<T>(question: () => T | Promise<T>): Promise<T> {
  try {
    return await question();
  } catch (error) {
    if (error instanceof CanQueryError || error instanceof AccountQueryError)
      throw inputError(error.message);
    throw error;
  }
}

function accessLevelsOf(line: CommandLine): AccessLevel[] | undefined {
  const given = listFlag(line, "access-level");
  if (given.length === 0) return undefined;
  return given.map((text) => {
    const level = parseAccessLevel(text);
    if (level === undefined)
      throw usageError(
        `--access-level must be one of List, Read, Write, Permissions-management, Tagging (got "${text}")`,
      );
    return level;
  });
}

/** The flags that apply only to --all, and the format: NDJSON is the matrix's only shape. */
function checkMode(line: CommandLine, principal: string | undefined, all: boolean): void {
  if (principal === undefined && !all)
    throw usageError("give --principal ARN, or --all for the whole account's access matrix");
  if (principal !== undefined && all) throw usageError("give --principal or --all, not both");
  for (const flag of ["shard", "jobs"])
    if (!all && stringFlag(line, flag) !== undefined)
      throw usageError(`--${flag} applies to --all (the access matrix)`);
  const format = stringFlag(line, "format");
  if (all && format !== undefined && format !== "ndjson")
    throw usageError("--all streams NDJSON: --format ndjson (its default)");
}

async function bundledServiceData(): Promise<IamServiceData> {
  const data = await loadServiceData();
  if (data === undefined)
    throw inputError("the IAM service data (@iamspec/policies) is not installed: can needs it");
  return data;
}

/** Whether an input of the account is read from stdin (`-`), which worker threads cannot read again. */
function readsStdin(line: CommandLine): boolean {
  const inputs = [
    ...ACCOUNT_REPEATABLE.flatMap((flag) => listFlag(line, flag)),
    stringFlag(line, "organization"),
  ];
  return inputs.some((value) => value === "-" || value?.endsWith("=-") === true);
}

/** --jobs: worker threads read the inputs again, so not from stdin. */
function matrixJobs(line: CommandLine): number | "auto" {
  const jobs = jobsFlag(line);
  if (!readsStdin(line)) return jobs;
  if (jobs === "auto") return 1;
  if (jobs > 1)
    throw usageError(
      "--jobs reads the account's inputs again in each worker thread: give them as files, not stdin (-)",
    );
  return jobs;
}

async function writeMatrix(
  account: Account,
  serviceData: IamServiceData,
  query: MatrixQuery,
  jobs: number | "auto",
  line: CommandLine,
  io: Io,
): Promise<void> {
  const progress = io.stderr.isTTY
    ? (done: number, total: number, finished: boolean) =>
        io.stderr.write(finished ? "\r\u001B[K" : `\r${done} of ${total} principals…`)
    : undefined;
  await answer(() =>
    writeAccessMatrix({
      account,
      serviceData,
      query,
      jobs,
      line,
      stdout: io.stdout,
      ...(progress !== undefined && { progress }),
    }),
  );
}

export const canCommand: CliCommand = {
  definition: {
    meta: {
      name: "can",
      description:
        "Every action a user, role or root user of an account may perform; --all: the access matrix",
    },
    args: {
      ...accountArgs,
      principal: {
        type: "string",
        valueHint: "arn",
        description: "The user's, role's or root user's ARN",
      },
      all: {
        type: "boolean",
        description:
          "Every principal of the account: one NDJSON line per (principal, action) allowed",
      },
      service: {
        type: "string",
        valueHint: "prefix",
        description: "Only this service, e.g. s3 (repeatable)",
      },
      "access-level": {
        type: "string",
        valueHint: "level",
        description: "Only List, Read, Write, Permissions-management or Tagging (repeatable)",
      },
      resource: {
        type: "string",
        valueHint: "arn",
        description: "Ask about this resource: only the actions it is a resource of (default *)",
      },
      context: {
        type: "string",
        valueHint: "key=value",
        description: "Context key (repeat a key for a list; key:=<json> for a typed value)",
      },
      shard: {
        type: "string",
        valueHint: "i/n",
        description: "With --all: only shard i of n (principals in ARN order, split in n runs)",
      },
      jobs: {
        type: "string",
        valueHint: "n",
        description: "With --all: worker threads, a number or auto (one per core, up to 4)",
      },
      format: formatArg(["text", "json", "ndjson"], "Output format (--all: ndjson)"),
    },
  },
  repeatable: [...ACCOUNT_REPEATABLE, "service", "access-level", "context"],
  examples: [
    [
      "iamspec can --account account.json --principal arn:aws:iam::111122223333:role/deployer",
      "every action the role may perform, by service and access level",
    ],
    [
      "iamspec can --account account.json --principal arn:aws:iam::111122223333:user/alice --service s3 --access-level write --resource arn:aws:s3:::payroll/2026.csv",
      "the S3 writes she may make on that object",
    ],
    [
      "iamspec can --account account.json --all --shard 3/8 --jobs auto > matrix-3.ndjson",
      "the third of eight shards of the account's access matrix, on every core",
    ],
  ],
  notes: [
    "Actions come from the bundled IAM service data; each is asked about * unless --resource is given, then only the actions whose resource types that ARN fits.",
    "The root user (arn:aws:iam::ACCOUNT:root) is a principal too; principals outside the account are not (who-can lists them).",
    "An action marked ? is uncertain: allowed under one reading of what AWS documents only.",
    "--all writes principals in ARN order; shard i/n takes the i-th of n runs of them, so cat matrix-1.ndjson … matrix-n.ndjson is the unsharded output.",
    ...ACCOUNT_NOTES,
  ],
  async run(line, io) {
    const principal = stringFlag(line, "principal");
    const all = booleanFlag(line, "all");
    checkMode(line, principal, all);
    const shardFlag = stringFlag(line, "shard");
    const shard: Shard | undefined =
      shardFlag !== undefined ? await answer(() => parseShard(shardFlag)) : undefined;
    const services = listFlag(line, "service");
    const accessLevel = accessLevelsOf(line);
    const resource = stringFlag(line, "resource");
    const query = {
      ...(services.length > 0 && { service: services }),
      ...(accessLevel !== undefined && { accessLevel }),
      ...(resource !== undefined && { resource }),
      ...contextOption(line),
    };
    const jobs = all ? matrixJobs(line) : 1;
    const serviceData = await bundledServiceData();
    const account = await readAccount(line, io);
    if (all) {
      await writeMatrix(
        account,
        serviceData,
        { ...query, ...(shard && { shard }) },
        jobs,
        line,
        io,
      );
      return 0;
    }
    const format = stringFlag(line, "format") ?? "text";
    if (format === "ndjson") {
      const rows = await answer(() => [
        ...accessMatrix(account, { ...query, serviceData, principals: [principal!] }),
      ]);
      io.stdout.write(matrixLines(rows).text);
      return 0;
    }
    const result = await answer(() => can(account, principal!, { ...query, serviceData }));
    if (format === "json") writeLine(io.stdout, JSON.stringify(result, null, 2));
    else writeLine(io.stdout, formatCanText(result, io.out));
    return 0;
  },
};
