// Mutation testing of @iamspec/core's evaluation logic (issue 8): `npm run mutation -w @iamspec/core`.
// Not run in CI (slow on 2 cores). Scope: matching, conditions and evaluation — the code that decides.
// The hostile-size and whole-corpus tests skip themselves and the fuzz properties run fewer cases
// under IAMSPEC_MUTATION, so each mutant costs seconds, not minutes.
process.env.IAMSPEC_MUTATION = "1";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  packageManager: "npm",
  testRunner: "vitest",
  vitest: { configFile: "vitest.config.ts" },
  plugins: ["@stryker-mutator/vitest-runner"],
  // The deciding core: the decision, statement matching, condition operators and wildcards. The
  // whole of matching/conditions/evaluation is ~3,100 mutants (hours on 2 cores); widen when idle.
  mutate: [
    "src/evaluation/decide.ts",
    "src/evaluation/layer.ts",
    "src/evaluation/run-state.ts",
    "src/evaluation/request-facts.ts",
    "src/evaluation/decision-wording.ts",
    "src/conditions/evaluate-condition.ts",
    "src/matching/glob.ts",
  ],
  ignoreStatic: true,
  coverageAnalysis: "perTest",
  concurrency: 2,
  timeoutMS: 20000,
  timeoutFactor: 2,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/index.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
