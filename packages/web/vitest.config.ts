import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    // The end-to-end suite builds the app and drives a real Chromium: give it room on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
