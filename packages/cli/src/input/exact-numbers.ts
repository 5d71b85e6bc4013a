// Requests are read with JSON.parse, which rounds a number such as 9007199254740993 to the
// nearest double: a condition on it could then decide differently (a Deny skipped). Such a
// number is refused with its place; written as a string it is compared exactly by core.
import { jsonPathAppend } from "@iamspec/core";
import type { JsonNode } from "@iamspec/core";

export interface ImpreciseNumber {
  raw: string;
  path: string;
  line: number;
  column: number;
}

function isDigitOrDot(code: number): boolean {
  return (code >= 48 && code <= 57) || code === 46;
}

/**
 * Cheap test on a line or file: only a run of 16 digits or dots can hold 16 significant digits.
 * It runs on every NDJSON line, so it looks at every 16th character only (positions 15, 31, …):
 * any 16 consecutive characters hold exactly one of them, and only around a digit or dot does it
 * measure the run.
 */
export function mayHoldImpreciseNumber(text: string): boolean {
  const n = text.length;
  for (let p = 15; p < n; p += 16) {
    if (!isDigitOrDot(text.charCodeAt(p))) continue;
    let start = p;
    let end = p;
    while (start > 0 && isDigitOrDot(text.charCodeAt(start - 1))) start--;
    while (end + 1 < n && isDigitOrDot(text.charCodeAt(end + 1))) end++;
    if (end - start + 1 >= 16) return true;
    p = end - ((end - 15) % 16); // the loop then moves to the first probe after the run
  }
  return false;
}

/** Whether a JSON number literal stands for a value a double does not hold exactly. */
export function losesPrecision(raw: string): boolean {
  const [mantissa = "", exponent] = raw.replace(/^-/, "").toLowerCase().split("e");
  const digits = mantissa.replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
  if (digits.length <= 15) return false;
  // An integer may still be exact (2^60 is); anything finer than 15 digits otherwise is not.
  if (!mantissa.includes(".") && exponent === undefined) {
    const value = Number(raw);
    return !Number.isFinite(value) || BigInt(raw) !== BigInt(value);
  }
  return true;
}

export function findImpreciseNumber(root: JsonNode, path = "$"): ImpreciseNumber | undefined {
  const stack: [JsonNode, string][] = [[root, path]];
  while (stack.length > 0) {
    const [node, at] = stack.pop()!;
    if (node.type === "number") {
      if (losesPrecision(node.raw))
        return { raw: node.raw, path: at, line: node.loc.line, column: node.loc.column };
    } else if (node.type === "array") {
      for (let i = node.items.length - 1; i >= 0; i--)
        stack.push([node.items[i]!, jsonPathAppend(at, i)]);
    } else if (node.type === "object") {
      for (let i = node.entries.length - 1; i >= 0; i--) {
        const entry = node.entries[i]!;
        stack.push([entry.value, jsonPathAppend(at, entry.key)]);
      }
    }
  }
  return undefined;
}

export function impreciseMessage(raw: string): string {
  return `the number ${raw} cannot be represented exactly (more than 15 significant digits); write it as a string`;
}
