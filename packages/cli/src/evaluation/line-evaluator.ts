// Answers one NDJSON request line with one result line. Synchronous unless a line brings
// policies not seen before (an await per line would cost more than the evaluation itself).
// Engines for lines' own `policies` are kept in a small LRU keyed by their JSON text.
import { compile, expectationFailure, jsonPathAppend, parseJson } from "@iamspec/core";
import type { JsonNode, JsonObjectEntry } from "@iamspec/core";
import type {
  Engine,
  EvaluateOptions,
  EvaluationOutcome,
  ExpectedDecision,
  PolicySet,
} from "@iamspec/core";
import {
  findImpreciseNumber,
  impreciseMessage,
  losesPrecision,
  mayHoldImpreciseNumber,
} from "../input/exact-numbers.js";
import type { ImpreciseNumber } from "../input/exact-numbers.js";
import type { PolicyResolver } from "./policy-set.js";
import { resolvePolicySet } from "./policy-set.js";
import { MAX_LINE_BYTES } from "./read-lines.js";
import type { LineProblem } from "./read-lines.js";
import { createOutcomeBytesCache, writeOutcome } from "./serialize-outcome.js";
import type { OutcomeBytesCache } from "./serialize-outcome.js";
import type { ResultBytes } from "./result-bytes.js";

const ENGINE_CACHE_SIZE = 64;

export interface LineEvaluatorOptions {
  /** Policies from flags, for lines that have none of their own. */
  defaultPolicies: PolicySet | undefined;
  resolver: PolicyResolver;
  evaluateOptions: EvaluateOptions;
  expect?: ExpectedDecision;
  /** --allow-uncertain: an uncertain result meets --expect on its fail-safe decision alone. */
  allowUncertain?: boolean;
}

export interface LineCounts {
  /** Non-blank lines seen. */
  lines: number;
  /** Lines answered with an error. */
  errors: number;
  /** Decisions other than --expect. */
  mismatches: number;
}

export interface LineEvaluator {
  counts: LineCounts;
  /**
   * The result line for a request line; undefined for a blank line (no output). With `out`, an
   * ordinary result may be written there as bytes instead (then the answer is `true`).
   */
  answer(
    text: string,
    lineNumber: number,
    out?: ResultBytes,
  ): string | Promise<string> | true | undefined;
  /** The error line for a line that cannot be read: too long, or not UTF-8. */
  unreadable(problem: LineProblem, lineNumber: number): string;
}

interface CompiledEngine {
  engine: Engine;
  bytes: OutcomeBytesCache;
}

