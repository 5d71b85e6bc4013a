// parsePolicy: JSON text or a value -> the normalised AST of types.ts, with ERROR diagnostics for
// everything the policy grammar rejects (IAM-SEMANTICS §1). Lints (warnings, suggestions) belong to
// validatePolicy; this file only reports what makes a policy unusable or ambiguous to evaluate.
import type {
  Condition,
  ConditionValue,
  Diagnostic,
  Effect,
  ParseOptions,
  ParseResult,
  PatternList,
  Policy,
  PolicyType,
  PolicyVersion,
  PrincipalBlock,
  PrincipalEntry,
  PrincipalKind,
  SourceLocation,
  Statement,
} from "../types.js";
import type { JsonLoc, JsonNode, JsonObjectEntry } from "../json/types.js";
import { parseJson } from "../json/parse.js";
import { isJsonValueError, jsonNodeFromValue } from "../json/from-value.js";
import { jsonPathAppend } from "../json/path.js";
import { closestName } from "../closest-name.js";
import type { ParsedOperator } from "./operators.js";
import { parseOperator } from "./operators.js";
import { hasVariableSyntax, parseTemplate } from "./variables.js";
import {
  MISSING_RESOURCE_MESSAGE,
  POLICY_ELEMENTS,
  PRINCIPAL_KINDS,
  STATEMENT_ELEMENTS,
} from "./grammar.js";

/** Policy types whose statements never name a principal (§1.6). */
const NO_PRINCIPAL_TYPES: readonly PolicyType[] = ["identity", "boundary", "session", "scp"];
/** Policy types whose statements must name one (§1.6). */
const PRINCIPAL_REQUIRED_TYPES: readonly PolicyType[] = ["resource", "trust", "rcp"];
/** Role trust policies (and resource policies, which may be trust policies) apply to their own resource. */
const RESOURCE_OPTIONAL_TYPES: readonly PolicyType[] = ["resource", "trust"];

type ObjectNode = Extract<JsonNode, { type: "object" }>;

interface Context {
  diagnostics: Diagnostic[];
  source?: string;
}

function locOf(path: string, loc: JsonLoc): SourceLocation {
  return loc.line > 0 ? { path, line: loc.line, column: loc.column } : { path };
}

function report(
  ctx: Context,
  code: string,
  message: string,
  path: string,
  loc: JsonLoc,
  hint?: string,
): void {
  ctx.diagnostics.push({
    code,
    severity: "ERROR",
    message,
    ...locOf(path, loc),
    ...(hint !== undefined ? { hint } : {}),
    ...(ctx.source !== undefined ? { source: ctx.source } : {}),
  });
}

function typeName(node: JsonNode): string {
  return node.type === "object"
    ? "an object"
    : node.type === "array"
      ? "an array"
      : node.type === "null"
        ? "null"
        : `a ${node.type}`;
}

/** Reads an object's entries by name, reporting duplicates and (when `known` is given) unknown names. */
function readEntries(
  ctx: Context,
  node: ObjectNode,
  path: string,
  known: readonly string[] | undefined,
  what: string,
): Map<string, JsonObjectEntry> {
  const byName = new Map<string, JsonObjectEntry>();
  for (const entry of node.entries) {
    if (byName.has(entry.key)) {
      report(
        ctx,
        "DUPLICATE_ELEMENT",
        `Duplicate key "${entry.key}" in ${what}: AWS rejects new policies with duplicated elements`,
        jsonPathAppend(path, entry.key),
        entry.keyLoc,
        "Merge the values into one element",
      );
      continue;
    }
    byName.set(entry.key, entry);
    if (known !== undefined && !known.includes(entry.key)) {
      const fixed =
        known.find(
          (k) =>
            k.toLowerCase() === entry.key.toLowerCase() ||
            `${k}s`.toLowerCase() === entry.key.toLowerCase(),
        ) ?? closestName(entry.key, known);
      report(
        ctx,
        "INVALID_POLICY_ELEMENT",
        `"${entry.key}" is not an element of ${what}`,
        jsonPathAppend(path, entry.key),
        entry.keyLoc,
        fixed !== undefined ? `Did you mean "${fixed}"?` : `Valid elements: ${known.join(", ")}`,
      );
    }
  }
  return byName;
}

