// Invalid input stops generation with file:line:col, the JSON path and a one-line message, and a
// failed run leaves the previous output untouched.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatDiagnostic, GeneratorError } from "../src/errors.js";
import { readPolicies } from "../src/generate.js";
import { fixtureRoot } from "./helpers.js";

function errorsOf(files: Record<string, string>): string[] {
  const root = fixtureRoot(files);
  try {
    const { models } = readPolicies(root, join(root, "policies"));
    for (const model of models) for (const version of model.versions) version.facts();
  } catch (error) {
    if (error instanceof GeneratorError) return error.diagnostics.map(formatDiagnostic);
    throw error;
  }
  return [];
}

const statement = (effect: string) =>
  `{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "${effect}",\n      "Action": "s3:GetObject",\n      "Resource": "*"\n    }\n  ]\n}\n`;

describe("invalid input", () => {
  it("reports a JSON syntax error at its line and column", () => {
    const [error] = errorsOf({ "policies/Broken.json": '{\n  "Version": "2012-10-17",\n  "Statement": [,]\n}\n' });
    expect(error).toMatch(/^policies\/Broken\.json:3:17 \$: invalid JSON/);
  });

  it("reports a bad Effect with its JSON path", () => {
    const [error] = errorsOf({ "policies/BadEffect.json": statement("Permit") });
    expect(error).toMatch(/^policies\/BadEffect\.json:5:\d+ \$\.Statement\[0\]\.Effect: /);
  });

  it("points into the documentation page, below the fence, for an error in its JSON block", () => {
    const page = readFileSync(fileURLToPath(new URL("../../../policies/EC2ImageBuilderExecutionPolicy.md", import.meta.url)), "utf8");
    const broken = page.replace('"Effect" : "Allow"', '"Effect" : "Alow"');
    const line = broken.split("\n").findIndex((l) => l.includes('"Alow"')) + 1;
    const [error] = errorsOf({ "policies/EC2ImageBuilderExecutionPolicy.md": broken });
    expect(error).toMatch(new RegExp(`^policies/EC2ImageBuilderExecutionPolicy\\.md:${line}:\\d+ \\$\\.Statement\\[0\\]\\.Effect: `));
  });

  it("rejects two files that disagree about the same version of a policy", () => {
    const record = (action: string) =>
      JSON.stringify({ name: "P", arn: "arn:aws:iam::aws:policy/P", versionId: "v1", document: JSON.parse(statement("Allow").replace("s3:GetObject", action)) }, null, 2);
    const errors = errorsOf({ "policies/a/P.json": record("s3:GetObject"), "policies/b/P.json": record("s3:PutObject") });
    expect(errors).toEqual([expect.stringMatching(/^policies\/b\/P\.json:\d+:1 \$: P v1 differs from the same version in policies\/a\/P\.json$/)]);
  });

  it("accepts two files that agree about the same version", () => {
    const record = JSON.stringify({ name: "P", arn: "arn:aws:iam::aws:policy/P", versionId: "v1", document: JSON.parse(statement("Allow")) }, null, 2);
    expect(errorsOf({ "policies/a/P.json": record, "policies/b/P.json": record })).toEqual([]);
  });

  it("reports a page without an ARN", () => {
    expect(errorsOf({ "policies/X.md": "# X\n\n```\n{}\n```\n" })).toEqual(["policies/X.md:1:1: documentation page has no arn line"]);
  });

  it("stops the CLI with exit 1 and leaves the previous output untouched", () => {
    const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
    const root = fixtureRoot({ "policies/Good.json": statement("Allow") });
    const run = () => {
      try {
        return { code: 0, stderr: execFileSync(process.execPath, [cli, "gen", "--no-cache", "--root", root], {
            encoding: "utf8",
            stdio: "pipe",
            // Outside CI mode, where gen only checks.
            env: { ...process.env, CI: "" },
          }) };
      } catch (error) {
        const e = error as { status: number; stderr: string };
        return { code: e.status, stderr: e.stderr };
      }
    };
    expect(run().code).toBe(0);
    const generated = join(root, "packages/policies/src/generated/policies/Good.ts");
    const before = readFileSync(generated, "utf8");
    writeFileSync(join(root, "policies/Good.json"), statement("Permit"));
    const failed = run();
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^error: policies\/Good\.json:5:\d+ \$\.Statement\[0\]\.Effect: .+\ngeneration stopped; the previous output is untouched\n$/);
    expect(readFileSync(generated, "utf8")).toBe(before);
  }, 120_000);
});
