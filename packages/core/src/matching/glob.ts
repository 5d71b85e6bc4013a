// Linear-time glob matching for IAM wildcards: `*` = any run of characters (including none, `/`, `:`
// and line breaks), `?` = exactly one UTF-16 code unit. No regular expression is ever built from
// policy text. The pattern is split on `*` into parts; the first part is anchored at the start, the
// last at the end, and each middle part takes its leftmost occurrence. Leftmost placement is always
// safe for `*`-globs (a later placement can only leave less room for the rest), so there is no
// backtracking. A part containing `?` is searched with bit-parallel shift-and (one pass over the
// text, ⌈part/32⌉ words of state per character), so time is O(text × ⌈longest `?` part / 32⌉), and
// O(text + pattern) for patterns without `?`.

/** A piece of a pattern between two `*`. `wild[i]` is true where a `?` wildcard stands. */
export interface GlobPart {
  text: string;
  /** `null` when the part has no `?` wildcard. */
  wild: boolean[] | null;
  /** Shift-and tables for searching a part with `?`, built on first search. */
  search?: ShiftAnd;
}

/** Bit i of a mask is set where position i of the part accepts the character (always at a `?`). */
interface ShiftAnd {
  words: number;
  masks: Map<number, Uint32Array>;
  /** The mask of a character the part does not contain: only its `?` positions. */
  wildOnly: Uint32Array;
  state: Uint32Array;
}