function readString(ctx: Context, entry: JsonObjectEntry, path: string): string | undefined {
  if (entry.value.type === "string") return entry.value.value;
  report(
    ctx,
    "DATA_TYPE_MISMATCH",
    `"${entry.key}" must be a string, not ${typeName(entry.value)}`,
    path,
    entry.value.loc,
  );
  return undefined;
}

/** `"x"` or `["x", …]` of strings; a one-element array and the bare string are equivalent (§1.1). */
function readPatternList(
  ctx: Context,
  entry: JsonObjectEntry,
  path: string,
): PatternList | undefined {
  const node = entry.value;
  if (node.type === "string") {
    return { patterns: [node.value], locs: [locOf(path, node.loc)], loc: locOf(path, node.loc) };
  }
  if (node.type !== "array") {
    report(
      ctx,
      "DATA_TYPE_MISMATCH",
      `"${entry.key}" must be a string or an array of strings, not ${typeName(node)}`,
      path,
      node.loc,
    );
    return undefined;
  }
  const patterns: string[] = [];
  const locs: SourceLocation[] = [];
  let ok = true;
  node.items.forEach((item, i) => {
    const itemPath = jsonPathAppend(path, i);
    if (item.type !== "string") {
      report(
        ctx,
        "DATA_TYPE_MISMATCH",
        `Each "${entry.key}" entry must be a string, not ${typeName(item)}`,
        itemPath,
        item.loc,
      );
      ok = false;
      return;
    }
    patterns.push(item.value);
    locs.push(locOf(itemPath, item.loc));
  });
  return ok ? { patterns, locs, loc: locOf(path, node.loc) } : undefined;
}

function hasPartialWildcard(value: string): boolean {
  return value !== "*" && (value.includes("*") || value.includes("?"));
}

function readPrincipal(
  ctx: Context,
  entry: JsonObjectEntry,
  path: string,
): PrincipalBlock | undefined {
  const node = entry.value;
  const loc = locOf(path, node.loc);
  if (node.type === "string") {
    if (node.value === "*") return { wildcard: true, entries: [], loc };
    report(
      ctx,
      "INVALID_PRINCIPAL_FORMAT",
      `"${entry.key}" must be "*" or an object such as {"AWS": "arn:aws:iam::111122223333:root"}`,
      path,
      node.loc,
    );
    return undefined;
  }
  // `"Principal": []` matches nobody (Access Analyzer EMPTY_ARRAY_PRINCIPAL, §1.8).
  if (node.type === "array" && node.items.length === 0)
    return { wildcard: false, entries: [], loc };
  if (node.type !== "object") {
    report(
      ctx,
      "INVALID_PRINCIPAL_FORMAT",
      `"${entry.key}" must be "*" or an object, not ${typeName(node)}`,
      path,
      node.loc,
    );
    return undefined;
  }
  const entries: PrincipalEntry[] = [];
  let ok = true;
  for (const [kindName, kindEntry] of readEntries(ctx, node, path, undefined, `"${entry.key}"`)) {
    const kindPath = jsonPathAppend(path, kindName);
    if (!PRINCIPAL_KINDS.includes(kindName as PrincipalKind)) {
      report(
        ctx,
        "INVALID_PRINCIPAL_KEY",
        `"${kindName}" is not a principal type`,
        kindPath,
        kindEntry.keyLoc,
        `Use one of ${PRINCIPAL_KINDS.join(", ")}`,
      );
      ok = false;
      continue;
    }
    const values = readPatternList(ctx, kindEntry, kindPath);
    if (values === undefined) {
      ok = false;
      continue;
    }
    values.patterns.forEach((value, i) => {
      const valueLoc = values.locs[i]!;
      if (hasPartialWildcard(value)) {
        ctx.diagnostics.push({
          code: "UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
          severity: "ERROR",
          message: `Principal "${value}" has a partial wildcard: only a whole "*" is allowed`,
          ...valueLoc,
          hint: 'Use "*" with an aws:PrincipalArn condition (ArnLike) instead',
          ...(ctx.source !== undefined ? { source: ctx.source } : {}),
        });
        ok = false;
        return;
      }
      entries.push({ kind: kindName as PrincipalKind, value, loc: valueLoc });
    });
  }
  return ok ? { wildcard: false, entries, loc } : undefined;
}

