// A case in `{ "policies", "cases" }` inherits the top-level policies layer by layer: its own
// `boundary` is added to the top-level `identity`, its own `identity` replaces the top-level one.
import type { PolicySet } from "../types.js";

export function inheritPolicies(
  shared: PolicySet | undefined,
  own: PolicySet | undefined,
): PolicySet | undefined {
  if (own === undefined) return shared;
  return shared === undefined ? own : { ...shared, ...own };
}
