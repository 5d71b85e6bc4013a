/** Where a JSON node is in its source text. `line`/`column` are 1-based; `line === 0` means unknown (a value given as an object). */
export interface JsonLoc {
  offset: number;
  line: number;
  column: number;
  endOffset: number;
}

export interface JsonObjectEntry {
  key: string;
  keyLoc: JsonLoc;
  value: JsonNode;
}

/** A JSON value with positions. Object entries keep their order and duplicate keys. */
export type JsonNode =
  | { type: "object"; entries: JsonObjectEntry[]; loc: JsonLoc }
  | { type: "array"; items: JsonNode[]; loc: JsonLoc }
  | { type: "string"; value: string; loc: JsonLoc }
  | { type: "number"; value: number; raw: string; loc: JsonLoc }
  | { type: "boolean"; value: boolean; loc: JsonLoc }
  | { type: "null"; loc: JsonLoc };

export interface JsonSyntaxError {
  message: string;
  offset: number;
  line: number;
  column: number;
}

export type JsonParseResult = { ok: true; root: JsonNode } | { ok: false; error: JsonSyntaxError };

/** Deepest nesting of arrays/objects accepted; deeper input is a syntax error, never a stack overflow. */
export const MAX_JSON_DEPTH = 1000;
/** Longest text accepted, in UTF-16 code units (64 Mi). */
export const MAX_JSON_LENGTH = 64 * 1024 * 1024;

/** The location used for nodes that did not come from text (see `jsonNodeFromValue`). */
export const UNKNOWN_LOC: JsonLoc = Object.freeze({ offset: 0, line: 0, column: 0, endOffset: 0 });

/** A plain JSON value (objects from `jsonValueFromNode` have a null prototype). */
export type JsonValueLike =
  null | boolean | number | string | JsonValueLike[] | { [key: string]: JsonValueLike };
