// The fast path of parsePolicy: reads a policy straight from its JSON value (an object, or the result
// of JSON.parse with a TextCursor for line and column) into the same AST the full parser builds,
// without building a JsonNode tree first. It only succeeds for a document without any grammar error;
// at the first doubt (an error, an unusual value, a duplicate key in the text) it returns undefined
// and parsePolicy runs the full parser, which reports. So diagnostics come from one place, and this
// file must accept nothing the full parser rejects (a differential test holds the two together).
import type {
  Condition,
  ConditionValue,
  PatternList,
  Policy,
  PolicyType,
  PrincipalBlock,
  PrincipalEntry,
  PrincipalKind,
  SourceLocation,
  Statement,
} from "../types.js";
import { jsonPathAppend } from "../json/path.js";
import { isIndexLikeKey, type TextCursor } from "../json/text-cursor.js";
import { PRINCIPAL_KINDS } from "./grammar.js";
import { hasPartialWildcard } from "./read-principal.js";
import { operatorOf } from "./read-conditions.js";
import {
  NO_PRINCIPAL_TYPES,
  PRINCIPAL_REQUIRED_TYPES,
  RESOURCE_OPTIONAL_TYPES,
} from "./read-statement.js";
import { hasVariableSyntax } from "./variables.js";
import { ListPaths, type StatementPaths, statementPaths } from "./walk-paths.js";
import {
  type Walk,
  indexSuffix,
  isPlainObject,
  keyAt,
  located,
  mayHoldVariables,
  objectPrototypeIsClean,
  openAt,
  stringAt,
  templateParses,
  variablesParse,
} from "./value-walk.js";

function readPatternList(walk: Walk, value: unknown, paths: ListPaths): PatternList | undefined {
  const path = paths.path;
  if (typeof value === "string") {
    const at = stringAt(walk, value);
    if (at < 0) return undefined;
    // One location serves both: the element and its only pattern are the same string.
    const loc = located(walk, path, at);
    return { patterns: [value], locs: [loc], loc };
  }
  if (!Array.isArray(value)) return undefined;
  const at = openAt(walk, "[");
  if (at < 0) return undefined;
  const loc = located(walk, path, at);
  // Made at their length: lists are read once, and growing them item by item cost more than the rest.
  const count = value.length;
  const locs = new Array<SourceLocation>(count);
  // A list JSON.parse made for this walk is no one else's: it is the patterns. A caller's is copied.
  const patterns = walk.fromText ? (value as string[]) : new Array<string>(count);
  for (let i = 0; i < count; i++) {
    const item: unknown = value[i];
    if (typeof item !== "string") return undefined;
    const itemAt = stringAt(walk, item);
    if (itemAt < 0) return undefined;
    patterns[i] = item;
    locs[i] = located(walk, paths.item(i), itemAt);
  }
  return { patterns, locs, loc };
}

function readPrincipal(walk: Walk, value: unknown, path: string): PrincipalBlock | undefined {
  if (typeof value === "string") {
    const at = value === "*" ? stringAt(walk, value) : -1;
    return at < 0 ? undefined : { wildcard: true, entries: [], loc: located(walk, path, at) };
  }
  if (Array.isArray(value)) {
    // `[]` names nobody; any other array is an error.
    const at = value.length === 0 ? openAt(walk, "[") : -1;
    if (at < 0) return undefined;
    return { wildcard: false, entries: [], loc: located(walk, path, at) };
  }
  if (!isPlainObject(walk, value)) return undefined;
  const at = openAt(walk, "{");
  if (at < 0) return undefined;
  const loc = located(walk, path, at);
  const entries: PrincipalEntry[] = [];
  for (const kind in value) {
    if (keyAt(walk, kind) < 0 || !PRINCIPAL_KINDS.includes(kind as PrincipalKind)) return undefined;
    const list = readPatternList(walk, value[kind], new ListPaths(jsonPathAppend(path, kind)));
    if (list === undefined) return undefined;
    for (let i = 0; i < list.patterns.length; i++) {
      const principal = list.patterns[i]!;
      if (hasPartialWildcard(principal)) return undefined;
      entries.push({ kind: kind as PrincipalKind, value: principal, loc: list.locs[i]! });
    }
  }
  return { wildcard: false, entries, loc };
}

function readConditionValue(walk: Walk, item: unknown, path: string): ConditionValue | undefined {
  const cursor = walk.cursor;
  if (typeof item === "string") {
    const at = stringAt(walk, item);
    return at < 0 ? undefined : { text: item, jsonType: "string", loc: located(walk, path, at) };
  }
  if (typeof item !== "number" && typeof item !== "boolean") return undefined;
  if (typeof item === "number" && !Number.isFinite(item)) return undefined;
  // A number keeps the text it was written with, which only the cursor reads (1.50, not 1.5).
  if (typeof item === "number" && cursor === undefined && walk.fromText) return undefined;
  // Numbers keep the text they were written with (1.50 stays 1.50); a value's text is its JSON.
  const offset = cursor === undefined ? 0 : cursor.scalar();
  if (offset < 0) return undefined;
  const text = cursor === undefined ? JSON.stringify(item) : cursor.scalarText(offset);
  return {
    text,
    jsonType: typeof item === "number" ? "number" : "boolean",
    loc: located(walk, path, offset),
  };
}

