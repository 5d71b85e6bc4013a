// Language containment and intersection of IAM wildcard patterns (`*`, `?`), decided exactly by
// a product of the two patterns' automata (the pattern on the right is determinised on the fly).
// Resource patterns follow the evaluator's ARN rules (docs/access-checks.md): a resource with
// six fields is matched field by field, so `*` and `?` in the first five fields never match a
// colon, the sixth field takes any text, and a pattern with fewer than six fields matches an ARN
// only when it ends with `*`; any other resource is matched against the whole pattern.
// Answers are `true`, `false` or `"unknown"` (the search hit its state budget): callers treat
// `"unknown"` as the unsafe answer.

export type Decision3 = boolean | "unknown";

type Token =
  | { kind: "lit"; code: number }
  | { kind: "any"; colon: boolean }
  | { kind: "star"; colon: boolean };

/** A pattern as tokens; `null` is the empty language. */
type Tokens = Token[] | null;

const COLON = 58;
const STAR = 42;
const QUESTION = 63;
/** A character code that stands for every character no pattern names (outside UTF-16). */
const OTHER = -1;
const MAX_STATES = 50_000;

/** The colon constraint: ARN resources have at least five colons, other resources fewer. */
type Mode = "arn" | "plain" | "free";

function globTokens(pattern: string, colon: boolean): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const code = pattern.charCodeAt(i);
    if (code === STAR) {
      // `**` is `*`.
      const last = tokens[tokens.length - 1];
      if (!(last && last.kind === "star" && last.colon === colon))
        tokens.push({ kind: "star", colon });
    } else if (code === QUESTION) tokens.push({ kind: "any", colon });
    else tokens.push({ kind: "lit", code });
  }
  return tokens;
}

/** The ARN reading of a Resource pattern: fields split on the first five colons. */
function arnTokens(pattern: string): Tokens {
  const fields: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = pattern.indexOf(":", start);
    if (colon === -1) break;
    fields.push(pattern.slice(start, colon));
    start = colon + 1;
  }
  fields.push(pattern.slice(start));
  const last = fields[fields.length - 1]!;
  if (fields.length < 6 && !last.endsWith("*")) return null;
  const tokens: Token[] = [];
  fields.forEach((field, index) => {
    if (index > 0) tokens.push({ kind: "lit", code: COLON });
    tokens.push(...globTokens(field, index === fields.length - 1));
  });
  return tokens;
}

function closure(tokens: Token[], states: Iterable<number>): number[] {
  const seen = new Set<number>();
  const stack = [...states];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    if (s < tokens.length && tokens[s]!.kind === "star") stack.push(s + 1);
  }
  return [...seen].sort((a, b) => a - b);
}

function step(tokens: Token[], states: readonly number[], code: number): number[] {
  const next = new Set<number>();
  for (const s of states) {
    if (s >= tokens.length) continue;
    const token = tokens[s]!;
    const isColon = code === COLON;
    if (token.kind === "lit") {
      if (token.code === code) next.add(s + 1);
    } else if (token.kind === "any") {
      if (token.colon || !isColon) next.add(s + 1);
    } else if (token.colon || !isColon) next.add(s);
  }
  return closure(tokens, next);
}

function alphabet(a: Token[], b: Token[]): number[] {
  const codes = new Set<number>([COLON, OTHER]);
  for (const token of [...a, ...b]) if (token.kind === "lit") codes.add(token.code);
  return [...codes];
}

function modeAccepts(mode: Mode, colons: number): boolean {
  return mode === "free" || (mode === "arn" ? colons >= 5 : colons < 5);
}

/**
 * Searches for a text in L(a) (under the mode) that `b` accepts (`wantInB`) or rejects. Returns
 * true when one exists, `"unknown"` past the state budget.
 */