function conditionValue(node: JsonNode, path: string): ConditionValue | undefined {
  switch (node.type) {
    case "string":
      return { text: node.value, jsonType: "string", loc: locOf(path, node.loc) };
    case "number":
      return { text: node.raw, jsonType: "number", loc: locOf(path, node.loc) };
    case "boolean":
      return {
        text: node.value ? "true" : "false",
        jsonType: "boolean",
        loc: locOf(path, node.loc),
      };
    default:
      return undefined;
  }
}

/** Valid operator names are few and repeat in every statement: parse each once (results are only read). */
const operators = new Map<string, ParsedOperator>();

function operatorOf(name: string): ParsedOperator {
  let parsed = operators.get(name);
  if (parsed === undefined) {
    parsed = parseOperator(name);
    // Only valid names are kept, so the map is bounded by the operator grammar.
    if (parsed.ok) operators.set(name, parsed);
  }
  return parsed;
}

function readConditions(
  ctx: Context,
  entry: JsonObjectEntry,
  path: string,
  version: PolicyVersion,
): Condition[] | undefined {
  const node = entry.value;
  if (node.type !== "object") {
    report(
      ctx,
      "DATA_TYPE_MISMATCH",
      `"Condition" must be an object of operators, not ${typeName(node)}`,
      path,
      node.loc,
    );
    return undefined;
  }
  const conditions: Condition[] = [];
  let ok = true;
  for (const [operatorName, operatorEntry] of readEntries(
    ctx,
    node,
    path,
    undefined,
    '"Condition"',
  )) {
    const operatorPath = jsonPathAppend(path, operatorName);
    const parsed = operatorOf(operatorName);
    if (!parsed.ok) {
      report(ctx, parsed.code, parsed.message, operatorPath, operatorEntry.keyLoc, parsed.hint);
      ok = false;
      continue;
    }
    const block = operatorEntry.value;
    if (block.type !== "object") {
      report(
        ctx,
        "DATA_TYPE_MISMATCH",
        `"${operatorName}" must be an object of condition keys, not ${typeName(block)}`,
        operatorPath,
        block.loc,
      );
      ok = false;
      continue;
    }
    const seenLower = new Map<string, string>();
    for (const [key, keyEntry] of readEntries(
      ctx,
      block,
      operatorPath,
      undefined,
      `"${operatorName}"`,
    )) {
      const keyPath = jsonPathAppend(operatorPath, key);
      const lower = key.toLowerCase();
      const other = seenLower.get(lower);
      if (other !== undefined) {
        // Keys are case-insensitive, so the block is ambiguous (§1.7: reject it).
        report(
          ctx,
          "DUPLICATE_KEYS_WITH_DIFFERENT_CASE",
          `Condition key "${key}" repeats "${other}" with different case; keys are case-insensitive`,
          keyPath,
          keyEntry.keyLoc,
        );
        ok = false;
        continue;
      }
      seenLower.set(lower, key);
      const valueNode = keyEntry.value;
      const values: ConditionValue[] = [];
      const items = valueNode.type === "array" ? valueNode.items : [valueNode];
      items.forEach((item, i) => {
        const itemPath = valueNode.type === "array" ? jsonPathAppend(keyPath, i) : keyPath;
        const value = conditionValue(item, itemPath);
        if (value === undefined) {
          report(
            ctx,
            "DATA_TYPE_MISMATCH",
            `Condition values must be strings, numbers or booleans, not ${typeName(item)}`,
            itemPath,
            item.loc,
          );
          ok = false;
          return;
        }
        // Text without "${" has no variables (parseTemplate would return it whole): skip the parse.
        if (
          version === "2012-10-17" &&
          parsed.info.variables &&
          value.jsonType === "string" &&
          hasVariableSyntax(value.text)
        ) {
          const template = parseTemplate(value.text);
          if (!template.ok) {
            report(ctx, template.code, template.message, itemPath, item.loc);
            ok = false;
            return;
          }
        }
        values.push(value);
      });
      conditions.push({
        operator: operatorName,
        baseOperator: parsed.baseOperator,
        ...(parsed.qualifier !== undefined ? { qualifier: parsed.qualifier } : {}),
        ifExists: parsed.ifExists,
        key,
        values,
        loc: locOf(keyPath, keyEntry.keyLoc),
      });
    }
  }
  return ok ? conditions : undefined;
}

