// The golden files compile, and the @ts-expect-error lines of golden/typecheck.ts (misspelled
// actions, Sids, ARNs) are errors: tsc reports an unused @ts-expect-error as an error itself.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const project = fileURLToPath(new URL("golden/tsconfig.json", import.meta.url));

describe("the generated types", () => {
  it("compile, and reject misspelled actions, Sids and ARNs", () => {
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, "-p", project], { encoding: "utf8", stdio: "pipe" });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe("");
  }, 120_000);
});
