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

/** The lower-case service prefix of an action pattern, or undefined when it has a wildcard. */
export function actionPatternService(pattern: string): string | undefined {
  const lower = pattern.toLowerCase();
  const colon = lower.indexOf(":");
  const prefix = colon === -1 ? undefined : lower.slice(0, colon);
  return prefix !== undefined && !prefix.includes("*") && !prefix.includes("?")
    ? prefix
    : undefined;
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