function checkResourceVariables(ctx: Context, list: PatternList, version: PolicyVersion): boolean {
  if (version !== "2012-10-17") return true;
  let ok = true;
  list.patterns.forEach((pattern, i) => {
    if (!hasVariableSyntax(pattern)) return;
    const template = parseTemplate(pattern);
    if (!template.ok) {
      const loc = list.locs[i]!;
      ctx.diagnostics.push({
        code: template.code,
        severity: "ERROR",
        message: template.message,
        ...loc,
        ...(ctx.source !== undefined ? { source: ctx.source } : {}),
      });
      ok = false;
    }
  });
  return ok;
}

function readStatement(
  ctx: Context,
  node: JsonNode,
  path: string,
  index: number,
  version: PolicyVersion,
  policyType: PolicyType | undefined,
): Statement | undefined {
  if (node.type !== "object") {
    report(
      ctx,
      "DATA_TYPE_MISMATCH",
      `A statement must be an object, not ${typeName(node)}`,
      path,
      node.loc,
    );
    return undefined;
  }
  const before = ctx.diagnostics.length;
  const elements = readEntries(ctx, node, path, STATEMENT_ELEMENTS, "a statement");
  const at = (name: string) => jsonPathAppend(path, name);
  const exclusive = (a: string, b: string) => {
    const second = elements.get(b);
    if (elements.has(a) && second !== undefined) {
      report(
        ctx,
        "UNSUPPORTED_ELEMENT_COMBINATION",
        `A statement cannot have both "${a}" and "${b}"`,
        at(b),
        second.keyLoc,
      );
    }
  };
  exclusive("Action", "NotAction");
  exclusive("Resource", "NotResource");
  exclusive("Principal", "NotPrincipal");

  let sid: string | undefined;
  const sidEntry = elements.get("Sid");
  if (sidEntry !== undefined) sid = readString(ctx, sidEntry, at("Sid"));

  let effect: Effect | undefined;
  const effectEntry = elements.get("Effect");
  if (effectEntry === undefined) {
    report(
      ctx,
      "MISSING_EFFECT",
      'Statement has no "Effect"',
      path,
      node.loc,
      'Add "Effect": "Allow" or "Effect": "Deny"',
    );
  } else {
    const text = readString(ctx, effectEntry, at("Effect"));
    if (text === "Allow" || text === "Deny") effect = text;
    else if (text !== undefined) {
      const fixed = ["Allow", "Deny"].find((e) => e.toLowerCase() === text.toLowerCase());
      report(
        ctx,
        "INVALID_EFFECT",
        `"Effect" must be exactly "Allow" or "Deny", not "${text}"`,
        at("Effect"),
        effectEntry.value.loc,
        fixed !== undefined ? `Effect is case-sensitive: write "${fixed}"` : undefined,
      );
    }
  }

  const list = (name: string) => {
    const entry = elements.get(name);
    return entry === undefined ? undefined : readPatternList(ctx, entry, at(name));
  };
  const action = list("Action");
  const notAction = list("NotAction");
  if (!elements.has("Action") && !elements.has("NotAction")) {
    report(ctx, "MISSING_ACTION", 'Statement has neither "Action" nor "NotAction"', path, node.loc);
  }
  const resource = list("Resource");
  const notResource = list("NotResource");
  if (
    !elements.has("Resource") &&
    !elements.has("NotResource") &&
    !(policyType !== undefined && RESOURCE_OPTIONAL_TYPES.includes(policyType))
  ) {
    report(ctx, "MISSING_RESOURCE", MISSING_RESOURCE_MESSAGE, path, node.loc);
  }
  if (resource !== undefined) checkResourceVariables(ctx, resource, version);
  if (notResource !== undefined) checkResourceVariables(ctx, notResource, version);

  const principalEntry = elements.get("Principal");
  const notPrincipalEntry = elements.get("NotPrincipal");
  const principal =
    principalEntry === undefined ? undefined : readPrincipal(ctx, principalEntry, at("Principal"));
  const notPrincipal =
    notPrincipalEntry === undefined
      ? undefined
      : readPrincipal(ctx, notPrincipalEntry, at("NotPrincipal"));
  if (policyType !== undefined) {
    const given = principalEntry ?? notPrincipalEntry;
    if (given !== undefined && NO_PRINCIPAL_TYPES.includes(policyType)) {
      report(
        ctx,
        policyType === "scp" ? "SCP_SYNTAX_ERROR_PRINCIPAL" : "UNSUPPORTED_PRINCIPAL",
        `"${given.key}" is not allowed in ${policyType === "scp" ? "an SCP" : policyType === "identity" ? "an identity policy" : `a ${policyType} policy`}`,
        at(given.key),
        given.keyLoc,
      );
    }
    if (given === undefined && PRINCIPAL_REQUIRED_TYPES.includes(policyType)) {
      report(
        ctx,
        "MISSING_PRINCIPAL",
        `${policyType === "rcp" ? "An RCP" : `A ${policyType} policy`} statement needs a "Principal"`,
        path,
        node.loc,
      );
    }
  }

  const conditionEntry = elements.get("Condition");
  const conditions =
    conditionEntry === undefined
      ? []
      : readConditions(ctx, conditionEntry, at("Condition"), version);

  if (ctx.diagnostics.length > before || effect === undefined || conditions === undefined)
    return undefined;
  return {
    index,
    ...(sid !== undefined ? { sid } : {}),
    effect,
    ...(action !== undefined ? { action } : {}),
    ...(notAction !== undefined ? { notAction } : {}),
    ...(resource !== undefined ? { resource } : {}),
    ...(notResource !== undefined ? { notResource } : {}),
    ...(principal !== undefined ? { principal } : {}),
    ...(notPrincipal !== undefined ? { notPrincipal } : {}),
    conditions,
    loc: locOf(path, node.loc),
  };
}

/** Policies produced by this parser; any other Policy-shaped object is re-checked before evaluation. */
const parsedPolicies = new WeakSet<object>();

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

  let version: PolicyVersion = "2008-10-17"; // the default when Version is absent (§1.2)
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
 * Parses a policy document given as JSON text or as a value (object) into the normalised AST.
 * Reports only grammar ERRORs (codes of LINT-CHECKS.md §A–E; `ok: false` when there is any);
 * `validatePolicy` adds warnings and suggestions. Text input gives line/column on every diagnostic.
 */
export function parsePolicy(input: unknown, options: ParseOptions = {}): ParseResult {
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
