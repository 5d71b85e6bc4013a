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
 * Service prefixes met before, by a hash of their lower-case characters. Every action of every
 * policy loaded has its prefix read, and a policy names few services: found here, a prefix needs no
 * new string, and its hash as a Map key (the statement index is a Map by service) is already known.
 * Bounded (emptied when full); a hash that two prefixes share costs a string, never a wrong answer.
 */
const knownServices = new Map<number, string>();
const KNOWN_SERVICES = 4096;

/**
 * The lower-case service prefix of an action pattern, or undefined when it has a wildcard (or no
 * colon). It looks at the prefix alone.
 */
export function actionPatternService(pattern: string): string | undefined {
  const colon = pattern.indexOf(":");
  if (colon === -1) return undefined;
  let hash = 0;
  for (let i = 0; i < colon; i++) {
    let c = pattern.charCodeAt(i);
    if (c === 0x2a || c === 0x3f) return undefined; // '*' or '?'
    if (c > 0x7f) return nonAsciiService(pattern);
    if (c >= 0x41 && c <= 0x5a) c += 0x20; // 'A'-'Z'
    hash = (Math.imul(hash, 31) + c) & 0x3fffffff;
  }
  const known = knownServices.get(hash);
  if (known !== undefined && isPrefixOf(known, pattern, colon)) return known;
  const service = pattern.slice(0, colon).toLowerCase();
  if (knownServices.size >= KNOWN_SERVICES) knownServices.clear();
  knownServices.set(hash, service);
  return service;
}

/** Whether `service` is the lower-cased first `length` characters of `pattern` (ASCII). */
function isPrefixOf(service: string, pattern: string, length: number): boolean {
  if (service.length !== length) return false;
  for (let i = 0; i < length; i++) {
    let c = pattern.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== service.charCodeAt(i)) return false;
  }
  return true;
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