function readConditions(walk: Walk, value: unknown, path: string): Condition[] | undefined {
  if (!isPlainObject(walk, value) || openAt(walk, "{") < 0) return undefined;
  const conditions: Condition[] = [];
  for (const operator in value) {
    const parsed = operatorOf(operator);
    const block = value[operator];
    if (keyAt(walk, operator) < 0 || !parsed.ok || !isPlainObject(walk, block)) return undefined;
    if (openAt(walk, "{") < 0) return undefined;
    const operatorPath = jsonPathAppend(path, operator);
    const variables = parsed.info.variables;
    // Keys are case-insensitive: two spellings of one key are an error the full parser reports. The
    // lower-case keys are kept from the second key on (most blocks have one).
    let firstKey: string | undefined;
    let lowerKeys: string[] | undefined;
    for (const key in block) {
      const keyOffset = keyAt(walk, key);
      // A key JavaScript lists first ("1") would put the walk out of the text's order.
      if (keyOffset < 0 || (walk.fromText && isIndexLikeKey(key))) return undefined;
      const keyPath = jsonPathAppend(operatorPath, key);
      const loc = located(walk, keyPath, keyOffset);
      if (firstKey === undefined) {
        firstKey = key;
      } else {
        lowerKeys ??= [firstKey.toLowerCase()];
        const lower = key.toLowerCase();
        if (lowerKeys.includes(lower)) return undefined;
        lowerKeys.push(lower);
      }
      const given = block[key];
      let values: ConditionValue[];
      if (Array.isArray(given)) {
        if (openAt(walk, "[") < 0) return undefined;
        values = new Array<ConditionValue>(given.length);
        for (let i = 0; i < given.length; i++) {
          const item = readConditionValue(walk, given[i], keyPath + indexSuffix(i));
          if (item === undefined) return undefined;
          values[i] = item;
        }
      } else {
        const item = readConditionValue(walk, given, keyPath);
        if (item === undefined) return undefined;
        values = [item];
      }
      if (variables) {
        for (const v of values)
          if (v.jsonType === "string" && !variablesParse(walk, v.text)) return undefined;
      }
      // Built in the full parser's property order, so the two ASTs serialize alike.
      conditions.push(
        parsed.qualifier === undefined
          ? {
              operator,
              baseOperator: parsed.baseOperator,
              ifExists: parsed.ifExists,
              key,
              values,
              loc,
            }
          : {
              operator,
              baseOperator: parsed.baseOperator,
              qualifier: parsed.qualifier,
              ifExists: parsed.ifExists,
              key,
              values,
              loc,
            },
      );
    }
  }
  return conditions;
}

function resourceVariablesParse(walk: Walk, list: PatternList | undefined): boolean {
  if (list === undefined || !walk.variables) return true;
  for (const pattern of list.patterns)
    if (hasVariableSyntax(pattern) && !templateParses(pattern)) return false;
  return true;
}

function readStatement(
  walk: Walk,
  value: unknown,
  paths: StatementPaths,
  index: number,
  policyType: PolicyType | undefined,
): Statement | undefined {
  if (!isPlainObject(walk, value)) return undefined;
  const path = paths.path;
  const at = openAt(walk, "{");
  if (at < 0) return undefined;
  const loc = located(walk, path, at);
  let sid: string | undefined;
  let effect: "Allow" | "Deny" | undefined;
  let action: PatternList | undefined;
  let notAction: PatternList | undefined;
  let resource: PatternList | undefined;
  let notResource: PatternList | undefined;
  let principal: PrincipalBlock | undefined;
  let notPrincipal: PrincipalBlock | undefined;
  let conditions: Condition[] | undefined = [];
  // In document order, so that the cursor meets the tokens in the order they are written.
  for (const name in value) {
    if (keyAt(walk, name) < 0) return undefined;
    const element = value[name];
    switch (name) {
      case "Sid":
        if (typeof element !== "string" || stringAt(walk, element) < 0) return undefined;
        sid = element;
        break;
      case "Effect":
        if ((element !== "Allow" && element !== "Deny") || stringAt(walk, element) < 0)
          return undefined;
        effect = element;
        break;
      case "Action":
        if ((action = readPatternList(walk, element, paths.action)) === undefined) return undefined;
        break;
      case "NotAction":
        if ((notAction = readPatternList(walk, element, paths.notAction)) === undefined)
          return undefined;
        break;
      case "Resource":
        if ((resource = readPatternList(walk, element, paths.resource)) === undefined)
          return undefined;
        break;
      case "NotResource":
        if ((notResource = readPatternList(walk, element, paths.notResource)) === undefined)
          return undefined;
        break;
      case "Principal":
        if ((principal = readPrincipal(walk, element, paths.principal)) === undefined)
          return undefined;
        break;
      case "NotPrincipal":
        if ((notPrincipal = readPrincipal(walk, element, paths.notPrincipal)) === undefined)
          return undefined;
        break;
      case "Condition":
        if ((conditions = readConditions(walk, element, paths.condition)) === undefined)
          return undefined;
        break;
      default:
        return undefined;
    }
  }
  if (effect === undefined) return undefined;
  // Exactly one of each pair; Resource may be left out only where the policy type allows it.
  if ((action === undefined) === (notAction === undefined)) return undefined;
  if (resource !== undefined && notResource !== undefined) return undefined;
  if (principal !== undefined && notPrincipal !== undefined) return undefined;
  if (
    resource === undefined &&
    notResource === undefined &&
    !(policyType !== undefined && RESOURCE_OPTIONAL_TYPES.includes(policyType))
  )
    return undefined;
  if (
    walk.version === "2012-10-17" &&
    !(resourceVariablesParse(walk, resource) && resourceVariablesParse(walk, notResource))
  )
    return undefined;
  if (policyType !== undefined) {
    const named = principal !== undefined || notPrincipal !== undefined;
    if (
      named
        ? NO_PRINCIPAL_TYPES.includes(policyType)
        : PRINCIPAL_REQUIRED_TYPES.includes(policyType)
    )
      return undefined;
  }
  // Built in the full parser's property order, so the two ASTs serialize alike.
  const statement = { index } as Statement;
  if (sid !== undefined) statement.sid = sid;
  statement.effect = effect;
  if (action !== undefined) statement.action = action;
  if (notAction !== undefined) statement.notAction = notAction;
  if (resource !== undefined) statement.resource = resource;
  if (notResource !== undefined) statement.notResource = notResource;
  if (principal !== undefined) statement.principal = principal;
  if (notPrincipal !== undefined) statement.notPrincipal = notPrincipal;
  statement.conditions = conditions;
  statement.loc = loc;
  return statement;
}

