import { defineConfig } from "vite";

export default defineConfig({
  // Relative asset URLs: dist/ works from any folder or static host (GitHub Pages, a bucket).
  base: "./",
  // The lint worker imports the service data on demand: ES module workers can code-split.
  worker: { format: "es" },
  build: {
    // The IAM service data (~1.3 MB, ~210 KB gzip) is one lazily loaded chunk by design; the
    // initial bundle is checked by test/playground.e2e.test.ts (< 300 KB gzip).
    chunkSizeWarningLimit: 1500,
  },
});
