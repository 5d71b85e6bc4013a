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
