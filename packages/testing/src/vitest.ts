// `import "@iamspec/testing/vitest"` (in a test or a `setupFiles` entry): extends vitest's
// `expect` with the IAM matchers, and its types with them.
import { expect } from "vitest";
import { iamMatchers } from "./matchers.js";
import type { IamMatchers } from "./matchers.js";

expect.extend(iamMatchers);

declare module "vitest" {
  interface Matchers<T = any> extends IamMatchers<T> {}
}

export { iamMatchers };
