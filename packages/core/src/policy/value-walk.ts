// The walk that read-valid-policy.ts makes over a policy's JSON value: where it is (the cursor over
// the text, when the value came from JSON.parse) and the locations it gives each element.
import type { PolicyVersion, SourceLocation } from "../types.js";
import type { TextCursor } from "../json/text-cursor.js";
import { hasVariableSyntax, parseTemplate } from "./variables.js";
import { remember } from "../bounded-cache.js";

export type JsonObject = Record<string, unknown>;

/** `[0]` to `[63]`, made once: most lists are short, and every item's path ends with its index. */
const INDEX_SUFFIXES = Array.from({ length: 64 }, (_, i) => `[${i}]`);

export function indexSuffix(i: number): string {
  return i < INDEX_SUFFIXES.length ? INDEX_SUFFIXES[i]! : `[${i}]`;
}

/**
 * Objects as JSON.parse or a literal makes them; anything else goes to the full parser. Values read
 * from text came from JSON.parse, whose objects are always plain.
 */
export function isPlainObject(walk: Walk, value: unknown): value is JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  if (walk.fromText) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export interface Walk {
  /** Set when the value came from text: every token read is checked against it and located. */
  cursor: TextCursor | undefined;
  /** The value is JSON.parse's (of text read with or without a cursor): its lists are no one else's. */
  fromText: boolean;
  version: PolicyVersion;
  /** False when no string can hold a variable: the text has no `${` (nor an escape that makes one). */
  variables: boolean;
  /** Strings read (keys included) when there is no cursor: a text's quotes are twice as many. */
  strings: number;
}

/** `Walk.variables` for a document read from `text` (any document given as a value may have some). */
export function mayHoldVariables(text: string | undefined): boolean {
  return text === undefined || text.includes("${") || text.includes("\\");
}

/** A location at `offset` (from the cursor), or path-only for a value given as an object. */
export function located(walk: Walk, path: string, offset: number): SourceLocation {
  const cursor = walk.cursor;
  if (cursor === undefined) return { path };
  if (offset > cursor.nextBreak) cursor.advanceTo(offset);
  return { path, line: cursor.line, column: offset - cursor.lineStart + 1 };
}

/** Reads one string token; its offset (0 without text), or -1 when the text has no more. */
export function stringAt(walk: Walk, value: string): number {
  if (walk.cursor !== undefined) return walk.cursor.string(value.length);
  walk.strings++;
  return 0;
}

/** Reads one key (a string token and the ':' after it); as `stringAt`. */
export function keyAt(walk: Walk, key: string): number {
  if (walk.cursor !== undefined) return walk.cursor.key(key.length);
  walk.strings++;
  return 0;
}

export function openAt(walk: Walk, bracket: "{" | "["): number {
  return walk.cursor === undefined ? 0 : walk.cursor.open(bracket);
}

/** Texts with variables repeat from policy to policy (`${aws:username}`): parse each once. */
const templateValidity = new Map<string, boolean>();

export function templateParses(text: string): boolean {
  return remember(templateValidity, text, 1024, (t) => parseTemplate(t).ok);
}

/** Whether a 2012-10-17 value's variables parse (the full parser reports the ones that do not). */
export function variablesParse(walk: Walk, text: string): boolean {
  return (
    walk.version !== "2012-10-17" ||
    !walk.variables ||
    !hasVariableSyntax(text) ||
    templateParses(text)
  );
}

/**
 * The walk reads objects with `for…in`, which V8 makes fast for reading each key's value, but which
 * also lists enumerable properties inherited from Object.prototype. Nothing standard adds any; when
 * something has, the walk stands aside and the full parser (which lists own keys only) reads.
 */
export function objectPrototypeIsClean(): boolean {
  for (const _ in Object.prototype) return false;
  return true;
}
