// Positions for a value that JSON.parse has already read: a cursor that follows the text while the
// caller walks the parsed value in document order, and gives each token's line and column.
//
// JSON.parse has checked the syntax, so the cursor only finds tokens. Each read takes exactly one
// token: a string runs from the next quote to the first unescaped quote after it; a bracket must be
// the next character that is not whitespace or a separator; a scalar must be next too. So the walk's
// n-th string is the text's n-th string token, whatever else happens. The walk must read every
// string token, keys included, once and in order; then one check at the end proves that the
// positions were right: a duplicate key, which JSON.parse drops silently, leaves string tokens in the
// text that the walk never read (`atEnd` is false), and the caller falls back to the
// position-keeping parser of parse.ts, which reports it. The one other way for the two to disagree,
// a key that JavaScript reorders (an array index such as "1"), is for the walk to refuse.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export class TextCursor {
  readonly text: string;
  /** Offset of the next character to read. */
  private pos = 0;
  /** `nextQuote()` for `pos` = `quoteFrom`. */
  private quoteFrom = -1;
  private quote = -1;
  /** 1-based line of the last located offset, the offset where it starts, and the next line break. */
  line = 1;
  lineStart = 0;
  /** Offset of the first line break after `lineStart`; the text's length when there is none. */
  nextBreak: number;

  constructor(text: string) {
    this.text = text;
    this.nextBreak = breakAfter(text, 0);
  }

  /**
   * Moves `line` and `lineStart` to the line of `offset` (the column is `offset - lineStart + 1`).
   * Offsets must be asked for in increasing order.
   */
  advanceTo(offset: number): void {
    const text = this.text;
    while (this.nextBreak < offset) {
      this.line++;
      this.lineStart = this.nextBreak + 1;
      this.nextBreak = breakAfter(text, this.lineStart);
    }
  }

  /**
   * Reads the next string token (a key or a value) whose value has `length` characters; its offset,
   * or -1 when there is none.
   */
  string(length: number): number {
    const text = this.text;
    const at = text.charCodeAt(this.pos) === QUOTE ? this.pos : this.nextQuote();
    if (at === -1) return -1;
    let close = text.indexOf('"', at + 1);
    // Written without escapes, as almost all strings are: the next quote closes it, right after
    // `length` characters. Escapes only make the text longer than the value.
    if (close !== at + 1 + length || text.charCodeAt(close - 1) === BACKSLASH) {
      // A quote after an odd number of backslashes is part of the string.
      while (close !== -1 && escaped(text, close)) close = text.indexOf('"', close + 1);
      if (close === -1) return -1;
    }
    this.pos = close + 1;
    return at;
  }

  /**
   * Reads the next string token as a key, and the ':' after it: its value is then the next thing in
   * the text, found without a search.
   */
  key(length: number): number {
    const at = this.string(length);
    if (at === -1) return -1;
    const text = this.text;
    let pos = this.pos;
    while (isSeparator(text.charCodeAt(pos))) pos++;
    this.pos = pos;
    return at;
  }

  /** Reads the next `{` or `[`, which must come before the next string; its offset, or -1. */
  open(bracket: "{" | "["): number {
    const pos = this.pos;
    if (this.text.charCodeAt(pos) === bracket.charCodeAt(0)) {
      this.pos = pos + 1;
      return pos;
    }
    const at = this.text.indexOf(bracket, pos);
    if (at === -1) return -1;
    const quote = this.nextQuote();
    if (quote !== -1 && quote < at) return -1;
    this.pos = at + 1;
    return at;
  }

  /** The offset of the first quote from `pos` on (-1: none), found once for the reads that ask. */
  private nextQuote(): number {
    if (this.quoteFrom !== this.pos) {
      this.quoteFrom = this.pos;
      this.quote = this.text.indexOf('"', this.pos);
    }
    return this.quote;
  }

  /** Reads the next token, which must be a number, `true`, `false` or `null`; its offset, or -1. */
  scalar(): number {
    const text = this.text;
    let at = this.pos;
    while (isSeparator(text.charCodeAt(at))) at++;
    let end = at;
    for (;;) {
      const c = text.charCodeAt(end);
      // Digits, lower-case letters (true, false, null, e), 'E', '+', '-' and '.'.
      if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a)) end++;
      else if (c === 0x45 || c === 0x2b || c === 0x2d || c === 0x2e) end++;
      else break;
    }
    if (end === at) return -1;
    this.pos = end;
    return at;
  }

  /** The text of the scalar `scalar()` just read. */
  scalarText(at: number): string {
    return this.text.slice(at, this.pos);
  }

  /** Whether every string token of the text was read (so none was dropped by JSON.parse). */
  atEnd(): boolean {
    return this.text.indexOf('"', this.pos) === -1;
  }
}

/** Whitespace, and the separators ',' and ':'. */
function isSeparator(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x2c || c === 0x3a;
}

function breakAfter(text: string, from: number): number {
  const at = text.indexOf("\n", from);
  return at === -1 ? text.length : at;
}

function escaped(text: string, quote: number): boolean {
  let backslashes = 0;
  for (let i = quote - 1; text.charCodeAt(i) === BACKSLASH; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** Whether JavaScript would list `key` before the other keys of its object (an array index). */
export function isIndexLikeKey(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 0x30 && c <= 0x39 && /^(?:0|[1-9]\d*)$/.test(key);
}
