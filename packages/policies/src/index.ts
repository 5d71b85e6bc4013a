// @iamspec/policies: every bundled policy as a typed constant. Import what you use; bundlers drop the rest.
export * from "./generated/index.js";
export type {
  ConcreteAction,
  ContextKey,
  GeneratedPolicy,
  GeneratedPolicyVersion,
  PolicyCatalogEntry,
  PolicyDocument,
  PolicyJsonValue,
  ServiceActionInfo,
} from "./types.js";
