// The `policies` of a request (file, test case or NDJSON line) as the CLI accepts them: each
// entry an inline document, or a string naming a bundled policy, an ARN or a file. Names and
// files are resolved here (core does no I/O); inline documents go to core as they are.
import type { NamedPolicy, PolicyEntry, PolicySet } from "@iamspec/core";
import { inputError } from "../errors.js";
import { loadPolicyArgument } from "../input/policy-source.js";
import type { LoadedPolicy } from "../input/policy-source.js";

export const POLICY_TYPES = ["identity", "resource", "boundary", "session", "scp", "rcp"] as const;
export type PolicySetKey = (typeof POLICY_TYPES)[number];

export interface PolicyResolver {
  stdin: NodeJS.ReadableStream;
  /** Relative file names in a request file are read from its directory. */
  baseDirectory?: string;
  /** Loaded policies by argument, so a name used by many cases is read and parsed once. */
  cache: Map<string, Promise<LoadedPolicy>>;
}

export function createPolicyResolver(
  stdin: NodeJS.ReadableStream,
  baseDirectory?: string,
): PolicyResolver {
  return { stdin, cache: new Map(), ...(baseDirectory !== undefined && { baseDirectory }) };
}

export function loadCached(spec: string, resolver: PolicyResolver): Promise<LoadedPolicy> {
  const key = `${resolver.baseDirectory ?? ""}\u0000${spec}`;
  let loaded = resolver.cache.get(key);
  if (!loaded) {
    loaded = loadPolicyArgument(spec, resolver);
    resolver.cache.set(key, loaded);
  }
  return loaded;
}

export function namedPolicyOf(loaded: LoadedPolicy): NamedPolicy {
  return { name: loaded.name, document: loaded.policy, source: loaded.source };
}

/** Thrown with the JSON path of the offending entry, e.g. `$.policies.identity[1]`. */
export interface PolicySetError {
  message: string;
  path: string;
}

function setError(message: string, path: string): Error {
  return Object.assign(inputError(message), { jsonPath: path, bareMessage: message });
}

/**
 * Validates the shape of a `policies` object and resolves its named entries.
 * Errors carry `jsonPath` (the entry) and `bareMessage` (without place) for callers that
 * place the message themselves (a test case, an NDJSON line).
 */
export async function resolvePolicySet(
  raw: unknown,
  resolver: PolicyResolver,
  path = "$.policies",
): Promise<PolicySet> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw setError('policies must be an object such as { "identity": [...] }', path);
  }
  const set: { -readonly [K in PolicySetKey]?: PolicyEntry[] | PolicyEntry[][] } = {};
  for (const [key, value] of Object.entries(raw)) {
    const keyPath = `${path}.${key}`;
    if (!(POLICY_TYPES as readonly string[]).includes(key)) {
      throw setError(`unknown policy type "${key}" (expected ${POLICY_TYPES.join(", ")})`, keyPath);
    }
    if (!Array.isArray(value)) throw setError(`${key} must be a list of policies`, keyPath);
    const levels =
      (key === "scp" || key === "rcp") && value.length > 0 && value.every(Array.isArray);
    if (levels) {
      set[key as PolicySetKey] = await Promise.all(
        value.map((level: unknown[], i) => resolveEntries(level, resolver, `${keyPath}[${i}]`)),
      );
    } else {
      set[key as PolicySetKey] = await resolveEntries(value, resolver, keyPath);
    }
  }
  return set as PolicySet;
}

async function resolveEntries(
  entries: unknown[],
  resolver: PolicyResolver,
  path: string,
): Promise<PolicyEntry[]> {
  return Promise.all(
    entries.map(async (entry, i): Promise<PolicyEntry> => {
      const entryPath = `${path}[${i}]`;
      if (typeof entry === "string") {
        // JSON text stays inline; anything else names a bundled policy, an ARN or a file.
        if (entry.trimStart().startsWith("{")) return entry;
        try {
          return namedPolicyOf(await loadCached(entry, resolver));
        } catch (error) {
          throw setError((error as Error).message, entryPath);
        }
      }
      if (typeof entry === "object" && entry !== null && !Array.isArray(entry)) {
        return {
          name: entryPath.replace(/^\$\.policies\./, "policies."),
          document: entry as NamedPolicy["document"],
        };
      }
      throw setError("a policy must be a document object, or a name, ARN or file path", entryPath);
    }),
  );
}

/** Flags give whole layers: `--policy` identity, `--scp` one level of SCPs, and so on. */
export function mergePolicySets(base: PolicySet, override: PolicySet | undefined): PolicySet {
  return override ? { ...base, ...override } : base;
}
