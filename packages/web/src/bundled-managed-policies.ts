// AWS managed policies an account attaches but its pages do not include (the CLI's output leaves
// them out unless asked) come from the bundled corpus, through the same loader as `iamspec who-can`
// (`awsManagedPolicyLoader` of @iamspec/policies/catalog). The catalog chunk loads only when an
// attachment asks for a policy, and each policy's chunk only when it is attached.
import type { ManagedPolicyLoader } from "@iamspec/core";
import { loadCatalog } from "./policy-source.js";

export interface BundledPolicyLoader extends ManagedPolicyLoader {
  /** The names of the bundled policies loaded so far, in order. */
  readonly used: readonly string[];
}

export function bundledManagedPolicies(): BundledPolicyLoader {
  const used: string[] = [];
  let loader: ManagedPolicyLoader | undefined;
  return {
    used,
    async load(arn) {
      loader ??= (await loadCatalog()).awsManagedPolicyLoader((name) => {
        if (!used.includes(name)) used.push(name);
      });
      return loader.load(arn);
    },
    // Read by core only after a load (when a policy is unknown): the loader is there by then.
    get corpusDate() {
      return loader?.corpusDate ?? "unknown date";
    },
  };
}
