// JSON paths in the form used by diagnostics: `$.Statement[0].Condition["aws:RequestTag/x"]`.
import { remember } from "../bounded-cache.js";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Policy keys repeat ("Effect", "aws:RequestTag/x"): remember each short key's path suffix. */
const suffixes = new Map<string, string>();
const MAX_REMEMBERED_KEY = 128;

function keySuffix(key: string): string {
  return IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** Appends an array index (`[0]`) or an object key (`.Key`, or `["odd:key"]` when not an identifier). */
export function jsonPathAppend(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  if (key.length > MAX_REMEMBERED_KEY) return path + keySuffix(key);
  return path + remember(suffixes, key, 4096, keySuffix);
}
