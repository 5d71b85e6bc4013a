export { isPolicyReference } from "./is-policy-reference.js";
export { resolvePolicySet, isPolicySetError } from "./resolve-policy-set.js";
export type {
  PolicyLoader,
  PolicySetError,
  ResolvePolicySetOptions,
} from "./resolve-policy-set.js";
export {
  POLICY_SET_KEYS,
  POLICY_TYPES,
  LEVELED_POLICY_SET_KEYS,
  isPolicySetKey,
  readPolicySetShape,
  entryPath,
} from "./policy-set-shape.js";
export type { PolicySetKey, PolicySetLayer, PolicySetShapeProblem } from "./policy-set-shape.js";
