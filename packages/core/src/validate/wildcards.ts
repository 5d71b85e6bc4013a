// Glob helpers for lint: `*` = any run of characters, `?` = one character (docs/evaluation-rules.md §2, §3.2).
// Hand-written matching: no regular expressions built from policy text, no exponential backtracking.

export function hasWildcard(text: string): boolean {
  return text.includes("*") || text.includes("?");
}

function lastWildcardIndex(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) if (text[i] === "*" || text[i] === "?") return i;
  return -1;
}

function firstWildcardIndex(text: string): number {
  for (let i = 0; i < text.length; i++) if (text[i] === "*" || text[i] === "?") return i;
  return -1;
}

/**
 * Whether every string matched by `inner` is also matched by `outer` (sound, not complete: it may say
 * false for an exotic covering, never true wrongly). A literal `inner` is plain glob matching. A `*` of
 * `inner` can only be absorbed by a `*` of `outer`; a `?` of `inner` by `*` or `?`.
 */
export function globCovers(outer: string, inner: string, ignoreCase = false): boolean {
  const p = ignoreCase ? outer.toLowerCase() : outer;
  const s = ignoreCase ? inner.toLowerCase() : inner;
  // Fast paths: a literal `outer` must equal `inner`; `head*` (the common case) covers whatever follows
  // the head; otherwise the head and the literal tail after the last wildcard must both fit.
  const firstWildcard = firstWildcardIndex(p);
  if (firstWildcard < 0) return p === s;
  const head = p.slice(0, firstWildcard);
  if (!s.startsWith(head)) return false;
  if (firstWildcard === p.length - 1 && p[firstWildcard] === "*") return true;
  const tail = p.slice(lastWildcardIndex(p) + 1);
  if (!s.endsWith(tail) || s.length < head.length + tail.length) return false;

  // Greedy match with one backtrack point (the last `*` of `outer`): `*` absorbs any run of `inner`,
  // wildcards included, so retrying from the last star is enough (no exponential backtracking).
  let i = 0;
  let j = 0;
  let star = -1;
  let starJ = 0;
  while (j < s.length) {
    const c = p[i];
    const d = s[j]!;
    if (c === "*") {
      star = i++;
      starJ = j;
    } else if (c !== undefined && d !== "*" && (c === "?" || (c === d && d !== "?"))) {
      i++;
      j++;
    } else if (star >= 0) {
      i = star + 1;
      j = ++starJ;
    } else return false;
  }
  while (p[i] === "*") i++;
  return i === p.length;
}

/** Action patterns are case-insensitive (docs/evaluation-rules.md §2). */
export function patternCovers(pattern: string, action: string): boolean {
  return globCovers(pattern, action, true);
}
