// Answers one NDJSON request line with one result line. Synchronous unless a line brings
// policies not seen before (an await per line would cost more than the evaluation itself).
// Engines for lines' own `policies` are kept in a small LRU keyed by their JSON text.
import { compile, expectationFailure, parseJson } from "@iamspec/core";
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
  mayHoldImpreciseNumber,
} from "../input/exact-numbers.js";
import type { PolicyResolver } from "./policy-set.js";
import { resolvePolicySet } from "./policy-set.js";
import { MAX_LINE_BYTES } from "./read-lines.js";
import type { LineProblem } from "./read-lines.js";
import { serializeOutcome } from "./serialize-outcome.js";
import type { StatementCache } from "./serialize-outcome.js";
import { createStatementCache } from "./serialize-outcome.js";

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
  /** The result line for a request line; undefined for a blank line (no output). */
  answer(text: string, lineNumber: number): string | Promise<string> | undefined;
  /** The error line for a line that cannot be read: too long, or not UTF-8. */
  unreadable(problem: LineProblem, lineNumber: number): string;
}

interface CompiledEngine {
  engine: Engine;
  statements: StatementCache;
}

export function createLineEvaluator(options: LineEvaluatorOptions): LineEvaluator {
  const counts: LineCounts = { lines: 0, errors: 0, mismatches: 0 };
  const { evaluateOptions, expect } = options;
  const defaultEngine: CompiledEngine | undefined = options.defaultPolicies
    ? { engine: compile(options.defaultPolicies), statements: createStatementCache() }
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
        statements: createStatementCache(),
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
  ): string => {
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
    return serializeOutcome(outcome, compiled.statements);
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
    answer(text, lineNumber) {
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
        return errorLine(undefined, {
          message,
          line: lineNumber,
          ...(!parsed.ok && { column: parsed.error.column }),
        });
      }
      counts.lines++;
      if (mayHoldImpreciseNumber(text)) {
        const parsed = parseJson(text);
        const imprecise = parsed.ok ? findImpreciseNumber(parsed.root) : undefined;
        if (imprecise) {
          return errorLine(undefined, {
            message: impreciseMessage(imprecise.raw),
            line: lineNumber,
            column: imprecise.column,
            path: imprecise.path,
          });
        }
      }
      if (typeof request !== "object" || request === null || Array.isArray(request)) {
        return errorLine(undefined, {
          message: "a request must be a JSON object",
          line: lineNumber,
        });
      }
      const record = request as { id?: unknown; policies?: unknown };
      const id =
        typeof record.id === "string" || typeof record.id === "number" ? record.id : undefined;
      if (record.policies === undefined) return decide(defaultEngine, request, id, lineNumber);
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
        return buildEngine(key, policies).then((built) =>
          decide(built, withoutPolicies, id, lineNumber),
        );
      }
      return decide(cached, withoutPolicies, id, lineNumber);
    },
  };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
