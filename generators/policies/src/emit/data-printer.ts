// Lays out data literals (policy documents, tuples, lookup tables) the way prettier lays out data:
// a value that fits in the line goes on one line, anything else one entry per line with trailing
// commas. Prettier formats the code around them; printing the data here is what keeps regenerating
// 1,600 policies fast (prettier handles a few hundred KB/s).
import type { JsonNode } from "../analysis/json-node.js";
import { propertyKey } from "./literal.js";

export type DataNode =
  | { kind: "object"; entries: readonly (readonly [key: string, value: DataNode])[] }
  | { kind: "array"; items: readonly DataNode[] }
  /** A union type, `A | B`, broken as prettier does (`\n  | A\n  | B`). */
  | { kind: "union"; members: readonly string[] }
  /** Literal code text (a string literal, a number, an identifier) printed as is. */
  | { kind: "raw"; text: string };

export const raw = (text: string): DataNode => ({ kind: "raw", text });
export const str = (value: string): DataNode => raw(stringLiteral(value));

/** A string literal as prettier writes it: double quotes unless the text has more `"` than `'`. */
export function stringLiteral(value: string): string {
  const doubles = value.split('"').length - 1;
  const singles = value.split("'").length - 1;
  if (doubles <= singles) return JSON.stringify(value);
  const inner = JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${inner}'`;
}
export const obj = (entries: readonly (readonly [string, DataNode])[]): DataNode => ({ kind: "object", entries });
export const arr = (items: readonly DataNode[]): DataNode => ({ kind: "array", items });
export const strings = (values: readonly string[]): DataNode => arr(values.map(str));

export function dataFromJson(node: JsonNode): DataNode {
  switch (node.type) {
    case "object": {
      // A duplicate key keeps its last value, as JSON.parse (and AWS) read it; TS rejects duplicates.
      const last = new Map(node.entries.map((e) => [e.key, e.value]));
      return obj([...last].map(([k, v]) => [k, dataFromJson(v)] as const));
    }
    case "array":
      return arr(node.items.map(dataFromJson));
    case "string":
      return str(node.value);
    case "number":
      return raw(node.raw);
    case "boolean":
      return raw(String(node.value));
    case "null":
      return raw("null");
  }
}

const width = 100;

/** Values prettier moves to the next line when they do not fit after `key: ` (strings, `as` expressions). */
const movesToNextLine = (text: string): boolean =>
  text.startsWith('"') || text.startsWith("'") || text.includes(" as ");

/**
 * Prettier always breaks an array of two or more objects (or arrays) that each have two or more
 * entries, e.g. a list of statements.
 */
function alwaysBreaks(node: Extract<DataNode, { kind: "array" }>): boolean {
  if (node.items.length < 2) return false;
  const first = node.items[0]!.kind;
  if (first !== "object" && first !== "array") return false;
  return node.items.every(
    (item) =>
      (item.kind === "object" && first === "object" && item.entries.length > 1) ||
      (item.kind === "array" && first === "array" && item.items.length > 1),
  );
}

/** The one-line form, or undefined as soon as it exceeds `limit` characters. */
function flat(node: DataNode, limit: number): string | undefined {
  if (node.kind === "raw") return node.text.length <= limit ? node.text : undefined;
  if (node.kind === "array" && alwaysBreaks(node)) return undefined;
  if (node.kind === "union") {
    const text = node.members.length === 0 ? "never" : node.members.join(" | ");
    return text.length <= limit ? text : undefined;
  }
  const parts: string[] = [];
  // Brackets ("{ " + " }" or "[" + "]") and a ", " between parts.
  let length = node.kind === "object" ? 2 : 0;
  const children = node.kind === "object" ? node.entries : node.items.map((item) => ["", item] as const);
  for (const [key, value] of children) {
    const prefix = node.kind === "object" ? `${propertyKey(key)}: ` : "";
    const text = flat(value, limit - length - prefix.length - 2);
    if (text === undefined) return undefined;
    parts.push(prefix + text);
    length += prefix.length + text.length + 2;
    if (length > limit) return undefined;
  }
  const text =
    node.kind === "array" ? `[${parts.join(", ")}]` : parts.length === 0 ? "{}" : `{ ${parts.join(", ")} }`;
  return text.length <= limit ? text : undefined;
}

/**
 * Prints `node` starting at column `column` of a line indented by `indent` spaces, followed on the
 * same line by `suffixLength` characters (`,`, `;`, ` as const;`).
 */
export function printData(node: DataNode, indent: number, column: number, suffixLength: number): string {
  const one = flat(node, width - column - suffixLength);
  if (one !== undefined) return one;
  if (node.kind === "raw") return node.text;
  if (node.kind === "union") return node.members.map((m) => `\n${" ".repeat(indent + 2)}| ${m}`).join("");
  const pad = " ".repeat(indent + 2);
  const lines =
    node.kind === "object"
      ? node.entries.map(([key, value]) => {
          const prefix = `${propertyKey(key)}: `;
          const column = indent + 2 + prefix.length;
          // Prettier moves a string that does not fit to the next line, unless the key is shorter
          // than 5 characters (tabWidth + 3: "insufficient overlap for a line break").
          if (value.kind === "raw" && column + value.text.length + 1 > width && prefix.length - 2 >= 5 && movesToNextLine(value.text)) {
            return `${pad}${prefix.trimEnd()}\n${pad}  ${value.text},`;
          }
          // A long arrow function breaks after `=>`.
          if (value.kind === "raw" && value.text.startsWith("() => ") && column + value.text.length + 1 > width) {
            return `${pad}${prefix}() =>\n${pad}  ${value.text.slice("() => ".length)},`;
          }
          return `${pad}${prefix}${printData(value, indent + 2, column, 1)},`;
        })
      : node.items.map((item) => `${pad}${printData(item, indent + 2, indent + 2, 1)},`);
  const [open, close] = node.kind === "object" ? ["{", "}"] : ["[", "]"];
  return `${open}\n${lines.join("\n")}\n${" ".repeat(indent)}${close}`;
}

/**
 * Replaces each placeholder identifier in formatted code with its data, laid out for the
 * placeholder's position. Placeholders look like `__data0__`.
 */
export function fillPlaceholders(code: string, data: readonly DataNode[]): string {
  const placeholder = /^( *)(.*?)__data(\d+)__(.*)$/gm;
  let out = code;
  // Two placeholders on one line take two passes.
  while (/__data\d+__/.test(out)) {
    out = out.replace(placeholder, (_line, indent: string, before: string, index: string, after: string) => {
      const node = data[Number(index)]!;
      const printed = printData(node, indent.length, indent.length + before.length, after.length);
      // A broken union starts on the next line: `type X =\n  | A`, no space after `=`.
      const head = printed.startsWith("\n") ? before.trimEnd() : before;
      return `${indent}${head}${printed}${after}`;
    });
  }
  return out;
}

/** Collects data nodes and hands out their placeholders, for code written around them. */
export function placeholders(): { put: (node: DataNode) => string; data: DataNode[] } {
  const data: DataNode[] = [];
  return { data, put: (node) => `__data${data.push(node) - 1}__` };
}
