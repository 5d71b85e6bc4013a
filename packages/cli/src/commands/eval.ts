// `iamspec eval`: one request from flags or --request, or many from --input (NDJSON).
import { dirname } from "node:path";
import { EXPECTED_DECISIONS, evaluate, expectationFailure } from "@iamspec/core";
import type {
  EvaluationOutcome,
  EvaluationRequest,
  ExpectedDecision,
  PolicyEntry,
  PolicySet,
} from "@iamspec/core";
import { booleanFlag, jobsFlag, listFlag, stringFlag } from "../args.js";
import type { CliCommand } from "../command.js";
import { formatArg } from "../command.js";
import { inputError, usageError } from "../errors.js";
import type { ExitCode } from "../errors.js";
import { parseContextFlags } from "../evaluation/context-flags.js";
import { evaluateNdjson } from "../evaluation/ndjson.js";
import {
  createPolicyResolver,
  loadCached,
  namedPolicyOf,
  resolvePolicySet,
} from "../evaluation/policy-set.js";
import type { PolicyResolver } from "../evaluation/policy-set.js";
import { parseJsonDocument } from "../input/json-text.js";
import type { ParsedDocument } from "../input/json-text.js";
import { readText } from "../input/read-text.js";
import { writeLine } from "../io.js";
import type { Io } from "../io.js";
import { describeOutcomeError } from "../output/outcome-error.js";
import { formatResultText } from "../output/result-text.js";

const layerFlags = {
  policy: "identity",
  "resource-policy": "resource",
  boundary: "boundary",
  "session-policy": "session",
  scp: "scp",
  rcp: "rcp",
} as const;

