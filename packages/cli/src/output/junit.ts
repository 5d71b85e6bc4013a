// JUnit XML, the report format CI systems (GitHub, GitLab, Jenkins) display natively.
import type { TestFileResult } from "../evaluation/test-file.js";

const escape = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    // XML 1.0 forbids most control characters even when escaped.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "");

export function formatJunit(files: readonly TestFileResult[]): string {
  const total = (key: "passed" | "failed" | "errors") =>
    files.reduce((sum, file) => sum + file[key], 0);
  const tests = files.reduce((sum, file) => sum + file.cases.length, 0);
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="iamspec" tests="${tests}" failures="${total("failed")}" errors="${total("errors")}" time="${seconds(files.reduce((s, f) => s + f.durationMs, 0))}">`,
  ];
  for (const file of files) {
    lines.push(
      `  <testsuite name="${escape(file.file)}" tests="${file.cases.length}" failures="${file.failed}" errors="${file.errors}" time="${seconds(file.durationMs)}">`,
    );
    for (const testCase of file.cases) {
      const where =
        testCase.line !== undefined ? ` file="${escape(file.file)}" line="${testCase.line}"` : "";
      const open = `    <testcase name="${escape(testCase.name)}" classname="${escape(file.file)}"${where}`;
      if (testCase.outcome === "pass") {
        lines.push(`${open}/>`);
      } else if (testCase.outcome === "fail") {
        const message =
          testCase.failure ?? `expected ${testCase.expected}, got ${testCase.decision}`;
        const by = (testCase.decidedBy ?? []).map(
          (s) => `${s.policyName ?? s.policyType} ${s.sid ?? `Statement[${s.statementIndex}]`}`,
        );
        lines.push(
          `${open}>`,
          `      <failure message="${escape(message)}" type="DecisionMismatch">${escape(by.length > 0 ? `decided by ${by.join(", ")}` : message)}</failure>`,
          "    </testcase>",
        );
      } else {
        lines.push(
          `${open}>`,
          `      <error message="${escape(testCase.error?.message ?? "error")}" type="EvaluationError"/>`,
          "    </testcase>",
        );
      }
    }
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>");
  return lines.join("\n");
}
