// The `policies` of a request (file, test case or NDJSON line) as the CLI accepts them: each
// entry an inline document, or a string naming a bundled policy, an ARN or a file. Core checks
// the shape and resolves the references through the loader given here (core does no I/O).
import { isPolicySetError, resolvePolicySet as resolveCorePolicySet } from "@iamspec/core";
import type { NamedPolicy, PolicySet } from "@iamspec/core";
import { inputError } from "../errors.js";
import { loadPolicyArgument } from "../input/policy-source.js";
import type { LoadedPolicy } from "../input/policy-source.js";

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

/**
 * Validates the shape of a `policies` object and resolves its named entries (core does the
 * checking; this supplies the loader, which reads files and bundled policies, cached).
 * Errors carry `jsonPath` (the entry) and `bareMessage` (without place) for callers that
 * place the message themselves (a test case, an NDJSON line).
 */
export async function resolvePolicySet(
  raw: unknown,
  resolver: PolicyResolver,
  path = "$.policies",
): Promise<PolicySet> {
  try {
    return await resolveCorePolicySet(
      raw,
      async (spec) => namedPolicyOf(await loadCached(spec, resolver)),
      { path, nameInlineDocuments: true },
    );
  } catch (error) {
    if (!isPolicySetError(error)) throw error;
    throw Object.assign(inputError(error.message), {
      jsonPath: error.path,
      bareMessage: error.message,
    });
  }
}

/** Flags give whole layers: `--policy` identity, `--scp` one level of SCPs, and so on. */
export function mergePolicySets(base: PolicySet, override: PolicySet | undefined): PolicySet {
  return override ? { ...base, ...override } : base;
}
