export {
  loadAccount,
  isAwsManagedPolicyArn,
  AccountError,
  type Account,
  type AccountPage,
  type AccountPrincipal,
  type LoadAccountOptions,
  type ManagedPolicyLoader,
} from "./load-account.js";
export type { AccountOrganization, PolicyLevelList, ResourcePolicies } from "./account-inputs.js";
export {
  AccountQueryError,
  contextFor,
  isAccountResource,
  policySetFor,
  requestFor,
  resourceLayersFor,
  resourcePoliciesFor,
  type AccountQuery,
  type ResourceLayers,
} from "./account-request.js";
export type { ExternalForm, ExternalPrincipal } from "./external-principals.js";
export {
  whoCan,
  whoCanAssume,
  type WhoCanEntry,
  type WhoCanOptions,
  type WhoCanQuery,
  type WhoCanResult,
} from "./who-can.js";
export {
  can,
  type CanAccessLevelGroup,
  type CanEntry,
  type CanQuery,
  type CanResult,
  type CanServiceGroup,
} from "./can.js";
export { ACCESS_LEVELS, CanQueryError, parseAccessLevel } from "./actions-to-ask.js";
export {
  accessMatrix,
  parseShard,
  shardPrincipals,
  type AccessMatrixQuery,
  type AccessMatrixRow,
  type Shard,
} from "./access-matrix.js";
