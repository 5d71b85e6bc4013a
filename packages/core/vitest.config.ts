import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Property and hostile-input tests do real work (fixed seeds, bounded runs); the limit only
    // guards against a hang, it is not a speed assertion (speed lives in `npm run bench`).
    testTimeout: 120_000,
  },
});
