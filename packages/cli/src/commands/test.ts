// `iamspec test FILE…`: policy test files — requests with expected decisions — as a CI gate.
import { booleanFlag, stringFlag } from "../args.js";
import type { CliCommand } from "../command.js";
import { formatArg } from "../command.js";
import { usageError, withPlace } from "../errors.js";
import { runTestFile } from "../evaluation/test-file.js";
import type { TestFileResult } from "../evaluation/test-file.js";
import { writeLine } from "../io.js";
import type { Io } from "../io.js";
import { formatJunit } from "../output/junit.js";
import { decisionColour } from "../output/result-text.js";

export const testCommand: CliCommand = {
  definition: {
    meta: { name: "test", description: "Run policy test files: requests with expected decisions" },
    args: {
      file: { type: "positional", description: "Test files (JSON or YAML), or - for stdin" },
      format: formatArg(["text", "json", "junit"]),
      "allow-uncertain": {
        type: "boolean",
        description:
          "Pass an uncertain result on its fail-safe decision alone (default: it fails unless both readings meet the expectation)",
      },
    },
  },
  variadic: true,
  examples: [
    ["iamspec test tests/image-builder.yaml", "a pass/fail table; exit 1 on any failure"],
    ["iamspec test tests/*.json --format junit > junit.xml", "a JUnit report for CI"],
  ],
  notes: [
    'A test file is an array of requests (the request format), each with "expected" (Allowed,',
    'ImplicitlyDenied, ExplicitlyDenied or Denied) and an optional "name"; or',
    '{ "policies": {...}, "cases": [...] } where cases inherit the top-level policies.',
    "Policies are inline documents, bundled names or ARNs, or file paths relative to the test file.",
    "Exit 1 when a case fails; 2 when a case cannot be evaluated or the file is malformed.",
    "A result that depends on a reading AWS does not document is uncertain: it fails unless the decision under the other reading also meets the expectation, or --allow-uncertain is given.",
  ],
  async run(line, io) {
    if (line.positionals.filter((p) => p === "-").length > 1)
      throw usageError("stdin (-) can be read only once");
    const results: TestFileResult[] = [];
    const allowUncertain = booleanFlag(line, "allow-uncertain");
    for (const file of line.positionals)
      results.push(await runTestFile(file, io.stdin, { allowUncertain }));
    const format = stringFlag(line, "format");
    if (format === "json")
      writeLine(io.stdout, JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
    else if (format === "junit") writeLine(io.stdout, formatJunit(results));
    else writeLine(io.stdout, formatTable(results, io));
    const errors = results.some((r) => r.errors > 0);
    const failed = results.some((r) => r.failed > 0);
    return errors ? 2 : failed ? 1 : 0;
  },
};

function formatTable(results: readonly TestFileResult[], io: Io): string {
  const { out } = io;
  const lines: string[] = [];
  for (const result of results) {
    if (results.length > 1) lines.push(out.bold(result.file));
    const width = Math.min(60, Math.max(...result.cases.map((c) => c.name.length)));
    for (const testCase of result.cases) {
      const name = testCase.name.padEnd(width);
      const where = out.dim(
        withPlace("", {
          file: result.file,
          ...(testCase.line !== undefined && { line: testCase.line }),
        }).replace(/: $/, ""),
      );
      const unsure =
        testCase.uncertain === true
          ? ` ${out.yellow("uncertain")} (${testCase.otherDecision} under the other reading)`
          : "";
      if (testCase.outcome === "pass") {
        lines.push(
          `${out.green(" PASS ")} ${name}  ${decisionColour(testCase.decision!, out)}${unsure}`,
        );
      } else if (testCase.outcome === "fail") {
        const by = (testCase.decidedBy ?? []).map((s) => s.sid ?? `Statement[${s.statementIndex}]`);
        const detail = `expected ${testCase.expected}, got ${decisionColour(testCase.decision!, out)}${unsure}${by.length > 0 ? ` (by ${by.join(", ")})` : ""}`;
        lines.push(`${out.red(" FAIL ")} ${name}  ${detail}  ${where}`);
      } else {
        const error = testCase.error!;
        const message = withPlace(error.message, {
          file: error.source ?? result.file,
          ...(error.line !== undefined && { line: error.line }),
          ...(error.column !== undefined && { column: error.column }),
          ...(error.path !== undefined && { path: error.path }),
        });
        lines.push(`${out.red("ERROR ")} ${name}  ${message}`);
      }
    }
  }
  const total = (key: "passed" | "failed" | "errors") =>
    results.reduce((sum, r) => sum + r[key], 0);
  const count = results.reduce((sum, r) => sum + r.cases.length, 0);
  const parts = [out.green(`${total("passed")} passed`)];
  if (total("failed") > 0) parts.push(out.red(`${total("failed")} failed`));
  if (total("errors") > 0) parts.push(out.red(`${total("errors")} could not be evaluated`));
  lines.push("", `${parts.join(", ")} (${count} case${count === 1 ? "" : "s"})`);
  return lines.join("\n");
}