function readStatements(
  walk: Walk,
  value: unknown,
  policyType: PolicyType | undefined,
): Statement[] | undefined {
  if (!Array.isArray(value)) {
    const statement = readStatement(walk, value, statementPaths(undefined), 0, policyType);
    return statement === undefined ? undefined : [statement];
  }
  if (value.length === 0 || openAt(walk, "[") < 0) return undefined;
  const statements: Statement[] = [];
  for (let i = 0; i < value.length; i++) {
    const statement = readStatement(walk, value[i], statementPaths(i), i, policyType);
    if (statement === undefined) return undefined;
    statements.push(statement);
  }
  return statements;
}

export interface ValidPolicyOptions {
  policyType?: PolicyType | undefined;
  name?: string | undefined;
  source?: string | undefined;
}

/** What a walk of text without a cursor reports, for the caller to check against the text. */
export interface TextWalk {
  /** The text the value was JSON.parse'd from. */
  text: string;
  /** Set by the walk: the strings it read, keys included. */
  strings: number;
}

/**
 * The policy AST of `value` when the document has no grammar error, else undefined (then the full
 * parser must run). With `cursor`, `value` must be `JSON.parse(cursor.text)`: locations get the line
 * and column of the text, and any disagreement between the two (a duplicate key) gives undefined.
 * With `textWalk` instead, `value` is `JSON.parse(textWalk.text)` read without positions: the walk
 * counts the strings it reads, for the caller to check that the text holds no more (see
 * policy/deferred-positions.ts).
 */
export function readValidPolicy(
  value: unknown,
  cursor: TextCursor | undefined,
  options: ValidPolicyOptions,
  textWalk?: TextWalk,
): Policy | undefined {
  const text = cursor?.text ?? textWalk?.text;
  const fromText = text !== undefined;
  const outer: Walk = { cursor, fromText, version: "2008-10-17", variables: true, strings: 0 };
  if (!isPlainObject(outer, value) || !objectPrototypeIsClean()) return undefined;
  // Version decides how the statements are read, wherever it is written in the document.
  const versionGiven = Object.hasOwn(value, "Version");
  const version = versionGiven ? value.Version : "2008-10-17";
  if (version !== "2012-10-17" && version !== "2008-10-17") return undefined;
  const walk: Walk = { cursor, fromText, version, variables: mayHoldVariables(text), strings: 0 };
  if (openAt(walk, "{") < 0) return undefined;
  let id: string | undefined;
  let statements: Statement[] | undefined;
  for (const name in value) {
    if (keyAt(walk, name) < 0) return undefined;
    const element = value[name];
    if (name === "Version") {
      if (stringAt(walk, version) < 0) return undefined;
    } else if (name === "Id") {
      if (typeof element !== "string" || stringAt(walk, element) < 0) return undefined;
      id = element;
    } else if (name === "Statement") {
      statements = readStatements(walk, element, options.policyType);
      if (statements === undefined) return undefined;
    } else {
      return undefined;
    }
  }
  if (statements === undefined) return undefined;
  if (cursor !== undefined && !cursor.atEnd()) return undefined;
  if (textWalk !== undefined) textWalk.strings = walk.strings;
  return {
    version,
    versionGiven,
    ...(id !== undefined ? { id } : {}),
    statements,
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.source !== undefined ? { source: options.source } : {}),
  };
}
