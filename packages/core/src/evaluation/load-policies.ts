// Turns the request's policy entries (text, document objects, parsed Policy objects, named policies)
// into compiled policies, reporting the first grammar error as an evaluation error.
//
// Reuse (like ajv's compiled schemas): a policy passed again is not parsed again.
// - Text is cached by content in a bounded LRU (TEXT_CACHE_LIMIT texts).
// - Objects (documents and Policy values) are cached by identity in WeakMaps, so nothing outlives
//   the object it belongs to. The contract: a policy object must not be changed after use. The
//   cheap changes are seen anyway (a Statement replaced, or a statement added or removed: the
//   element's identity and length are checked on every use); a change inside a statement is not.
//   Objects are cached from their second use only: a WeakMap entry for every short-lived object
//   (a document JSON.parsed per request) made V8 promote each compiled policy to the old
//   generation (measured: ~1.5 ms of GC per fresh document).
// - A policy set passed again (the same object, holding the same entries) reuses its loaded form.
// Results never depend on reuse: loaded policies are only read, and their deciding-statement
// records are the same for every use of a policy at the same place.
import {
  fingerprint,
  isNamedPolicy,
  isPolicyAst,
  lengthOf,
  sameAsPrint,
  statementsOf,
} from "./policy-set-fingerprint.js";
import {
  isPolicySetKey,
  POLICY_SET_SHAPE_MESSAGES,
  type PolicySetKey,
} from "../policy-refs/policy-set-shape.js";
import type {
  DecidingStatement,
  Diagnostic,
  EvaluationErrorInfo,
  Policy,
  PolicyEntry,
  PolicySet,
  PolicyType,
} from "../types.js";
import { isParsedPolicy, parsePolicy } from "../policy/parse-policy.js";
import { policyToDocument } from "../policy/policy-to-document.js";
import type { CompiledPolicy } from "./compiled-policy.js";
import { compilePolicy } from "./compiled-policy.js";

export interface PolicyRef {
  compiled: CompiledPolicy;
  /** Deciding-statement records by statement index, built on first use. */
  deciding?: DecidingStatement[];
  policyType: PolicyType;
  policyIndex: number;
  level?: number;
  policyName?: string;
}

export interface LoadedPolicySet {
  identity: PolicyRef[];
  /** undefined: the resource's policies are unknown (identity-only mode). */
  resource?: PolicyRef[];
  /** undefined when absent or empty: the layer does not exist. */
  boundary?: PolicyRef[];
  session?: PolicyRef[];
  scp?: PolicyRef[][];
  rcp?: PolicyRef[][];
}

export type LoadError = { error: EvaluationErrorInfo };

const TYPE_WORDS: Readonly<Record<PolicyType, string>> = {
  identity: "identity policy",
  resource: "resource policy",
  trust: "trust policy",
  boundary: "permissions boundary",
  session: "session policy",
  scp: "SCP",
  rcp: "RCP",
};

/** Checks on an already parsed Policy that parsePolicy would have made for this policy type (§1.6). */
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
      return { message: `a ${TYPE_WORDS[policyType]} cannot have a Principal`, ...principal.loc };
    }
    if (
      principal === undefined &&
      (policyType === "resource" || policyType === "rcp" || policyType === "trust")
    ) {
      return { message: `a ${TYPE_WORDS[policyType]} statement needs a Principal`, ...s.loc };
    }
    if (!s.action && !s.notAction)
      return { message: "statement has neither Action nor NotAction", ...s.loc };
    if (!s.resource && !s.notResource && policyType !== "resource" && policyType !== "trust") {
      return { message: "statement has neither Resource nor NotResource", ...s.loc };
    }
  }
  return undefined;
}

type CacheEntry =
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
const seenOnce = new WeakSet<object>();

