// AWS managed policies an account attaches but its pages do not include (the CLI's output leaves
// them out unless asked) come from the bundled corpus, as in `iamspec who-can`. The catalog and
// each policy's chunk load only when an attachment asks for them.
import type { ManagedPolicyLoader } from "@iamspec/core";
import type { PolicyCatalogEntry } from "@iamspec/policies/catalog";
import { catalogNow, loadCatalog } from "./policy-source.js";

export interface BundledPolicyLoader extends ManagedPolicyLoader {
  /** The names of the bundled policies loaded so far, in order. */
  readonly used: readonly string[];
}

export function bundledManagedPolicies(): BundledPolicyLoader {
  const used: string[] = [];
  return {
    used,
    async load(arn) {
      const { findPolicy, loadPolicy } = await loadCatalog();
      // The corpus is the aws partition's; the documents are the same in aws-cn and aws-us-gov.
      const entry = findPolicy(arn.replace(/^arn:[^:]+:/, "arn:aws:"));
      const policy = entry ? await loadPolicy(entry.name) : undefined;
      if (!policy) return undefined;
      if (!used.includes(policy.name)) used.push(policy.name);
      return policy.document;
    },
    // Read by core only after a load (when a policy is unknown): the catalog is there by then.
    get corpusDate() {
      return corpusDateOf(catalogNow()) ?? "unknown date";
    },
  };
}

/** The date of the corpus: its most recently updated policy's. */
export function corpusDateOf(catalog: readonly PolicyCatalogEntry[]): string | undefined {
  let latest = "";
  for (const entry of catalog) {
    const date = entry.updatedAt?.slice(0, 10) ?? "";
    if (date > latest) latest = date;
  }
  return latest === "" ? undefined : latest;
}
