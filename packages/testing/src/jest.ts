// `import "@iamspec/testing/jest"` in a `setupFilesAfterEach` entry: extends jest's global
// `expect` with the IAM matchers, and `jest.Matchers` with their types.
import { iamMatchers } from "./matchers.js";
import type { IamMatchers } from "./matchers.js";

interface ExtendableExpect {
  extend(matchers: Record<string, unknown>): void;
}

const globalExpect = (globalThis as { expect?: ExtendableExpect }).expect;
if (!globalExpect || typeof globalExpect.extend !== "function")
  throw new Error(
    "@iamspec/testing/jest needs jest's global expect: import it from a setupFilesAfterEach file",
  );
globalExpect.extend(iamMatchers);

declare global {
  namespace jest {
    interface Matchers<R> extends IamMatchers<R> {}
  }
}

export { iamMatchers };
