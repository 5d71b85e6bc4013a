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
import { policyTypeWord } from "../explain/describe.js";
import { fingerprint, isNamedPolicy, sameAsPrint } from "./policy-set-fingerprint.js";
import {
  isPolicySetKey,
  POLICY_SET_SHAPE_MESSAGES,
  type PolicySetKey,
} from "../policy-refs/policy-set-shape.js";
import type {
  DecidingStatement,
  EvaluationErrorInfo,
  PolicyEntry,
  PolicySet,
  PolicyType,
} from "../types.js";
import type { CompiledPolicy } from "./compiled-policy.js";
import { cachedCompile, seenOnce, TEXT_CACHE_LIMIT, textCacheSize } from "./compile-document.js";

export { TEXT_CACHE_LIMIT, textCacheSize };

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
    `${policyTypeWord(policyType)} ${name !== undefined ? `"${name}"` : `#${policyIndex}`}${level !== undefined ? ` (level ${level})` : ""}`;
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
