// parsePolicy: JSON text or a value -> the normalised AST of types.ts, with ERROR diagnostics for
// everything the policy grammar rejects (docs/evaluation-rules.md §1). Lints (warnings, suggestions) belong to
// validatePolicy; this file only reports what makes a policy unusable or ambiguous to evaluate.
import type { ParseOptions, ParseResult, Policy, PolicyVersion, Statement } from "../types.js";
import type { JsonNode } from "../json/types.js";
import { parseJson } from "../json/parse.js";
import { isJsonValueError, jsonNodeFromValue } from "../json/from-value.js";
import { POLICY_ELEMENTS } from "./grammar.js";
import { type Context, readEntries, readString, report, typeName } from "./element-reader.js";
import { readStatement } from "./read-statement.js";
import { readValidPolicy } from "./read-valid-policy.js";
import { TextCursor } from "../json/text-cursor.js";
import { MAX_JSON_LENGTH } from "../json/types.js";

/** Policies produced by this parser; any other Policy-shaped object is re-checked before evaluation. */
const parsedPolicies = new WeakSet<object>();

/** Records `policy` as one this parser made (for the fast paths that build it elsewhere). */
export function markParsed(policy: Policy): void {
  parsedPolicies.add(policy);
}

/** Whether `value` is a Policy returned by parsePolicy (and so known to be well-formed). */
export function isParsedPolicy(value: unknown): value is Policy {
  return typeof value === "object" && value !== null && parsedPolicies.has(value);
}

/** Parses a policy from a JsonNode tree (see `parseJson`). */
export function parsePolicyNode(root: JsonNode, options: ParseOptions = {}): ParseResult {
  const ctx: Context = {
    diagnostics: [],
    ...(options.source !== undefined ? { source: options.source } : {}),
  };
  if (root.type !== "object") {
    report(
      ctx,
      "DATA_TYPE_MISMATCH",
      `A policy document must be a JSON object, not ${typeName(root)}`,
      "$",
      root.loc,
    );
    return { ok: false, diagnostics: ctx.diagnostics };
  }
  const elements = readEntries(ctx, root, "$", POLICY_ELEMENTS, "a policy document");

  let version: PolicyVersion = "2008-10-17"; // the default when Version is absent (docs/evaluation-rules.md §1.2)
  const versionEntry = elements.get("Version");
  if (versionEntry !== undefined) {
    const text = readString(ctx, versionEntry, "$.Version");
    if (text === "2012-10-17" || text === "2008-10-17") version = text;
    else if (text !== undefined) {
      report(
        ctx,
        "INVALID_VERSION",
        `"Version" must be "2012-10-17" or "2008-10-17", not "${text}"`,
        "$.Version",
        versionEntry.value.loc,
        'Use "2012-10-17"',
      );
    }
  }
  let id: string | undefined;
  const idEntry = elements.get("Id");
  if (idEntry !== undefined) id = readString(ctx, idEntry, "$.Id");

  const statements: Statement[] = [];
  const statementEntry = elements.get("Statement");
  if (statementEntry === undefined) {
    report(ctx, "MISSING_STATEMENT", 'Policy has no "Statement"', "$", root.loc);
  } else {
    const value = statementEntry.value;
    if (value.type === "array") {
      if (value.items.length === 0) {
        report(ctx, "MISSING_STATEMENT", '"Statement" is empty', "$.Statement", value.loc);
      }
      value.items.forEach((item, i) => {
        const statement = readStatement(
          ctx,
          item,
          `$.Statement[${i}]`,
          i,
          version,
          options.policyType,
        );
        if (statement !== undefined) statements.push(statement);
      });
    } else {
      const statement = readStatement(ctx, value, "$.Statement", 0, version, options.policyType);
      if (statement !== undefined) statements.push(statement);
    }
  }

  if (ctx.diagnostics.length > 0) return { ok: false, diagnostics: ctx.diagnostics };
  const policy: Policy = {
    version,
    versionGiven: versionEntry !== undefined,
    ...(id !== undefined ? { id } : {}),
    statements,
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.source !== undefined ? { source: options.source } : {}),
  };
  parsedPolicies.add(policy);
  return { ok: true, policy, diagnostics: [] };
}

/**
 * The fast path for a document without errors: JSON.parse and one walk of the value, the text
 * followed alongside for positions (read-valid-policy.ts). Undefined sends the input to the full
 * parser, which builds a position-keeping tree and reports every error.
 */
function readValidInput(input: unknown, options: ParseOptions): Policy | undefined {
  if (typeof input !== "string") return readValidPolicy(input, undefined, options);
  // A byte-order mark is not JSON (the full parser skips it and keeps columns honest).
  if (input.length > MAX_JSON_LENGTH || input.charCodeAt(0) === 0xfeff) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(input);
  } catch {
    return undefined;
  }
  return readValidPolicy(value, new TextCursor(input), options);
}

/**
 * Parses a policy document given as JSON text or as a value (object) into the normalised AST.
 * Reports only grammar ERRORs (codes of docs/checks.md groups A–E; `ok: false` when there is any);
 * `validatePolicy` adds warnings and suggestions. Text input gives line/column on every diagnostic.
 */
export function parsePolicy(input: unknown, options: ParseOptions = {}): ParseResult {
  const valid = readValidInput(input, options);
  if (valid !== undefined) {
    parsedPolicies.add(valid);
    return { ok: true, policy: valid, diagnostics: [] };
  }
  let root: JsonNode;
  if (typeof input === "string") {
    const parsed = parseJson(input);
    if (!parsed.ok) {
      const { message, line, column } = parsed.error;
      return {
        ok: false,
        diagnostics: [
          {
            code: "JSON_SYNTAX_ERROR",
            severity: "ERROR",
            message,
            path: "$",
            line,
            column,
            ...(options.source !== undefined ? { source: options.source } : {}),
          },
        ],
      };
    }
    root = parsed.root;
  } else {
    try {
      root = jsonNodeFromValue(input);
    } catch (error) {
      if (!isJsonValueError(error)) throw error;
      return {
        ok: false,
        diagnostics: [
          {
            code: "DATA_TYPE_MISMATCH",
            severity: "ERROR",
            message: error.message,
            path: error.path,
            ...(options.source !== undefined ? { source: options.source } : {}),
          },
        ],
      };
    }
  }
  return parsePolicyNode(root, options);
}
