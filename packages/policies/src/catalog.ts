// @iamspec/policies/catalog: find a bundled policy by name or ARN without loading any document,
// and load one on demand (each policy is its own chunk for bundlers).
import { policyCatalog, policyLoaders } from "./generated/catalog.js";
import type { ManagedPolicyLoader } from "@iamspec/core";
import type { GeneratedPolicy, PolicyCatalogEntry } from "./types.js";

export { policyCatalog };
export type { GeneratedPolicy, PolicyCatalogEntry };

/** The name of a policy's exported constant: its name with characters other than `[A-Za-z0-9_$]` as `_`. */
export function policyIdentifier(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_$]/g, "_");
  return /^[0-9]/.test(id) ? `_${id}` : id;
}

let index: Map<string, PolicyCatalogEntry> | undefined;

function lookupIndex(): Map<string, PolicyCatalogEntry> {
  if (index) return index;
  index = new Map();
  // Exact names and ARNs first, so they win over a case-insensitive match of another policy.
  for (const entry of policyCatalog) {
    index.set(entry.name, entry);
    if (entry.arn) index.set(entry.arn, entry);
  }
  for (const entry of policyCatalog) {
    const folded = entry.name.toLowerCase();
    if (!index.has(folded)) index.set(folded, entry);
    if (entry.arn && !index.has(entry.arn.toLowerCase())) index.set(entry.arn.toLowerCase(), entry);
  }
  return index;
}

/** The catalog entry for a policy name (any case) or ARN; undefined when not bundled. */
export function findPolicy(nameOrArn: string): PolicyCatalogEntry | undefined {
  const key = nameOrArn.trim();
  const found = lookupIndex();
  return found.get(key) ?? found.get(key.toLowerCase());
}

/**
 * Loads a bundled policy by name (any case) or ARN. `Name@v2`-style selection is the caller's:
 * take `policy.versions[v]`.
 */
export async function loadPolicy(nameOrArn: string): Promise<GeneratedPolicy | undefined> {
  const entry = findPolicy(nameOrArn);
  if (!entry || !Object.hasOwn(policyLoaders, entry.name)) return undefined;
  const module = await policyLoaders[entry.name]!();
  return module[policyIdentifier(entry.name)] as GeneratedPolicy | undefined;
}

/** The date of the bundled corpus (`YYYY-MM-DD`): its most recently updated policy's; "" when none says. */
export function corpusDate(catalog: readonly PolicyCatalogEntry[] = policyCatalog): string {
  let latest = "";
  for (const entry of catalog) {
    const date = entry.updatedAt?.slice(0, 10) ?? "";
    if (date > latest) latest = date;
  }
  return latest;
}

/**
 * The AWS managed policies of core's `loadAccount` (`options.awsManagedPolicies`) from this corpus:
 * each attached policy by ARN, in any partition (the documents are the same in aws-cn and
 * aws-us-gov), loaded on first use, at its default version; `corpusDate` names the corpus when an
 * attachment is not in it. `onLoad` hears the name of each policy loaded.
 */
export function awsManagedPolicyLoader(onLoad?: (name: string) => void): ManagedPolicyLoader {
  const date = corpusDate();
  return {
    async load(arn) {
      const policy = await loadPolicy(arn.replace(/^arn:[^:]+:/, "arn:aws:"));
      if (policy === undefined) return undefined;
      onLoad?.(policy.name);
      return policy.document;
    },
    ...(date !== "" && { corpusDate: date }),
  };
}
