// A strict RFC 8259 JSON parser that keeps source positions and duplicate keys.
// Iterative (an explicit stack, no recursion) so hostile nesting gives an error, not a stack overflow.
import type { JsonLoc, JsonNode, JsonObjectEntry, JsonParseResult } from "./types.js";
import { MAX_JSON_DEPTH, MAX_JSON_LENGTH } from "./types.js";

type ObjectNode = Extract<JsonNode, { type: "object" }>;
type ArrayNode = Extract<JsonNode, { type: "array" }>;

interface ObjectFrame {
  node: ObjectNode;
  key: string;
  keyLoc: JsonLoc;
}
interface ArrayFrame {
  node: ArrayNode;
}
type Frame = ObjectFrame | ArrayFrame;

interface Scanner {
  text: string;
  pos: number;
  line: number;
  lineStart: number;
}

/** Thrown internally; converted to `{ ok: false }` before leaving `parseJson`. */
interface SyntaxFailure {
  jsonSyntaxFailure: true;
  message: string;
  offset: number;
}

function fail(message: string, offset: number): never {
  const failure: SyntaxFailure = { jsonSyntaxFailure: true, message, offset };
  throw failure;
}

function isSyntaxFailure(value: unknown): value is SyntaxFailure {
  return typeof value === "object" && value !== null && "jsonSyntaxFailure" in value;
}

