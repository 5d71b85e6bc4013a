// Line/column bookkeeping for a JSON document embedded in a larger file (a fenced block of a
// documentation page, the `document` member of a corpus record), so diagnostics point into the file.

export interface TextOffset {
  /** 0-based line of the embedded text's first character in the file. */
  line: number;
  /** 0-based column of the embedded text's first character in the file. */
  column: number;
}

export function offsetOf(text: string, index: number): TextOffset {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart };
}

/** Maps a 1-based line/column inside the embedded text to the enclosing file. */
export function shiftPosition(
  offset: TextOffset,
  line: number,
  column: number,
): { line: number; column: number } {
  return line === 1
    ? { line: offset.line + 1, column: offset.column + column }
    : { line: offset.line + line, column };
}

/** 1-based line and column of a character index (for JSON.parse's "at position N"). */
export function positionAt(text: string, index: number): { line: number; column: number } {
  const o = offsetOf(text, index);
  return { line: o.line + 1, column: o.column + 1 };
}
