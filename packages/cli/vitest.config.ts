import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Every test starts the built binary; on a loaded machine that takes seconds.
    testTimeout: 60_000,
  },
});