export const evalCommand: CliCommand = {
  definition: {
    meta: { name: "eval", description: "Decide whether a request is allowed, and why" },
    args: {
      policy: {
        type: "string",
        valueHint: "policy",
        description: "Identity policy: file, bundled name or ARN, Name@vN, or - (repeatable)",
      },
      "resource-policy": {
        type: "string",
        valueHint: "policy",
        description:
          "Resource-based policy (repeatable; given means the resource has exactly these)",
      },
      boundary: {
        type: "string",
        valueHint: "policy",
        description: "Permissions boundary (repeatable)",
      },
      "session-policy": {
        type: "string",
        valueHint: "policy",
        description: "Session policy (repeatable)",
      },
      scp: {
        type: "string",
        valueHint: "policy",
        description: "Service control policy, one level (repeatable)",
      },
      rcp: {
        type: "string",
        valueHint: "policy",
        description: "Resource control policy, one level (repeatable)",
      },
      action: {
        type: "string",
        valueHint: "service:Action",
        description: "The action, e.g. ec2:RunInstances",
      },
      resource: { type: "string", valueHint: "arn", description: "The resource ARN (default *)" },
      principal: {
        type: "string",
        valueHint: "arn",
        description: "Principal ARN, service principal, or anonymous",
      },
      context: {
        type: "string",
        valueHint: "key=value",
        description: "Context key (repeat a key for a list; key:=<json> for a typed value)",
      },
      request: {
        type: "string",
        valueHint: "file",
        description: "A request in the request format (JSON)",
      },
      input: {
        type: "string",
        valueHint: "file|-",
        description: "NDJSON requests, one result line out per line",
      },
      jobs: {
        type: "string",
        valueHint: "n",
        description:
          "Worker threads for large --input: a number, or auto (default: one per core, up to 4)",
      },
      explain: { type: "boolean", description: "Explain the decision statement by statement" },
      expect: {
        type: "enum",
        options: [...EXPECTED_DECISIONS],
        description: "Exit 1 unless the decision is this (Denied: either denial)",
      },
      "allow-uncertain": {
        type: "boolean",
        description:
          "With --expect: accept an uncertain result on its fail-safe decision alone (default: it fails unless the other reading's decision also matches)",
      },
      format: formatArg(["text", "json"]),
    },
  },
  repeatable: [...Object.keys(layerFlags), "context"],
  examples: [
    [
      "iamspec eval --policy EC2ImageBuilderExecutionPolicy --action ec2:RunInstances --resource arn:aws:ec2:us-east-1::image/ami-0abc",
      "decide one request against a bundled policy",
    ],
    [
      "iamspec eval --policy ./role.json --action iam:PassRole --resource arn:aws:iam::111122223333:role/R --context iam:PassedToService=ec2.amazonaws.com --explain",
      "explain why, statement by statement",
    ],
    [
      "iamspec eval --policy policy.json --context aws:TagKeys=a --context aws:TagKeys=b --context aws:MultiFactorAuthPresent:=true",
      "list and typed context values",
    ],
    [
      "iamspec eval --request request.json --expect Allowed",
      "a request file; exit 1 if not allowed",
    ],
    [
      "iamspec eval --policy EC2ImageBuilderExecutionPolicy --input requests.ndjson > results.ndjson",
      "many requests, streamed",
    ],
  ],
  notes: [
    'With --input, each line is a request in the request format; lines without "policies" use the policies given by flags.',
    'Output is one JSON result per line, in order; a bad line gets an {"error": {...}} line and the rest go on.',
  ],
  async run(line, io) {
    const format = stringFlag(line, "format") ?? "text";
    const explain = booleanFlag(line, "explain");
    const expect = stringFlag(line, "expect") as ExpectedDecision | undefined;
    const allowUncertain = booleanFlag(line, "allow-uncertain");
    if (allowUncertain && expect === undefined)
      throw usageError("--allow-uncertain applies to --expect: give --expect too");
    const resolver = createPolicyResolver(io.stdin);
    const stdinPolicy = Object.keys(layerFlags).some((flag) => listFlag(line, flag).includes("-"));
    for (const flag of ["request", "input"]) {
      if (stdinPolicy && stringFlag(line, flag) === "-")
        throw usageError(`stdin cannot be both --${flag} and a policy`);
    }
    const flagPolicies = await policiesFromFlags(line.lists, resolver);
    const input = stringFlag(line, "input");

    if (input !== undefined) {
      for (const flag of ["request", "action", "resource", "principal"]) {
        if (stringFlag(line, flag) !== undefined)
          throw usageError(`--${flag} cannot be combined with --input (each line is a request)`);
      }
      if (line.lists.context)
        throw usageError(
          "--context cannot be combined with --input (each line has its own context)",
        );
      const progress = io.stderr.isTTY
        ? (count: number, done: boolean) =>
            io.stderr.write(done ? "\r\u001B[K" : `\r${count.toLocaleString("en-US")} requests…`)
        : undefined;
      const summary = await evaluateNdjson({
        input,
        // One worker by default, to stay within a small memory budget: on 2 cores two workers
        // gave 1.6 times the throughput for nearly twice the resident memory (the bench in the
        // README). "auto": one per core, up to 4, once the input passes 2 MB.
        jobs: jobsFlag(line),
        stdin: io.stdin,
        stdout: io.stdout,
        defaultPolicies: flagPolicies,
        resolver,
        evaluateOptions: { explain },
        ...(expect !== undefined && { expect }),
        ...(allowUncertain && { allowUncertain }),
        ...(progress !== undefined && { progress }),
      });
      if (summary.errors > 0 || summary.mismatches > 0) {
        const parts = [
          summary.errors > 0
            ? `${summary.errors} of ${summary.lines} lines could not be evaluated`
            : "",
          summary.mismatches > 0
            ? `${summary.mismatches} decisions were not ${expect}${allowUncertain ? "" : " (or were uncertain)"}`
            : "",
        ].filter(Boolean);
        writeLine(io.stderr, `iamspec: ${parts.join("; ")}`);
        return 1;
      }
      return 0;
    }

    const { request, document, file } = await buildRequest(line, io, resolver, flagPolicies);
    let outcome: EvaluationOutcome;
    try {
      outcome = evaluate(request, { explain });
    } catch (error) {
      if (io.debug) throw error;
      throw inputError(`cannot evaluate: ${(error as Error).message}`, file ? { file } : {});
    }
    if ("error" in outcome) {
      if (format === "json") writeLine(io.stdout, JSON.stringify(outcome, null, 2));
      throw inputError(describeOutcomeError(outcome.error, file, document));
    }
    if (format === "json") {
      writeLine(io.stdout, JSON.stringify(outcome, null, 2));
    } else {
      writeLine(io.stdout, formatResultText(outcome, io.out));
    }
    const failure =
      expect !== undefined ? expectationFailure(outcome, expect, allowUncertain) : undefined;
    if (failure !== undefined) {
      writeLine(io.stderr, `iamspec: ${failure}`);
      return 1 as ExitCode;
    }
    return 0;
  },
};

