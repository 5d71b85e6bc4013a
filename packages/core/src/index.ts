// @iamspec/core: parse, validate, evaluate and explain AWS IAM policies. No I/O; browser-safe.
export type * from "./types.js";
export * from "./json/index.js";
export * from "./policy/index.js";
export * from "./matching/index.js";
export * from "./conditions/index.js";
export * from "./evaluation/index.js";
export * from "./explain/index.js";
export * from "./validate/index.js";
export * from "./access/index.js";
export * from "./service-data/index.js";
export * from "./testing/index.js";
export * from "./policy-refs/index.js";
export * from "./condition-keys/index.js";
export * from "./account/index.js";