function compileDocument(
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
  const parsed = parsePolicy(document, { policyType, ...(name !== undefined ? { name } : {}) });
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

function cachedCompile(
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

/**
 * The PolicyRef for a compiled policy at this place: the same object for every use at the same
 * place, so its deciding-statement records are made once.
 */
function refFor(
  compiled: CompiledPolicy,
  policyType: PolicyType,
  policyIndex: number,
  level: number | undefined,
  policyName: string | undefined,
): PolicyRef {
  const refs = (compiled.refs ??= []);
  const ref = refs[policyIndex];
  if (
    ref !== undefined &&
    ref.level === level &&
    ref.policyName === policyName &&
    ref.policyType === policyType
  )
    return ref;
  const made: PolicyRef = {
    compiled,
    policyType,
    policyIndex,
    ...(level !== undefined ? { level } : {}),
    ...(policyName !== undefined ? { policyName } : {}),
  };
  // Only the usual places are kept (bounded by the length of a policy list).
  if (policyIndex < 64) refs[policyIndex] = made;
  return made;
}

function loadEntry(
  entry: PolicyEntry,
  policyType: PolicyType,
  policyIndex: number,
  level: number | undefined,
): PolicyRef | LoadError {
  let document: unknown = entry;
  let name: string | undefined;
  let source: string | undefined;
  if (
    typeof entry === "object" &&
    entry !== null &&
    !Array.isArray(entry) &&
    isNamedPolicy(entry)
  ) {
    document = entry.document;
    name = entry.name;
    source = entry.source;
  }
  // The error's label and place are built only for an error.
  const where = () => ({
    policyType,
    policyIndex,
    ...(name !== undefined ? { policyName: name } : {}),
    ...(source !== undefined ? { source } : {}),
  });
  const label = () =>
    `${TYPE_WORDS[policyType]} ${name !== undefined ? `"${name}"` : `#${policyIndex}`}${level !== undefined ? ` (level ${level})` : ""}`;
  if (
    typeof document !== "string" &&
    (typeof document !== "object" || document === null || Array.isArray(document))
  ) {
    return {
      error: {
        message: `${label()}: expected a policy document (JSON text or an object)`,
        code: "DATA_TYPE_MISMATCH",
        ...where(),
      },
    };
  }
  const compiled = cachedCompile(document, policyType, name);
  if ("diagnostic" in compiled) {
    const d = compiled.diagnostic;
    return {
      error: {
        message: `${label()}: ${d.message}`,
        code: d.code,
        ...where(),
        path: d.path,
        ...(d.line !== undefined ? { line: d.line, column: d.column } : {}),
      },
    };
  }
  if ("problem" in compiled) {
    return {
      error: {
        ...compiled.problem,
        message: `${label()}: ${compiled.problem.message}`,
        code: "INVALID_POLICY_FOR_TYPE",
        ...where(),
      },
    };
  }
  return refFor(compiled, policyType, policyIndex, level, name ?? compiled.policy.name);
}

function loadList(
  entries: unknown,
  policyType: PolicyType,
  level?: number,
): PolicyRef[] | LoadError {
  if (!Array.isArray(entries)) {
    return {
      error: {
        message: POLICY_SET_SHAPE_MESSAGES.notAList(policyType as PolicySetKey),
        code: "DATA_TYPE_MISMATCH",
        policyType,
        path: `$.policies.${policyType}`,
      },
    };
  }
  const refs: PolicyRef[] = [];
  for (let i = 0; i < entries.length; i++) {
    const ref = loadEntry(entries[i] as PolicyEntry, policyType, i, level);
    if ("error" in ref) return ref;
    refs.push(ref);
  }
  return refs;
}

/** A flat list is one level; a list of lists is the levels, root first. */
function loadLevels(
  entries: unknown,
  policyType: PolicyType,
): PolicyRef[][] | LoadError | undefined {
  if (entries === undefined) return undefined;
  if (!Array.isArray(entries)) {
    return {
      error: {
        message: POLICY_SET_SHAPE_MESSAGES.notAList(policyType as PolicySetKey),
        code: "DATA_TYPE_MISMATCH",
        policyType,
        path: `$.policies.${policyType}`,
      },
    };
  }
  if (entries.length === 0) return undefined;
  const nested = entries.map((e) => Array.isArray(e));
  if (nested.every(Boolean)) {
    const levels: PolicyRef[][] = [];
    for (let level = 0; level < entries.length; level++) {
      const refs = loadList(entries[level], policyType, level);
      if ("error" in refs) return refs;
      levels.push(refs);
    }
    return levels;
  }
  if (nested.some(Boolean)) {
    return {
      error: {
        message: POLICY_SET_SHAPE_MESSAGES.mixedLevels(policyType as PolicySetKey),
        code: "DATA_TYPE_MISMATCH",
        policyType,
        path: `$.policies.${policyType}`,
      },
    };
  }
  const refs = loadList(entries, policyType, 0);
  return "error" in refs ? refs : [refs];
}

const setCache = new WeakMap<object, { print: unknown[]; loaded: LoadedPolicySet | LoadError }>();

/**
 * The compiled form of a policy set. A set passed again (the same object, holding the same
 * entries and documents) gives the form loaded before; see the comment at the top.
 */
export function loadPolicySet(
  policies: PolicySet | undefined,
  keep = false,
): LoadedPolicySet | LoadError {
  if (typeof policies !== "object" || policies === null || Array.isArray(policies))
    return loadNow(policies);
  const cached = setCache.get(policies);
  if (cached !== undefined && sameAsPrint(policies, cached.print)) return cached.loaded;
  const loaded = loadNow(policies);
  if (keep || cached !== undefined || seenOnce.has(policies))
    setCache.set(policies, { print: fingerprint(policies), loaded });
  else seenOnce.add(policies);
  return loaded;
}

function loadNow(policies: PolicySet | undefined): LoadedPolicySet | LoadError {
  if (policies === undefined || policies === null) return { identity: [] };
  if (typeof policies !== "object" || Array.isArray(policies)) {
    return {
      error: {
        message: POLICY_SET_SHAPE_MESSAGES.notAnObject,
        code: "DATA_TYPE_MISMATCH",
        path: "$.policies",
      },
    };
  }
  const unknown = Object.keys(policies).find((k) => !isPolicySetKey(k));
  if (unknown !== undefined) {
    return {
      error: {
        message: POLICY_SET_SHAPE_MESSAGES.unknownKey(unknown),
        code: "DATA_TYPE_MISMATCH",
        path: `$.policies.${unknown}`,
      },
    };
  }
  const set: LoadedPolicySet = { identity: [] };
  if (policies.identity !== undefined) {
    const refs = loadList(policies.identity, "identity");
    if ("error" in refs) return refs;
    set.identity = refs;
  }
  if (policies.resource !== undefined) {
    const refs = loadList(policies.resource, "resource");
    if ("error" in refs) return refs;
    set.resource = refs;
  }
  for (const type of ["boundary", "session"] as const) {
    if (policies[type] === undefined) continue;
    const refs = loadList(policies[type], type);
    if ("error" in refs) return refs;
    if (refs.length > 0) set[type] = refs;
  }
  for (const type of ["scp", "rcp"] as const) {
    const levels = loadLevels(policies[type], type);
    if (levels !== undefined && "error" in levels) return levels;
    if (levels !== undefined) set[type] = levels;
  }
  return set;
}