function search(a: Token[], b: Token[] | null, mode: Mode, wantInB: boolean): Decision3 {
  const bTokens = b ?? [];
  const codes = alphabet(a, bTokens);
  const startA = closure(a, [0]);
  const startB = b ? closure(bTokens, [0]) : [];
  const key = (sa: number[], sb: number[], colons: number) =>
    `${sa.join(",")}|${sb.join(",")}|${colons}`;
  const seen = new Set<string>();
  const queue: [number[], number[], number][] = [[startA, startB, 0]];
  seen.add(key(startA, startB, 0));
  while (queue.length > 0) {
    const [sa, sb, colons] = queue.shift()!;
    const aAccepts = sa.includes(a.length);
    const bAccepts = b !== null && sb.includes(bTokens.length);
    if (aAccepts && modeAccepts(mode, colons) && bAccepts === wantInB) return true;
    for (const code of codes) {
      const na = step(a, sa, code);
      if (na.length === 0) continue;
      const nb = b ? step(bTokens, sb, code) : [];
      if (wantInB && nb.length === 0) continue;
      const nc = code === COLON ? Math.min(colons + 1, 5) : colons;
      if (mode === "plain" && nc >= 5) continue;
      const k = key(na, nb, nc);
      if (seen.has(k)) continue;
      if (seen.size >= MAX_STATES) return "unknown";
      seen.add(k);
      queue.push([na, nb, nc]);
    }
  }
  return false;
}

function not(value: Decision3): Decision3 {
  return value === "unknown" ? value : !value;
}

function and(a: Decision3, b: () => Decision3): Decision3 {
  if (a === false) return false;
  const second = b();
  if (second === false) return false;
  return a === true && second === true ? true : "unknown";
}

function or(a: Decision3, b: () => Decision3): Decision3 {
  if (a === true) return true;
  const second = b();
  if (second === true) return true;
  return a === false && second === false ? false : "unknown";
}

function contains(inner: Tokens, outer: Tokens, mode: Mode): Decision3 {
  if (inner === null) return true;
  return not(search(inner, outer, mode, false));
}

function intersects(a: Tokens, b: Tokens, mode: Mode): Decision3 {
  if (a === null || b === null) return false;
  return search(a, b, mode, true);
}

const MAX_MEMO = 20_000;
const containsMemo = new Map<string, Decision3>();
const intersectsMemo = new Map<string, Decision3>();

function memo(
  map: Map<string, Decision3>,
  a: string,
  b: string,
  compute: () => Decision3,
): Decision3 {
  const key = `${a}\u0000${b}`;
  const found = map.get(key);
  if (found !== undefined) return found;
  const value = compute();
  if (map.size >= MAX_MEMO) map.clear();
  map.set(key, value);
  return value;
}

/** Whether every resource the Resource pattern `inner` matches is matched by `outer` (no variables). */
export function resourcePatternContains(inner: string, outer: string): Decision3 {
  if (outer === "*" || inner === outer) return true;
  return memo(containsMemo, inner, outer, () => resourceContainsUncached(inner, outer));
}

function resourceContainsUncached(inner: string, outer: string): Decision3 {
  return and(contains(arnTokens(inner), arnTokens(outer), "arn"), () =>
    contains(globTokens(inner, true), globTokens(outer, true), "plain"),
  );
}

/** Whether some resource is matched by both Resource patterns (no variables). */
export function resourcePatternsIntersect(a: string, b: string): Decision3 {
  if (a === "*" || b === "*" || a === b) return true;
  return memo(intersectsMemo, a, b, () => resourceIntersectsUncached(a, b));
}

function resourceIntersectsUncached(a: string, b: string): Decision3 {
  return or(intersects(arnTokens(a), arnTokens(b), "arn"), () =>
    intersects(globTokens(a, true), globTokens(b, true), "plain"),
  );
}

/** Whether every action the Action pattern `inner` matches is matched by `outer` (case-insensitive). */
export function actionPatternContains(inner: string, outer: string): Decision3 {
  const i = inner.toLowerCase();
  const o = outer.toLowerCase();
  if (o === "*" || i === o) return true;
  return contains(globTokens(i, true), globTokens(o, true), "free");
}

/** Whether some action is matched by both Action patterns (case-insensitive). */
export function actionPatternsIntersect(a: string, b: string): Decision3 {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === "*" || y === "*" || x === y) return true;
  return intersects(globTokens(x, true), globTokens(y, true), "free");
}
