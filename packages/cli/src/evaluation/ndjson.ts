// `eval --input`: NDJSON requests in, one NDJSON result out per line, in order. Memory stays
// flat: the input is read in chunks, output is written per chunk with backpressure, a line
// longer than MAX_LINE_CHARS is answered with an error and skipped, and compiled engines are
// kept in a small LRU keyed by the line's `policies`.
import { createReadStream } from "node:fs";
import { once } from "node:events";
import { StringDecoder } from "node:string_decoder";
import { compile, parseJson } from "@iamspec/core";
import type { Engine, EvaluateOptions, EvaluationOutcome, PolicySet } from "@iamspec/core";
import { fileError } from "../input/read-text.js";
import type { PolicyResolver } from "./policy-set.js";
import { resolvePolicySet } from "./policy-set.js";
import type { ExpectedDecision } from "./expect.js";
import { matchesExpectation } from "./expect.js";

export const MAX_LINE_CHARS = 1024 * 1024;
const ENGINE_CACHE_SIZE = 64;

export interface NdjsonOptions {
  input: string;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  /** Progress for long runs; called about every quarter second. */
  progress?: (lines: number, done: boolean) => void;
  /** Policies from flags, for lines that have none of their own. */
  defaultPolicies: PolicySet | undefined;
  resolver: PolicyResolver;
  evaluateOptions: EvaluateOptions;
  expect?: ExpectedDecision;
}

export interface NdjsonSummary {
  lines: number;
  errors: number;
  mismatches: number;
}

type Line = { text: string; number: number; overlong: boolean };

