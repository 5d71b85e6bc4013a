// The Condition element (docs/evaluation-rules.md §5): operators, keys and values, with their grammar errors.
import type { Condition, ConditionValue, PolicyVersion } from "../types.js";
import type { JsonNode, JsonObjectEntry } from "../json/types.js";
import { jsonPathAppend } from "../json/path.js";
import type { ParsedOperator } from "./operators.js";
import { parseOperator } from "./operators.js";
import { hasVariableSyntax, parseTemplate } from "./variables.js";
import { type Context, locOf, readEntries, report, typeName } from "./element-reader.js";

export function conditionValue(node: JsonNode, path: string): ConditionValue | undefined {
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

export function operatorOf(name: string): ParsedOperator {
  let parsed = operators.get(name);
  if (parsed === undefined) {
    parsed = parseOperator(name);
    // Only valid names are kept, so the map is bounded by the operator grammar.
    if (parsed.ok) operators.set(name, parsed);
  }
  return parsed;
}

export function readConditions(
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
        // Keys are case-insensitive, so the block is ambiguous (docs/evaluation-rules.md §1.7: reject it).
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
