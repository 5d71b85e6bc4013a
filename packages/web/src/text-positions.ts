// Positions in a policy's JSON text: core reports 1-based line/column; the editor wants offsets
// and ranges (a whole statement object for highlighting, one token for a diagnostic).

/** The offset of a 1-based line and column, clamped into the text. */
export function offsetOf(text: string, line: number, column = 1): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf("\n", offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf("\n", offset);
  const end = lineEnd === -1 ? text.length : lineEnd;
  return Math.min(offset + Math.max(column - 1, 0), end);
}

/** The 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The range of the JSON value starting at `offset` (after whitespace): a whole object/array
 * with its brackets matched (strings respected), a string with its quotes, or a bare token.
 */
export function valueRangeAt(text: string, offset: number): { from: number; to: number } {
  let from = offset;
  while (from < text.length && /\s/.test(text[from]!)) from++;
  const first = text[from];
  if (first === "{" || first === "[") {
    let depth = 0;
    for (let i = from; i < text.length; i++) {
      const ch = text[i];
      if (ch === '"') i = stringEnd(text, i) - 1;
      else if (ch === "{" || ch === "[") depth++;
      else if (ch === "}" || ch === "]") {
        depth--;
        if (depth === 0) return { from, to: i + 1 };
      }
    }
    return { from, to: text.length };
  }
  if (first === '"') return { from, to: stringEnd(text, from) };
  let to = from;
  while (to < text.length && !/[\s,:{}[\]"]/.test(text[to]!)) to++;
  return { from, to: Math.max(to, Math.min(from + 1, text.length)) };
}

/** The offset just past the closing quote of the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\\") i++;
    else if (ch === '"') return i + 1;
    else if (ch === "\n") return i;
  }
  return text.length;
}
