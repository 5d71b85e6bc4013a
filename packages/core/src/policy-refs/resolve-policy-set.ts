// The `policies` of a request, test case or batch line as written by a person: every entry an
// inline document or a reference (name, ARN, `Name@vN`, file) that the caller's loader turns into
// a policy. Core does no I/O, so the loader is passed in; this checks the shape and replaces
// references, keeping each problem's JSON path so the caller can point at it.
import type { NamedPolicy, PolicyEntry, PolicySet } from "../types.js";
import { isPolicyReference } from "./is-policy-reference.js";
import { entryPath, readPolicySetShape, type PolicySetKey } from "./policy-set-shape.js";

/** Loads a referenced policy; undefined when there is no such policy. May throw its own message. */
export type PolicyLoader = (
  reference: string,
) => Promise<NamedPolicy | undefined> | NamedPolicy | undefined;

export interface ResolvePolicySetOptions {
  /** JSON path of the `policies` value, for problem paths. Default `$.policies`. */
  path?: string;
  /**
   * Give inline document objects a name made from their path (`policies.identity[1]`), so that a
   * decision can say which one decided. Default false: inline entries are left as they are.
   */
  nameInlineDocuments?: boolean;
}

export type PolicySetError = Error & { path: string };

export function isPolicySetError(error: unknown): error is PolicySetError {
  return error instanceof Error && typeof (error as { path?: unknown }).path === "string";
}

function policySetError(message: string, path: string): PolicySetError {
  return Object.assign(new Error(message), { path });
}

/**
 * Checks the shape of a `policies` object and resolves its references with `load`. Throws a
 * `PolicySetError` (message without place, JSON path of the offending entry) on the first problem.
 */
export async function resolvePolicySet(
  raw: unknown,
  load: PolicyLoader,
  options: ResolvePolicySetOptions = {},
): Promise<PolicySet> {
  const shape = readPolicySetShape(raw, options.path ?? "$.policies");
  if ("problem" in shape) throw policySetError(shape.problem.message, shape.problem.path);
  const set: { -readonly [K in PolicySetKey]?: PolicyEntry[] | PolicyEntry[][] } = {};
  for (const layer of shape.layers) {
    const levels = await Promise.all(
      layer.levels.map((entries, level) =>
        resolveEntries(entries, load, (i) => entryPath(layer, level, i), options),
      ),
    );
    set[layer.key] = layer.leveled ? levels : (levels[0] ?? []);
  }
  return set as PolicySet;
}

function resolveEntries(
  entries: readonly unknown[],
  load: PolicyLoader,
  pathOf: (index: number) => string,
  options: ResolvePolicySetOptions,
): Promise<PolicyEntry[]> {
  return Promise.all(
    entries.map(async (entry, i): Promise<PolicyEntry> => {
      const entryPath = pathOf(i);
      if (typeof entry === "string") {
        if (!isPolicyReference(entry)) return entry;
        let loaded: NamedPolicy | undefined;
        try {
          loaded = await load(entry.trim());
        } catch (error) {
          throw policySetError(error instanceof Error ? error.message : String(error), entryPath);
        }
        if (!loaded)
          throw policySetError(`"${entry}" is not a bundled policy name or ARN`, entryPath);
        return loaded;
      }
      if (typeof entry === "object" && entry !== null && !Array.isArray(entry)) {
        if (!options.nameInlineDocuments) return entry as PolicyEntry;
        return {
          name: entryPath.replace(/^\$\.policies\./, "policies."),
          document: entry as NamedPolicy["document"],
        };
      }
      throw policySetError(
        "a policy must be a document object, or a name, ARN or file path",
        entryPath,
      );
    }),
  );
}