export function createLineEvaluator(options: LineEvaluatorOptions): LineEvaluator {
  const counts: LineCounts = { lines: 0, errors: 0, mismatches: 0 };
  const { evaluateOptions, expect } = options;
  const defaultEngine: CompiledEngine | undefined = options.defaultPolicies
    ? {
        engine: compile(options.defaultPolicies),
        bytes: createOutcomeBytesCache(),
      }
    : undefined;
  const engines = new Map<string, CompiledEngine | Error>();

  const errorLine = (id: string | number | undefined, error: Record<string, unknown>): string => {
    counts.errors++;
    return JSON.stringify(id === undefined ? { error } : { id, error });
  };

  const buildEngine = async (key: string, policies: unknown): Promise<CompiledEngine | Error> => {
    let built: CompiledEngine | Error;
    try {
      built = {
        engine: compile(await resolvePolicySet(policies, options.resolver)),
        bytes: createOutcomeBytesCache(),
      };
    } catch (error) {
      built = error as Error;
    }
    if (engines.size >= ENGINE_CACHE_SIZE) engines.delete(engines.keys().next().value!);
    engines.set(key, built);
    return built;
  };

  const decide = (
    compiled: CompiledEngine | Error | undefined,
    request: object,
    id: string | number | undefined,
    lineNumber: number,
    out: ResultBytes | undefined,
  ): string | true => {
    if (compiled === undefined) {
      return errorLine(id, {
        message: 'no policies: give --policy or a "policies" field',
        line: lineNumber,
      });
    }
    if (compiled instanceof Error) {
      const path = (compiled as { jsonPath?: string }).jsonPath;
      const message = (compiled as { bareMessage?: string }).bareMessage ?? compiled.message;
      return errorLine(id, { message, line: lineNumber, ...(path !== undefined && { path }) });
    }
    let outcome: EvaluationOutcome;
    try {
      outcome = compiled.engine.evaluate(
        request as Parameters<Engine["evaluate"]>[0],
        evaluateOptions,
      );
    } catch (error) {
      return errorLine(id, { message: (error as Error).message, line: lineNumber });
    }
    if ("error" in outcome) {
      counts.errors++;
      return JSON.stringify({ ...outcome, error: { ...outcome.error, line: lineNumber } });
    }
    if (
      expect !== undefined &&
      expectationFailure(outcome, expect, options.allowUncertain === true) !== undefined
    )
      counts.mismatches++;
    if (out !== undefined && writeOutcome(outcome, compiled.bytes, out)) return true;
    // The rare lines answered as text (the first of a new policy set, and those writeOutcome leaves).
    return JSON.stringify(outcome);
  };

  return {
    counts,
    unreadable(problem, lineNumber) {
      counts.lines++;
      const message =
        problem.problem === "overlong"
          ? `line is longer than ${MAX_LINE_BYTES} bytes`
          : "line is not valid UTF-8";
      return errorLine(undefined, { message, line: lineNumber });
    },
    answer(text, lineNumber, out) {
      let request: unknown;
      try {
        request = JSON.parse(text);
      } catch {
        if (text.trim() === "") return undefined;
        counts.lines++;
        const parsed = parseJson(text);
        const message = parsed.ok
          ? "invalid JSON"
          : `invalid JSON: ${lowerFirst(parsed.error.message)}`;
        // The id still names the line when it comes first and is whole.
        const leading = leadingId(text);
        return withExactId(
          errorLine(leading?.id, {
            message,
            line: lineNumber,
            ...(!parsed.ok && { column: parsed.error.column }),
          }),
          leading?.id,
          leading?.raw,
        );
      }
      counts.lines++;
      const record =
        typeof request === "object" && request !== null && !Array.isArray(request)
          ? (request as { id?: unknown; policies?: unknown })
          : undefined;
      const id =
        record !== undefined && (typeof record.id === "string" || typeof record.id === "number")
          ? record.id
          : undefined;
      // A number that a double rounds: in the id it is echoed as written (the id only names the
      // line); anywhere else it is refused, since a condition on it could decide wrongly.
      let rawId: string | undefined;
      if (mayHoldImpreciseNumber(text)) {
        const parsed = parseJson(text);
        if (parsed.ok) {
          const found = findImpreciseOutsideId(parsed.root);
          rawId = found.rawId;
          const imprecise = found.imprecise;
          if (imprecise) {
            return withExactId(
              errorLine(id, {
                message: impreciseMessage(imprecise.raw),
                line: lineNumber,
                column: imprecise.column,
                path: imprecise.path,
              }),
              id,
              rawId,
            );
          }
        }
      }
      if (record === undefined) {
        return errorLine(undefined, {
          message: "a request must be a JSON object",
          line: lineNumber,
        });
      }
      // A line whose id is rewritten (below) is answered as text.
      if (rawId === undefined) return answerRequest(record, id, lineNumber, out);
      const answered = answerRequest(record, id, lineNumber, undefined) as string | Promise<string>;
      return typeof answered === "string"
        ? withExactId(answered, id, rawId)
        : answered.then((line) => withExactId(line, id, rawId));
    },
  };

  function answerRequest(
    record: { id?: unknown; policies?: unknown },
    id: string | number | undefined,
    lineNumber: number,
    out: ResultBytes | undefined,
  ): string | Promise<string> | true {
    if (record.policies === undefined) return decide(defaultEngine, record, id, lineNumber, out);
    // The engine holds the line's policies (names resolved); the request must not override them.
    const { policies, ...withoutPolicies } = record;
    let key: string;
    try {
      key = JSON.stringify(policies);
    } catch {
      // JSON.parse accepts nesting that JSON.stringify cannot walk back (a stack overflow).
      return errorLine(id, {
        message: "policies are nested too deeply",
        line: lineNumber,
        path: "$.policies",
      });
    }
    const cached = engines.get(key);
    if (cached === undefined) {
      // Answered later: as text, which the batch adds in order.
      return buildEngine(key, policies).then(
        (built) => decide(built, withoutPolicies, id, lineNumber, undefined) as string,
      );
    }
    return decide(cached, withoutPolicies, id, lineNumber, out);
  }
}

/**
 * The first number that a double does not hold exactly, outside the request's top-level `id`; and
 * the id's own text when it is such a number.
 */
function findImpreciseOutsideId(root: JsonNode): {
  imprecise: ImpreciseNumber | undefined;
  rawId: string | undefined;
} {
  if (root.type !== "object") return { imprecise: findImpreciseNumber(root), rawId: undefined };
  let rawId: string | undefined;
  for (const entry of root.entries) {
    if (entry.key === "id") {
      // JSON.parse keeps the last of repeated keys.
      rawId =
        entry.value.type === "number" && losesPrecision(entry.value.raw)
          ? entry.value.raw
          : undefined;
      continue;
    }
    const imprecise = findImpreciseNumber(entry.value, jsonPathAppend("$", entry.key));
    if (imprecise) return { imprecise, rawId: idAfter(root, entry, rawId) };
  }
  return { imprecise: undefined, rawId };
}

/** The raw id when the last `id` entry (the one JSON.parse keeps) is an imprecise number. */
function idAfter(
  root: Extract<JsonNode, { type: "object" }>,
  from: JsonObjectEntry,
  rawId: string | undefined,
): string | undefined {
  let raw = rawId;
  for (let i = root.entries.indexOf(from) + 1; i < root.entries.length; i++) {
    const entry = root.entries[i]!;
    if (entry.key !== "id") continue;
    raw =
      entry.value.type === "number" && losesPrecision(entry.value.raw)
        ? entry.value.raw
        : undefined;
  }
  return raw;
}

/** A line starting with `{"id": <string or number>,` that is not JSON as a whole: that id. */
const LEADING_ID =
  /^\s*\{\s*"id"\s*:\s*("(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\s*,/;

function leadingId(text: string): { id: string | number; raw: string | undefined } | undefined {
  const match = LEADING_ID.exec(text);
  if (match === null) return undefined;
  const literal = match[1]!;
  const id = JSON.parse(literal) as string | number;
  return { id, raw: typeof id === "number" && losesPrecision(literal) ? literal : undefined };
}

/** The line with its id written as in the input (`raw`) when a double would round it. */
function withExactId(
  line: string,
  id: string | number | undefined,
  raw: string | undefined,
): string {
  if (raw === undefined || id === undefined) return line;
  const prefix = `{"id":${JSON.stringify(id)}`;
  return line.startsWith(prefix) ? `{"id":${raw}${line.slice(prefix.length)}` : line;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