async function policiesFromFlags(
  lists: Record<string, string[]>,
  resolver: PolicyResolver,
): Promise<PolicySet | undefined> {
  const set: Record<string, PolicyEntry[]> = {};
  let any = false;
  if (
    Object.keys(layerFlags)
      .flatMap((flag) => lists[flag] ?? [])
      .filter((spec) => spec === "-").length > 1
  ) {
    throw usageError("stdin (-) can be read only once");
  }
  for (const [flag, layer] of Object.entries(layerFlags)) {
    const specs = lists[flag];
    if (!specs || specs.length === 0) continue;
    any = true;
    set[layer] = await Promise.all(
      specs.map(async (spec) => namedPolicyOf(await loadCached(spec, resolver))),
    );
  }
  return any ? (set as PolicySet) : undefined;
}

interface BuiltRequest {
  request: EvaluationRequest;
  file?: string;
  document?: ParsedDocument;
}

async function buildRequest(
  line: Parameters<CliCommand["run"]>[0],
  io: Io,
  resolver: PolicyResolver,
  flagPolicies: PolicySet | undefined,
): Promise<BuiltRequest> {
  const requestFile = stringFlag(line, "request");
  const overrides: Partial<EvaluationRequest> = {};
  const action = stringFlag(line, "action");
  const resource = stringFlag(line, "resource");
  const principal = stringFlag(line, "principal");
  if (action !== undefined) overrides.action = action;
  if (resource !== undefined) overrides.resource = resource;
  if (principal !== undefined) overrides.principal = principal;
  const contextFlags = listFlag(line, "context");

  if (requestFile === undefined) {
    if (action === undefined)
      throw usageError("give --action (or --request FILE, or --input FILE)");
    if (!flagPolicies)
      throw usageError("give at least one policy: --policy, --resource-policy, --scp, ...");
    return {
      request: {
        ...overrides,
        action,
        ...(contextFlags.length > 0 && { context: parseContextFlags(contextFlags) }),
        policies: flagPolicies,
      },
    };
  }

  const { text, name } = await readText(requestFile, io.stdin);
  const document = parseJsonDocument(text, name, { exactNumbers: true });
  const raw = document.value;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw inputError("a request must be a JSON object", {
      file: name,
      line: 1,
      column: 1,
      path: "$",
    });
  }
  const record = raw as Record<string, unknown>;
  const fileResolver = {
    ...resolver,
    baseDirectory: requestFile === "-" ? io.cwd : dirname(requestFile),
  };
  let policies = flagPolicies;
  if (record.policies !== undefined) {
    try {
      policies = await resolvePolicySet(record.policies, fileResolver);
    } catch (error) {
      const path = (error as { jsonPath?: string }).jsonPath ?? "$.policies";
      const message = (error as { bareMessage?: string }).bareMessage ?? (error as Error).message;
      throw inputError(message, { file: name, ...document.locate(path), path });
    }
  }
  if (!policies)
    throw inputError('no policies: give --policy or a "policies" field', { file: name });
  const context = {
    ...(record.context as object | undefined),
    ...(contextFlags.length > 0 && parseContextFlags(contextFlags)),
  };
  const request = { ...record, ...overrides, policies } as EvaluationRequest;
  if (record.context !== undefined || contextFlags.length > 0)
    (request as { context?: unknown }).context = context;
  return { request, file: name, document };
}
