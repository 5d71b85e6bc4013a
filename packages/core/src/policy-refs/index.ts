export { isPolicyReference } from "./is-policy-reference.js";
export { POLICY_SET_KEYS, resolvePolicySet, isPolicySetError } from "./resolve-policy-set.js";
export type {
  PolicyLoader,
  PolicySetError,
  PolicySetKey,
  ResolvePolicySetOptions,
} from "./resolve-policy-set.js";
