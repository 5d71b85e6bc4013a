// Action matching (docs/evaluation-rules.md §2): case-insensitive glob over the whole `service:Name` string.
import type { Glob } from "./glob.js";
import { compileGlob, matchGlob } from "./glob.js";
import { remember } from "../bounded-cache.js";

export interface ActionPattern {
  pattern: string;
  glob: Glob;
  /** Lower-case service prefix when it has no wildcard (used to index statements); undefined otherwise. */
  service?: string;
}

/**
 * The lower-case service prefix of an action pattern, or undefined when it has a wildcard (or no
 * colon). Read for every action of every policy loaded, so it looks at the prefix alone.
 */
export function actionPatternService(pattern: string): string | undefined {
  const colon = pattern.indexOf(":");
  if (colon === -1) return undefined;
  let lowerCase = true;
  for (let i = 0; i < colon; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 0x2a || c === 0x3f) return undefined; // '*' or '?'
    if (c > 0x7f) return nonAsciiService(pattern);
    if (c >= 0x41 && c <= 0x5a) lowerCase = false;
  }
  const prefix = pattern.slice(0, colon);
  return lowerCase ? prefix : prefix.toLowerCase();
}

/** Outside ASCII, lower-casing can depend on what follows (Greek final sigma): lower the whole. */
function nonAsciiService(pattern: string): string | undefined {
  const lower = pattern.toLowerCase();
  const prefix = lower.slice(0, lower.indexOf(":"));
  return prefix.includes("*") || prefix.includes("?") ? undefined : prefix;
}

export function compileActionPattern(pattern: string): ActionPattern {
  const service = actionPatternService(pattern);
  return {
    pattern,
    glob: compileGlob(pattern.toLowerCase()),
    ...(service !== undefined ? { service } : {}),
  };
}

/** `actionLower` must already be lower-case. */
export function matchActionPattern(pattern: ActionPattern, actionLower: string): boolean {
  return matchGlob(pattern.glob, actionLower);
}

const actionCache = new Map<string, ActionPattern>();

/** Whether the IAM Action `pattern` matches `action` (case-insensitive, `*` and `?` wildcards). */
export function matchAction(pattern: string, action: string): boolean {
  const compiled = remember(actionCache, pattern, 1024, compileActionPattern);
  return matchActionPattern(compiled, action.toLowerCase());
}
