// `*` and `?` wildcards of Action elements (docs/evaluation-rules.md §2): anchored, case-insensitive.
// Greedy matching with one backtrack point per `*`: O(n·m) at worst, never exponential.

export function wildcardMatch(pattern: string, text: string): boolean {
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  let pi = 0;
  let ti = 0;
  let starP = -1;
  let starT = 0;
  while (ti < t.length) {
    const c = p.charCodeAt(pi);
    if (pi < p.length && (c === 63 /* ? */ || c === t.charCodeAt(ti))) {
      pi++;
      ti++;
    } else if (pi < p.length && c === 42 /* * */) {
      starP = pi++;
      starT = ti;
    } else if (starP !== -1) {
      pi = starP + 1;
      ti = ++starT;
    } else {
      return false;
    }
  }
  while (pi < p.length && p.charCodeAt(pi) === 42) pi++;
  return pi === p.length;
}

export function hasWildcard(text: string): boolean {
  return text.includes("*") || text.includes("?");
}