export async function evaluateNdjson(options: NdjsonOptions): Promise<NdjsonSummary> {
  const summary: NdjsonSummary = { lines: 0, errors: 0, mismatches: 0 };
  const defaultEngine = options.defaultPolicies ? compile(options.defaultPolicies) : undefined;
  const engines = new Map<string, Engine | Error>();
  const { stdout, evaluateOptions } = options;
  let stream: NodeJS.ReadableStream;
  if (options.input === "-") {
    stream = options.stdin;
  } else {
    const file = createReadStream(options.input, { highWaterMark: 1 << 20 });
    await new Promise<void>((resolve, reject) => {
      file.once("open", () => resolve());
      file.once("error", (error) => reject(fileError(error, options.input)));
    });
    stream = file;
  }

  const buildEngine = async (key: string, policies: unknown): Promise<Engine | Error> => {
    let engine: Engine | Error;
    try {
      engine = compile(await resolvePolicySet(policies, options.resolver));
    } catch (error) {
      engine = error as Error;
    }
    if (engines.size >= ENGINE_CACHE_SIZE) engines.delete(engines.keys().next().value!);
    engines.set(key, engine);
    return engine;
  };

  // Synchronous unless a line brings policies not seen before: an await per line would cost
  // more than the evaluation itself.
  const answer = (line: Line): string | Promise<string> => {
    if (line.overlong) {
      return errorLine(undefined, {
        message: `line is longer than ${MAX_LINE_CHARS} characters`,
        line: line.number,
      });
    }
    let request: unknown;
    try {
      request = JSON.parse(line.text);
    } catch {
      const parsed = parseJson(line.text);
      const where = parsed.ok ? {} : { column: parsed.error.column };
      const message = parsed.ok
        ? "invalid JSON"
        : `invalid JSON: ${lowerFirst(parsed.error.message)}`;
      return errorLine(undefined, { message, line: line.number, ...where });
    }
    if (typeof request !== "object" || request === null || Array.isArray(request)) {
      return errorLine(undefined, {
        message: "a request must be a JSON object",
        line: line.number,
      });
    }
    const record = request as { id?: unknown; policies?: unknown };
    const id =
      typeof record.id === "string" || typeof record.id === "number" ? record.id : undefined;
    if (record.policies === undefined) return decide(defaultEngine, request, id, line.number);
    // The engine holds the line's policies (names resolved); the request must not override them.
    const { policies, ...withoutPolicies } = record;
    const key = JSON.stringify(policies);
    const cached = engines.get(key);
    if (cached === undefined) {
      return buildEngine(key, policies).then((engine) =>
        decide(engine, withoutPolicies, id, line.number),
      );
    }
    return decide(cached, withoutPolicies, id, line.number);
  };

  const decide = (
    engine: Engine | Error | undefined,
    request: unknown,
    id: string | number | undefined,
    lineNumber: number,
  ): string => {
    if (engine === undefined) {
      return errorLine(id, {
        message: 'no policies: give --policy or a "policies" field',
        line: lineNumber,
      });
    }
    if (engine instanceof Error) {
      const path = (engine as { jsonPath?: string }).jsonPath;
      const message = (engine as { bareMessage?: string }).bareMessage ?? engine.message;
      return errorLine(id, { message, line: lineNumber, ...(path !== undefined && { path }) });
    }
    let outcome: EvaluationOutcome;
    try {
      outcome = engine.evaluate(request as Parameters<Engine["evaluate"]>[0], evaluateOptions);
    } catch (error) {
      return errorLine(id, { message: (error as Error).message, line: lineNumber });
    }
    if ("error" in outcome) {
      summary.errors++;
      return JSON.stringify({ ...outcome, error: { ...outcome.error, line: lineNumber } });
    }
    if (options.expect && !matchesExpectation(outcome.decision, options.expect))
      summary.mismatches++;
    return JSON.stringify(outcome);
  };

  const errorLine = (id: string | number | undefined, error: Record<string, unknown>): string => {
    summary.errors++;
    return JSON.stringify(id === undefined ? { error } : { id, error });
  };

  const decoder = new StringDecoder("utf8");
  let pending = "";
  let skipping = false;
  let lineNumber = 0;
  let lastProgress = Date.now();

  const flush = async (out: string[]): Promise<void> => {
    if (out.length === 0) return;
    out.push("");
    if (!stdout.write(out.join("\n"))) await once(stdout, "drain");
  };

  const consume = async (chunkText: string, final: boolean): Promise<void> => {
    const out: string[] = [];
    let answered: string | Promise<string>;
    let start = 0;
    const text = pending + chunkText;
    pending = "";
    for (;;) {
      const newline = text.indexOf("\n", start);
      if (newline === -1) break;
      lineNumber++;
      if (skipping) {
        skipping = false;
        answered = answer({ text: "", number: lineNumber, overlong: true });
        out.push(typeof answered === "string" ? answered : await answered);
      } else {
        let lineText = text.slice(start, newline);
        if (lineText.endsWith("\r")) lineText = lineText.slice(0, -1);
        if (lineText.length > MAX_LINE_CHARS) {
          summary.lines++;
          answered = answer({ text: "", number: lineNumber, overlong: true });
          out.push(typeof answered === "string" ? answered : await answered);
        } else if (lineText.trim() !== "") {
          summary.lines++;
          answered = answer({ text: lineText, number: lineNumber, overlong: false });
          out.push(typeof answered === "string" ? answered : await answered);
        }
      }
      start = newline + 1;
    }
    const rest = text.slice(start);
    if (skipping) {
      // Still inside an overlong line: drop what we have, keep nothing.
    } else if (rest.length > MAX_LINE_CHARS) {
      skipping = true;
      summary.lines++;
    } else {
      pending = rest;
    }
    if (final) {
      if (skipping) {
        lineNumber++;
        answered = answer({ text: "", number: lineNumber, overlong: true });
        out.push(typeof answered === "string" ? answered : await answered);
      } else if (pending.trim() !== "") {
        lineNumber++;
        summary.lines++;
        answered = answer({
          text: pending.replace(/\r$/, ""),
          number: lineNumber,
          overlong: false,
        });
        out.push(typeof answered === "string" ? answered : await answered);
      }
      pending = "";
    }
    await flush(out);
    if (options.progress && Date.now() - lastProgress > 250) {
      lastProgress = Date.now();
      options.progress(lineNumber, false);
    }
  };

  for await (const chunk of stream) {
    await consume(typeof chunk === "string" ? chunk : decoder.write(chunk as Buffer), false);
  }
  await consume(decoder.end(), true);
  options.progress?.(lineNumber, true);
  return summary;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
