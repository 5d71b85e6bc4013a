// @iamspec/testing: IAM policy assertions for your own test runner. `import "@iamspec/testing/vitest"`
// (or `/jest`) in a setup file, or `expect.extend(iamMatchers)` yourself.
export {
  iamMatchers,
  toAllow,
  toDeny,
  toExplicitlyDeny,
  toGrantNoNewAccessOver,
  toHaveNoPublicAccess,
  toImplicitlyDeny,
  toNotGrant,
  toPolicy,
} from "./matchers.js";
export type {
  IamMatchers,
  MatcherResult,
  MatcherThis,
  PolicyUnderTest,
  TestRequest,
} from "./matchers.js";
