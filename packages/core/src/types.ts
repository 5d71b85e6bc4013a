// The public shapes of @iamspec/core, one file per side: the policy (documents, diagnostics, the
// parsed AST), the request and engine (docs/architecture.md §5.1), the result and its explanation
// (docs/evaluation-rules.md §5.2), and the IAM service reference data.
export type * from "./types/policy.js";
export type * from "./types/request.js";
export type * from "./types/result.js";
export type * from "./types/service-data.js";
