// One policy document compiled for one place in a request, with reuse: text by content in a bounded
// LRU, objects by identity from their second use (see load-policies.ts for the contract).
import { policyTypeWord } from "../explain/describe.js";
import { isPolicyAst, lengthOf, statementsOf } from "./policy-set-fingerprint.js";
import type { Diagnostic, Policy, PolicyType } from "../types.js";
import { isParsedPolicy, parsePolicy } from "../policy/parse-policy.js";
import { policyToDocument } from "../policy/policy-to-document.js";
import { parsePolicyDeferringPositions } from "../policy/deferred-positions.js";
import type { CompiledPolicy } from "./compiled-policy.js";
import { compilePolicy } from "./compiled-policy.js";

/** Checks on an already parsed Policy that parsePolicy would have made for this policy type (docs/evaluation-rules.md §1.6). */
function policyTypeProblem(
  policy: Policy,
  policyType: PolicyType,
): { message: string; path: string; line?: number; column?: number } | undefined {
  for (const s of policy.statements) {
    const principal = s.principal ?? s.notPrincipal;
    if (
      principal !== undefined &&
      (policyType === "identity" ||
        policyType === "boundary" ||
        policyType === "session" ||
        policyType === "scp")
    ) {
      return {
        message: `a ${policyTypeWord(policyType)} cannot have a Principal`,
        ...principal.loc,
      };
    }
    if (
      principal === undefined &&
      (policyType === "resource" || policyType === "rcp" || policyType === "trust")
    ) {
      return { message: `a ${policyTypeWord(policyType)} statement needs a Principal`, ...s.loc };
    }
    if (!s.action && !s.notAction)
      return { message: "statement has neither Action nor NotAction", ...s.loc };
    if (!s.resource && !s.notResource && policyType !== "resource" && policyType !== "trust") {
      return { message: "statement has neither Resource nor NotResource", ...s.loc };
    }
  }
  return undefined;
}

export type CacheEntry =
  | CompiledPolicy
  | { diagnostic: Diagnostic }
  | { problem: NonNullable<ReturnType<typeof policyTypeProblem>> };

/** The most texts kept compiled; the least recently used goes first. */
export const TEXT_CACHE_LIMIT = 256;
/** Text -> compiled forms by policy type and name (the Map's order is the order of last use). */
const textCache = new Map<string, Map<string, CacheEntry>>();

/** How many texts are cached (for tests of the bound). */
export function textCacheSize(): number {
  return textCache.size;
}

/** A cached object: its compiled forms, and what a later use compares to see a changed document. */
interface ObjectEntry {
  statement: unknown;
  length: number;
  byKey: Map<string, CacheEntry>;
}
const objectCache = new WeakMap<object, ObjectEntry>();
/** Objects seen once: cached on their second use (see the comment at the top). */
export const seenOnce = new WeakSet<object>();

/** One document compiled, without the caches (exported for the benchmark of loading a policy). */
export function compileDocument(
  input: unknown,
  policyType: PolicyType,
  name: string | undefined,
): CacheEntry {
  let document = input;
  if (typeof document === "object" && document !== null && isPolicyAst(document)) {
    if (isParsedPolicy(document)) {
      const problem = policyTypeProblem(document, policyType);
      return problem !== undefined ? { problem } : compilePolicy(document, policyType);
    }
    // Not from parsePolicy: rebuild the document and check it like any other (never trust its shape).
    const rebuilt = policyToDocument(document);
    if (rebuilt === undefined) {
      return {
        problem: {
          message: "not a well-formed parsed Policy (use parsePolicy, or pass the policy document)",
          path: "$",
        },
      };
    }
    document = rebuilt;
  }
  const options = { policyType, ...(name !== undefined ? { name } : {}) };
  // Text is read without positions: a decision adds them to the statements it names (see
  // deferred-positions.ts).
  const parsed =
    typeof document === "string"
      ? parsePolicyDeferringPositions(document, options)
      : parsePolicy(document, options);
  if (!parsed.ok) return { diagnostic: parsed.diagnostics[0]! };
  return compilePolicy(parsed.policy, policyType);
}

function byKeyEntry(
  byKey: Map<string, CacheEntry>,
  document: unknown,
  policyType: PolicyType,
  name: string | undefined,
): CacheEntry {
  // Keyed by the policy type alone in the usual case: no concatenation.
  const key = name === undefined ? policyType : `${policyType}\u0000${name}`;
  let entry = byKey.get(key);
  if (entry === undefined) {
    entry = compileDocument(document, policyType, name);
    byKey.set(key, entry);
  }
  return entry;
}

export function cachedCompile(
  document: string | object,
  policyType: PolicyType,
  name: string | undefined,
): CacheEntry {
  if (typeof document === "string") {
    // Keyed by the text itself (V8 keeps each string's hash); moved to the end on use (LRU).
    let byKey = textCache.get(document);
    if (byKey === undefined) {
      if (textCache.size >= TEXT_CACHE_LIMIT) textCache.delete(textCache.keys().next().value!);
      byKey = new Map();
    } else {
      textCache.delete(document);
    }
    textCache.set(document, byKey);
    return byKeyEntry(byKey, document, policyType, name);
  }
  const statement = statementsOf(document);
  const length = lengthOf(statement);
  let cached = objectCache.get(document);
  if (cached === undefined || cached.statement !== statement || cached.length !== length) {
    if (cached === undefined && !seenOnce.has(document)) {
      seenOnce.add(document);
      return compileDocument(document, policyType, name);
    }
    cached = { statement, length, byKey: new Map() };
    objectCache.set(document, cached);
  }
  return byKeyEntry(cached.byKey, document, policyType, name);
}
