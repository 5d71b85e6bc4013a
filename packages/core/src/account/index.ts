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
export {
  whoCan,
  whoCanAssume,
  AccountQueryError,
  type WhoCanEntry,
  type WhoCanOptions,
  type WhoCanQuery,
  type WhoCanResult,
} from "./who-can.js";