export interface Glob {
  /** Set when the pattern has no wildcard at all: plain equality. */
  exact: string | undefined;
  /** Set when the pattern is text without `?` followed by one final `*` ("instance/*"): a prefix test. */
  prefix: string | undefined;
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

/** A pattern without wildcards: plain equality. */
function exactGlob(text: string): Glob {
  return {
    exact: text,
    prefix: undefined,
    parts: [{ text, wild: null }],
    hasStar: false,
    minLength: text.length,
  };
}

/** `prefix` of a glob with these parts: one part without `?` before a final, lone `*`. */
function prefixOf(parts: readonly GlobPart[]): string | undefined {
  return parts.length === 2 && parts[0]!.wild === null && parts[1]!.text.length === 0
    ? parts[0]!.text
    : undefined;
}

/**
 * The common case, raw text without `?`: split on `*` (no piece walk, no closures). Builds the same
 * object, property for property, as the general path below.
 */
function compileStarGlob(pattern: string): Glob {
  if (pattern.indexOf("*") === -1) return exactGlob(pattern);
  const texts = pattern.split("*");
  const parts: GlobPart[] = [];
  for (const text of texts) parts.push({ text, wild: null });
  return {
    exact: undefined,
    prefix: prefixOf(parts),
    parts,
    hasStar: true,
    minLength: pattern.length - (texts.length - 1),
  };
}

/** Compiles pieces of raw and literal text into a glob. Linear in the pattern, slicing between wildcards. */
export function compileGlobPieces(pieces: readonly GlobPiece[]): Glob {
  if (pieces.length === 0) return exactGlob("");
  if (pieces.length === 1) {
    const only = pieces[0]!;
    if (only.literal) return exactGlob(only.text);
    if (only.text.indexOf("?") === -1) return compileStarGlob(only.text);
  }
  const parts: GlobPart[] = [];
  let chunks: string[] = [];
  let length = 0;
  // Positions of `?` wildcards in the current part; most parts have none.
  let wildAt: number[] | null = null;
  let anyWildcard = false;
  const append = (text: string) => {
    if (text.length === 0) return;
    chunks.push(text);
    length += text.length;
  };
  const closePart = () => {
    const text = chunks.length === 1 ? chunks[0]! : chunks.join("");
    let wild: boolean[] | null = null;
    if (wildAt !== null) {
      wild = new Array<boolean>(text.length).fill(false);
      for (const i of wildAt) wild[i] = true;
    }
    parts.push({ text, wild });
    chunks = [];
    length = 0;
    wildAt = null;
  };
  for (const piece of pieces) {
    const text = piece.text;
    if (piece.literal) {
      append(text);
      continue;
    }
    let from = 0;
    // Each search runs again only after its hit is consumed, so the scan stays linear.
    let star = text.indexOf("*");
    let question = text.indexOf("?");
    for (;;) {
      if (star !== -1 && star < from) star = text.indexOf("*", from);
      if (question !== -1 && question < from) question = text.indexOf("?", from);
      const next = star === -1 ? question : question === -1 ? star : Math.min(star, question);
      if (next === -1) {
        append(text.slice(from));
        break;
      }
      append(text.slice(from, next));
      anyWildcard = true;
      if (next === star) {
        closePart();
      } else {
        (wildAt ??= []).push(length);
        append("?");
      }
      from = next + 1;
    }
  }
  closePart();
  const minLength = parts.reduce((sum, p) => sum + p.text.length, 0);
  return {
    exact: anyWildcard ? undefined : parts[0]!.text,
    prefix: prefixOf(parts),
    parts,
    hasStar: parts.length > 1,
    minLength,
  };
}

/** Compiles an IAM wildcard pattern (`*`, `?`). */
export function compileGlob(pattern: string): Glob {
  if (pattern.indexOf("?") === -1) return compileStarGlob(pattern);
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

function buildShiftAnd(text: string, wild: readonly boolean[]): ShiftAnd {
  const words = (text.length + 31) >>> 5;
  const wildOnly = new Uint32Array(words);
  for (let i = 0; i < text.length; i++) if (wild[i]) wildOnly[i >>> 5]! |= 1 << (i & 31);
  const masks = new Map<number, Uint32Array>();
  for (let i = 0; i < text.length; i++) {
    if (wild[i]) continue;
    const code = text.charCodeAt(i);
    let mask = masks.get(code);
    if (mask === undefined) masks.set(code, (mask = Uint32Array.from(wildOnly)));
    mask[i >>> 5]! |= 1 << (i & 31);
  }
  return { words, masks, wildOnly, state: new Uint32Array(words) };
}

/** Leftmost occurrence of a part with `?` in text[from, limit), by shift-and: one pass, no backtracking. */
function findWildPart(part: GlobPart, text: string, from: number, limit: number): number {
  const m = part.text.length;
  const search = (part.search ??= buildShiftAnd(part.text, part.wild!));
  const { words, masks, wildOnly, state } = search;
  state.fill(0);
  const lastWord = (m - 1) >>> 5;
  const lastBit = 1 << ((m - 1) & 31);
  for (let j = from; j < limit; j++) {
    const mask = masks.get(text.charCodeAt(j)) ?? wildOnly;
    let carry = 1;
    for (let w = 0; w < words; w++) {
      const d = state[w]!;
      state[w] = ((d << 1) | carry) & mask[w]!;
      carry = d >>> 31;
    }
    // Parts have a fixed length, so the leftmost end is also the leftmost start.
    if ((state[lastWord]! & lastBit) !== 0) return j - m + 1;
  }
  return -1;
}

/** Leftmost index >= from where `part` occurs and ends by `limit`, or -1. */
function findPart(part: GlobPart, text: string, from: number, limit: number): number {
  const last = limit - part.text.length;
  if (last < from) return -1;
  if (part.wild === null) {
    const index = text.indexOf(part.text, from);
    return index !== -1 && index <= last ? index : -1;
  }
  return findWildPart(part, text, from, limit);
}

/** Whether `text` matches the whole glob. */
export function matchGlob(glob: Glob, text: string): boolean {
  return matchGlobRange(glob, text, 0, text.length);
}

/** Whether `text.slice(start, end)` matches the whole glob, without slicing. */
export function matchGlobRange(glob: Glob, text: string, start: number, end: number): boolean {
  const length = end - start;
  if (glob.exact !== undefined)
    return length === glob.exact.length && text.startsWith(glob.exact, start);
  if (glob.prefix !== undefined)
    return length >= glob.minLength && text.startsWith(glob.prefix, start);
  const parts = glob.parts;
  // Two empty parts: the pattern is exactly `*`, which matches everything.
  if (glob.minLength === 0 && parts.length === 2) return true;
  if (!glob.hasStar) {
    const only = parts[0]!;
    return length === only.text.length && partMatchesAt(only, text, start);
  }
  if (length < glob.minLength) return false;
  const first = parts[0]!;
  const lastPart = parts[parts.length - 1]!;
  if (!partMatchesAt(first, text, start)) return false;
  const tail = end - lastPart.text.length;
  if (!partMatchesAt(lastPart, text, tail)) return false;
  let pos = start + first.text.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i]!;
    if (part.text.length === 0) continue;
    const at = findPart(part, text, pos, tail);
    if (at === -1) return false;
    pos = at + part.text.length;
  }
  return true;
}

/** One-shot convenience: whether `text` matches the IAM wildcard `pattern` (case-sensitive). */
export function globMatch(pattern: string, text: string): boolean {
  return matchGlob(compileGlob(pattern), text);
}