function describeChar(text: string, pos: number): string {
  if (pos >= text.length) return "end of input";
  const code = text.charCodeAt(pos);
  if (code < 0x20 || code === 0x7f)
    return `character U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return `'${text[pos]}'`;
}

function skipWhitespace(s: Scanner): void {
  const text = s.text;
  let pos = s.pos;
  for (;;) {
    const c = text.charCodeAt(pos);
    if (c === 0x20 || c === 0x09 || c === 0x0d) {
      pos++;
    } else if (c === 0x0a) {
      pos++;
      s.line++;
      s.lineStart = pos;
    } else {
      break;
    }
  }
  s.pos = pos;
}

function startLoc(s: Scanner): JsonLoc {
  return { offset: s.pos, line: s.line, column: s.pos - s.lineStart + 1, endOffset: s.pos };
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** Reads a string starting at the opening quote; returns its value and advances past the closing quote. */
function readString(s: Scanner): string {
  const text = s.text;
  const start = s.pos;
  let pos = start + 1;
  let out = "";
  let chunkStart = pos;
  for (;;) {
    if (pos >= text.length) fail("Unterminated string", start);
    const c = text.charCodeAt(pos);
    if (c === 0x22) {
      out += text.slice(chunkStart, pos);
      s.pos = pos + 1;
      return out;
    }
    if (c === 0x5c) {
      out += text.slice(chunkStart, pos);
      const e = text.charCodeAt(pos + 1);
      switch (e) {
        case 0x22:
          out += '"';
          break;
        case 0x5c:
          out += "\\";
          break;
        case 0x2f:
          out += "/";
          break;
        case 0x62:
          out += "\b";
          break;
        case 0x66:
          out += "\f";
          break;
        case 0x6e:
          out += "\n";
          break;
        case 0x72:
          out += "\r";
          break;
        case 0x74:
          out += "\t";
          break;
        case 0x75: {
          let code = 0;
          for (let i = 2; i < 6; i++) {
            const h = hexValue(text.charCodeAt(pos + i));
            if (h < 0) fail("Invalid \\u escape: expected four hexadecimal digits", pos);
            code = code * 16 + h;
          }
          out += String.fromCharCode(code);
          pos += 4;
          break;
        }
        default:
          if (pos + 1 >= text.length) fail("Unterminated string", start);
          fail(`Invalid escape sequence '\\${text[pos + 1]}' in string`, pos);
      }
      pos += 2;
      chunkStart = pos;
      continue;
    }
    if (c < 0x20) {
      fail(
        c === 0x0a
          ? "Unterminated string (line break inside a string; write \\n)"
          : `Control character U+${c.toString(16).toUpperCase().padStart(4, "0")} must be escaped in a string`,
        pos,
      );
    }
    pos++;
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function readNumberRaw(s: Scanner): string {
  const text = s.text;
  const start = s.pos;
  let pos = start;
  if (text.charCodeAt(pos) === 0x2d) pos++;
  const first = text.charCodeAt(pos);
  if (first === 0x30) {
    pos++;
    if (isDigit(text.charCodeAt(pos))) fail("Numbers cannot have leading zeros", start);
  } else if (isDigit(first)) {
    while (isDigit(text.charCodeAt(pos))) pos++;
  } else {
    fail(`Unexpected ${describeChar(text, pos)}: expected a digit`, pos);
  }
  if (text.charCodeAt(pos) === 0x2e) {
    pos++;
    if (!isDigit(text.charCodeAt(pos))) fail("Expected a digit after the decimal point", pos);
    while (isDigit(text.charCodeAt(pos))) pos++;
  }
  const e = text.charCodeAt(pos);
  if (e === 0x65 || e === 0x45) {
    pos++;
    const sign = text.charCodeAt(pos);
    if (sign === 0x2b || sign === 0x2d) pos++;
    if (!isDigit(text.charCodeAt(pos))) fail("Expected a digit in the exponent", pos);
    while (isDigit(text.charCodeAt(pos))) pos++;
  }
  s.pos = pos;
  return text.slice(start, pos);
}

function expectLiteral(s: Scanner, word: string): void {
  if (s.text.startsWith(word, s.pos)) {
    s.pos += word.length;
    return;
  }
  fail(`Unexpected ${describeChar(s.text, s.pos)}: expected a JSON value`, s.pos);
}

function readKey(s: Scanner): { key: string; keyLoc: JsonLoc } {
  skipWhitespace(s);
  if (s.text.charCodeAt(s.pos) !== 0x22) {
    fail(
      `Unexpected ${describeChar(s.text, s.pos)}: expected a property name in double quotes`,
      s.pos,
    );
  }
  const keyLoc = startLoc(s);
  const key = readString(s);
  keyLoc.endOffset = s.pos;
  skipWhitespace(s);
  if (s.text.charCodeAt(s.pos) !== 0x3a) {
    fail(`Unexpected ${describeChar(s.text, s.pos)}: expected ':' after property name`, s.pos);
  }
  s.pos++;
  return { key, keyLoc };
}

function parseOrThrow(text: string): JsonNode {
  const s: Scanner = { text, pos: 0, line: 1, lineStart: 0 };
  // A leading byte-order mark is not JSON, but editors add it; skip it and keep columns honest.
  if (text.charCodeAt(0) === 0xfeff) {
    s.pos = 1;
    s.lineStart = 1;
  }
  const stack: Frame[] = [];
  let root: JsonNode | undefined;

  for (;;) {
    // Expect a value.
    skipWhitespace(s);
    const loc = startLoc(s);
    const c = text.charCodeAt(s.pos);
    let value: JsonNode;
    if (c === 0x7b) {
      s.pos++;
      const node: ObjectNode = { type: "object", entries: [], loc };
      if (stack.length >= MAX_JSON_DEPTH)
        fail(`Nesting is deeper than the limit of ${MAX_JSON_DEPTH} levels`, loc.offset);
      skipWhitespace(s);
      if (text.charCodeAt(s.pos) === 0x7d) {
        s.pos++;
        loc.endOffset = s.pos;
        value = node;
      } else {
        const { key, keyLoc } = readKey(s);
        stack.push({ node, key, keyLoc });
        continue;
      }
    } else if (c === 0x5b) {
      s.pos++;
      const node: ArrayNode = { type: "array", items: [], loc };
      if (stack.length >= MAX_JSON_DEPTH)
        fail(`Nesting is deeper than the limit of ${MAX_JSON_DEPTH} levels`, loc.offset);
      skipWhitespace(s);
      if (text.charCodeAt(s.pos) === 0x5d) {
        s.pos++;
        loc.endOffset = s.pos;
        value = node;
      } else {
        stack.push({ node });
        continue;
      }
    } else if (c === 0x22) {
      const str = readString(s);
      loc.endOffset = s.pos;
      value = { type: "string", value: str, loc };
    } else if (c === 0x2d || isDigit(c)) {
      const raw = readNumberRaw(s);
      loc.endOffset = s.pos;
      value = { type: "number", value: Number(raw), raw, loc };
    } else if (c === 0x74) {
      expectLiteral(s, "true");
      loc.endOffset = s.pos;
      value = { type: "boolean", value: true, loc };
    } else if (c === 0x66) {
      expectLiteral(s, "false");
      loc.endOffset = s.pos;
      value = { type: "boolean", value: false, loc };
    } else if (c === 0x6e) {
      expectLiteral(s, "null");
      loc.endOffset = s.pos;
      value = { type: "null", loc };
    } else if (s.pos >= text.length) {
      fail(
        stack.length === 0 && root === undefined && text.trim() === ""
          ? "Empty input: expected a JSON value"
          : "Unexpected end of input: expected a JSON value",
        s.pos,
      );
    } else if (c === 0x5d || c === 0x7d) {
      fail(`Unexpected '${text[s.pos]}': expected a JSON value (trailing comma?)`, s.pos);
    } else {
      fail(`Unexpected ${describeChar(text, s.pos)}: expected a JSON value`, s.pos);
    }

    // A value is complete: attach it to its parent, closing parents as far as possible.
    for (;;) {
      const frame = stack[stack.length - 1];
      if (frame === undefined) {
        root = value;
        break;
      }
      if ("key" in frame)
        frame.node.entries.push({
          key: frame.key,
          keyLoc: frame.keyLoc,
          value,
        } satisfies JsonObjectEntry);
      else frame.node.items.push(value);
      skipWhitespace(s);
      const next = text.charCodeAt(s.pos);
      const isObject = frame.node.type === "object";
      if (next === 0x2c) {
        s.pos++;
        if ("key" in frame) {
          const { key, keyLoc } = readKey(s);
          frame.key = key;
          frame.keyLoc = keyLoc;
        }
        break;
      }
      if ((isObject && next === 0x7d) || (!isObject && next === 0x5d)) {
        s.pos++;
        frame.node.loc.endOffset = s.pos;
        stack.pop();
        value = frame.node;
        continue;
      }
      if (s.pos >= text.length)
        fail(`Unexpected end of input: ${isObject ? "'}'" : "']'"} expected`, s.pos);
      fail(
        `Unexpected ${describeChar(text, s.pos)}: expected ',' or ${isObject ? "'}'" : "']'"}`,
        s.pos,
      );
    }
    if (root !== undefined) break;
  }

  skipWhitespace(s);
  if (s.pos < text.length)
    fail(`Unexpected ${describeChar(text, s.pos)} after the end of the JSON value`, s.pos);
  return root;
}

/** Line and column (1-based) of an offset in `text`. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Parses JSON text strictly (RFC 8259), keeping every node's position and every duplicate key.
 * Never throws and never recurses: nesting deeper than `MAX_JSON_DEPTH` or text longer than
 * `MAX_JSON_LENGTH` is reported as an error.
 */
export function parseJson(text: string): JsonParseResult {
  if (typeof text !== "string") {
    return {
      ok: false,
      error: { message: "Expected JSON text (a string)", offset: 0, line: 1, column: 1 },
    };
  }
  if (text.length > MAX_JSON_LENGTH) {
    return {
      ok: false,
      error: {
        message: `Input is larger than the limit of ${MAX_JSON_LENGTH} characters`,
        offset: 0,
        line: 1,
        column: 1,
      },
    };
  }
  try {
    return { ok: true, root: parseOrThrow(text) };
  } catch (error) {
    if (!isSyntaxFailure(error)) throw error;
    const { line, column } = lineColumnAt(text, error.offset);
    return { ok: false, error: { message: error.message, offset: error.offset, line, column } };
  }
}
