// The position-keeping JSON tree of @iamspec/core's `parseJson`, and the one switch between it and
// a position-less fallback used while core's parser is not yet exported.
import * as core from "@iamspec/core";

export interface JsonLoc {
  offset: number;
  /** 1-based; 0 when unknown. */
  line: number;
  column: number;
  endOffset: number;
}

export type JsonNode =
  | { type: "object"; entries: { key: string; keyLoc: JsonLoc; value: JsonNode }[]; loc: JsonLoc }
  | { type: "array"; items: JsonNode[]; loc: JsonLoc }
  | { type: "string"; value: string; loc: JsonLoc }
  | { type: "number"; value: number; raw: string; loc: JsonLoc }
  | { type: "boolean"; value: boolean; loc: JsonLoc }
  | { type: "null"; loc: JsonLoc };

export type JsonParseResult =
  | { ok: true; root: JsonNode }
  | { ok: false; error: { message: string; line: number; column: number } };

const coreParseJson = (core as Record<string, unknown>).parseJson as
  | ((text: string) => JsonParseResult)
  | undefined;

const unknownLoc: JsonLoc = { offset: 0, line: 0, column: 0, endOffset: 0 };

/** Parses JSON text keeping positions (core's parser) or, until it is available, without. */
export function parseJsonNode(text: string): JsonParseResult {
  if (coreParseJson) return coreParseJson(text);
  try {
    return { ok: true, root: nodeFromValue(JSON.parse(text)) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { message, line: 1, column: 1 } };
  }
}

function nodeFromValue(value: unknown): JsonNode {
  if (value === null) return { type: "null", loc: unknownLoc };
  if (Array.isArray(value)) return { type: "array", items: value.map(nodeFromValue), loc: unknownLoc };
  switch (typeof value) {
    case "string":
      return { type: "string", value, loc: unknownLoc };
    case "number":
      return { type: "number", value, raw: String(value), loc: unknownLoc };
    case "boolean":
      return { type: "boolean", value, loc: unknownLoc };
    default:
      return {
        type: "object",
        entries: Object.entries(value as object).map(([key, v]) => ({ key, keyLoc: unknownLoc, value: nodeFromValue(v) })),
        loc: unknownLoc,
      };
  }
}

/** The plain value of a node (objects keep key order; a duplicate key keeps its last value, like JSON.parse). */
export function valueOf(node: JsonNode): unknown {
  switch (node.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      // defineProperty, not assignment: a "__proto__" key is data, not a prototype.
      for (const e of node.entries) {
        Object.defineProperty(out, e.key, { value: valueOf(e.value), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case "array":
      return node.items.map(valueOf);
    case "null":
      return null;
    default:
      return node.value;
  }
}
