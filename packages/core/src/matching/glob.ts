// Linear-time glob matching for IAM wildcards: `*` = any run of characters (including none, `/`, `:`
// and line breaks), `?` = exactly one UTF-16 code unit. No regular expression is ever built from
// policy text. The pattern is split on `*` into parts; the first part is anchored at the start, the
// last at the end, and each middle part takes its leftmost occurrence. Leftmost placement is always
// safe for `*`-globs (a later placement can only leave less room for the rest), so there is no
// backtracking: time is O(text × longest part containing `?`), and O(text + pattern) otherwise.

/** A piece of a pattern between two `*`. `wild[i]` is true where a `?` wildcard stands. */
export interface GlobPart {
  text: string;
  /** `null` when the part has no `?` wildcard. */
  wild: boolean[] | null;
}

export interface Glob {
  /** Set when the pattern has no wildcard at all: plain equality. */
  exact?: string;
  parts: GlobPart[];
  /** Whether the pattern contains at least one `*` (then parts.length >= 2). */
  hasStar: boolean;
  /** Sum of part lengths: the shortest text that can match. */
  minLength: number;
}

/** A pattern piece: `raw` text keeps its wildcards; `literal` text (substituted variables, `${*}`) does not. */
export interface GlobPiece {
  text: string;
  literal: boolean;
}

/** Compiles pieces of raw and literal text into a glob. */
export function compileGlobPieces(pieces: readonly GlobPiece[]): Glob {
  const parts: GlobPart[] = [];
  let text = "";
  let wild: boolean[] | null = null;
  let anyWildcard = false;
  const closePart = () => {
    parts.push({ text, wild });
    text = "";
    wild = null;
  };
  for (const piece of pieces) {
    if (piece.literal) {
      if (wild !== null)
        for (let i = 0; i < piece.text.length; i++) (wild as boolean[]).push(false);
      text += piece.text;
      continue;
    }
    for (let i = 0; i < piece.text.length; i++) {
      const c = piece.text[i]!;
      if (c === "*") {
        anyWildcard = true;
        closePart();
      } else if (c === "?") {
        anyWildcard = true;
        if (wild === null) wild = new Array<boolean>(text.length).fill(false);
        (wild as boolean[]).push(true);
        text += c;
      } else {
        if (wild !== null) (wild as boolean[]).push(false);
        text += c;
      }
    }
  }
  closePart();
  const minLength = parts.reduce((sum, p) => sum + p.text.length, 0);
  const glob: Glob = { parts, hasStar: parts.length > 1, minLength };
  if (!anyWildcard) glob.exact = parts.map((p) => p.text).join("");
  return glob;
}

/** Compiles an IAM wildcard pattern (`*`, `?`). */
export function compileGlob(pattern: string): Glob {
  return compileGlobPieces([{ text: pattern, literal: false }]);
}

function partMatchesAt(part: GlobPart, text: string, at: number): boolean {
  const p = part.text;
  const wild = part.wild;
  if (wild === null) return text.startsWith(p, at);
  for (let i = 0; i < p.length; i++) {
    if (!wild[i] && text.charCodeAt(at + i) !== p.charCodeAt(i)) return false;
  }
  return true;
}

/** Leftmost index >= from where `part` occurs and ends by `limit`, or -1. */
function findPart(part: GlobPart, text: string, from: number, limit: number): number {
  const last = limit - part.text.length;
  if (last < from) return -1;
  if (part.wild === null) {
    const index = text.indexOf(part.text, from);
    return index !== -1 && index <= last ? index : -1;
  }
  for (let at = from; at <= last; at++) if (partMatchesAt(part, text, at)) return at;
  return -1;
}

/** Whether `text` matches the whole glob. */
export function matchGlob(glob: Glob, text: string): boolean {
  if (glob.exact !== undefined) return text === glob.exact;
  const parts = glob.parts;
  if (!glob.hasStar) {
    const only = parts[0]!;
    return text.length === only.text.length && partMatchesAt(only, text, 0);
  }
  if (text.length < glob.minLength) return false;
  const first = parts[0]!;
  const lastPart = parts[parts.length - 1]!;
  if (!partMatchesAt(first, text, 0)) return false;
  const end = text.length - lastPart.text.length;
  if (!partMatchesAt(lastPart, text, end)) return false;
  let pos = first.text.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i]!;
    if (part.text.length === 0) continue;
    const at = findPart(part, text, pos, end);
    if (at === -1) return false;
    pos = at + part.text.length;
  }
  return true;
}

/** One-shot convenience: whether `text` matches the IAM wildcard `pattern` (case-sensitive). */
export function globMatch(pattern: string, text: string): boolean {
  return matchGlob(compileGlob(pattern), text);
}
