// Glob helpers for lint: `*` = any run of characters, `?` = one character (IAM-SEMANTICS §2, §3.2).
// Dynamic programming over both strings: no regular expressions built from policy text, no backtracking.

export function hasWildcard(text: string): boolean {
  return text.includes("*") || text.includes("?");
}

/**
 * Whether every string matched by `inner` is also matched by `outer` (sound, not complete: it may say
 * false for an exotic covering, never true wrongly). A literal `inner` is plain glob matching. A `*` of
 * `inner` can only be absorbed by a `*` of `outer`; a `?` of `inner` by `*` or `?`.
 */
export function globCovers(outer: string, inner: string, ignoreCase = false): boolean {
  const p = ignoreCase ? outer.toLowerCase() : outer;
  const s = ignoreCase ? inner.toLowerCase() : inner;
  // Fast rejection: the literal text before the first wildcard of `outer` must start `inner`.
  const firstWildcard = p.search(/[*?]/);
  const head = firstWildcard < 0 ? p : p.slice(0, firstWildcard);
  if (!s.startsWith(head)) return false;
  if (firstWildcard < 0) return p === s;
  // reach[j]: outer[0..i) can cover inner[0..j)
  let reach: boolean[] = new Array<boolean>(s.length + 1).fill(false);
  reach[0] = true;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    const next: boolean[] = new Array<boolean>(s.length + 1).fill(false);
    if (c === "*") {
      let any = false;
      for (let j = 0; j <= s.length; j++) {
        any = any || reach[j]!;
        next[j] = any;
      }
    } else {
      for (let j = 0; j < s.length; j++) {
        if (!reach[j]) continue;
        const d = s[j];
        if (d === "*") continue;
        if (c === "?" ? true : c === d && d !== "?") next[j + 1] = true;
      }
    }
    reach = next;
  }
  return reach[s.length]!;
}

/** Action patterns are case-insensitive (IAM-SEMANTICS §2). */
export function patternCovers(pattern: string, action: string): boolean {
  return globCovers(pattern, action, true);
}
