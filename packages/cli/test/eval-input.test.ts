import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { iamspec } from "./run-cli.js";

const policy = ["--policy", "EC2ImageBuilderExecutionPolicy"];
const line = (request: object) => JSON.stringify(request);

function results(stdout: string): Record<string, unknown>[] {
  return stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe("iamspec eval --input (NDJSON)", () => {
  it("answers one line per request, in order, echoing ids", async () => {
    const input = [
      line({ id: 1, action: "ec2:RunInstances", resource: "arn:aws:ec2:us-east-1::image/ami-1" }),
      line({ id: "two", action: "s3:DeleteBucket", resource: "arn:aws:s3:::b" }),
      line({ id: 3, action: "ec2:DescribeImages" }),
    ].join("\n");
    const run = await iamspec(["eval", ...policy, "--input", "-"], { input });
    expect(run.code).toBe(0);
    expect(results(run.stdout).map((r) => [r.id, r.decision])).toEqual([
      [1, "Allowed"],
      ["two", "ImplicitlyDenied"],
      [3, "Allowed"],
    ]);
  });

  it("answers a bad line with an error line naming the line and goes on (exit 1)", async () => {
    const input = [
      line({ id: 1, action: "ec2:DescribeImages" }),
      '{"id": 2, "action": ',
      "\u0000\u0001garbage",
      line({ id: 4, action: 5 }),
      "[1, 2]",
      line({ id: 6, action: "ec2:DescribeImages" }),
    ].join("\n");
    const run = await iamspec(["eval", ...policy, "--input", "-"], { input });
    expect(run.code).toBe(1);
    const out = results(run.stdout);
    expect(out).toHaveLength(6);
    expect(out[0]).toMatchObject({ id: 1, decision: "Allowed" });
    expect(out[1]).toMatchObject({
      error: { line: 2, message: expect.stringContaining("invalid JSON") },
    });
    expect(out[2]).toMatchObject({ error: { line: 3 } });
    expect(out[3]).toMatchObject({ id: 4, error: { line: 4, path: "$.action" } });
    expect(out[4]).toMatchObject({
      error: { line: 5, message: "a request must be a JSON object" },
    });
    expect(out[5]).toMatchObject({ id: 6, decision: "Allowed" });
    expect(run.stderr).toContain("4 of 6 lines could not be evaluated");
  });

  it("keeps the id on every error line whose id can be read", async () => {
    const input = [
      '{"id": 1, "action": "s3:GetObject", "context": {"k": 9007199254740993}}',
      '{"id": "two", "action": "s3:GetObject", "context": {"n": [1, 0.12345678901234567]}}',
      '{"id": "three", "action": ',
      '{"id": 4, "action": "s3:GetObject", "policies": {"identity": [{"Statement": 5}]}}',
      '{"id": "five", "action": "ec2:DescribeImages", "policies": {"identity": ["no-such-policy-file.json"]}}',
      '{"action": "s3:GetObject", "id": 6, "resource": 7}',
      '{"id": 7, "id": "seven", "action": 5}',
    ].join("\n");
    const run = await iamspec(["eval", ...policy, "--input", "-"], { input });
    expect(run.code).toBe(1);
    const out = results(run.stdout);
    expect(out.map((r) => r.id)).toEqual([1, "two", "three", 4, "five", 6, "seven"]);
    for (const r of out) expect(r.error).toBeDefined();
    expect(out[0]).toMatchObject({
      error: { line: 1, path: "$.context.k", message: expect.stringContaining("9007199254740993") },
    });
    expect(out[1]).toMatchObject({ error: { line: 2, path: "$.context.n[1]" } });
    expect(out[2]).toMatchObject({
      error: { line: 3, message: expect.stringContaining("invalid JSON") },
    });
  });

  it("echoes an id of more than 15 significant digits exactly as written", async () => {
    const input = [
      '{"id": 12345678901234567891, "action": "ec2:DescribeImages"}',
      '{"id": 9007199254740993, "action": "s3:GetObject", "context": {"k": 9007199254740993}}',
      '{"id": 9007199254740993, "action": ',
    ].join("\n");
    const run = await iamspec(["eval", ...policy, "--input", "-"], { input });
    const lines = run.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^\{"id":12345678901234567891,"decision":"Allowed"/);
    expect(lines[1]).toMatch(/^\{"id":9007199254740993,"error":\{/);
    expect(lines[1]).toContain('"path":"$.context.k"');
    expect(lines[2]).toMatch(/^\{"id":9007199254740993,"error":\{"message":"invalid JSON/);
  });

  it("uses a line's own policies, and the flags' policies for the others", async () => {
    const input = [
      line({
        id: "own",
        action: "iam:PassRole",
        resource: "arn:aws:iam::1:role/AdminX",
        policies: { identity: ["pass-role.json"] },
      }),
      line({ id: "flags", action: "ec2:DescribeImages" }),
      line({
        id: "inline",
        action: "s3:GetObject",
        policies: {
          identity: [
            {
              Version: "2012-10-17",
              Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
            },
          ],
        },
      }),
    ].join("\n");
    const run = await iamspec(["eval", ...policy, "--input", "-"], { input });
    expect(results(run.stdout).map((r) => [r.id, r.decision])).toEqual([
      ["own", "ExplicitlyDenied"],
      ["flags", "Allowed"],
      ["inline", "Allowed"],
    ]);
  });

  it("reports a line without policies when no flag gives any", async () => {
    const run = await iamspec(["eval", "--input", "-"], {
      input: line({ action: "s3:GetObject" }),
    });
    expect(run.code).toBe(1);
    expect(results(run.stdout)[0]).toMatchObject({
      error: { line: 1, message: expect.stringContaining("no policies") },
    });
  });

  it("skips blank lines and accepts CRLF and a last line without newline", async () => {
    const input = `${line({ id: 1, action: "ec2:DescribeImages" })}\r\n\r\n${line({ id: 2, action: "ec2:DescribeImages" })}`;
    const run = await iamspec(["eval", ...policy, "--input", "-"], { input });
    expect(results(run.stdout).map((r) => r.id)).toEqual([1, 2]);
  });

  it("counts --expect mismatches and exits 1", async () => {
    const input = [line({ action: "ec2:DescribeImages" }), line({ action: "s3:GetObject" })].join(
      "\n",
    );
    const run = await iamspec(["eval", ...policy, "--input", "-", "--expect", "Allowed"], {
      input,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("1 decisions were not Allowed");
  });

  it("answers an overlong line with an error and keeps memory bounded", async () => {
    const dir = await mkdtemp(join(tmpdir(), "iamspec-"));
    const file = join(dir, "long.ndjson");
    const huge = `{"action": "${"x".repeat(3 * 1024 * 1024)}"}`;
    await writeFile(
      file,
      [
        line({ id: 1, action: "ec2:DescribeImages" }),
        huge,
        line({ id: 3, action: "ec2:DescribeImages" }),
      ].join("\n"),
    );
    const run = await iamspec(["eval", ...policy, "--input", file]);
    const out = results(run.stdout);
    expect(out).toHaveLength(3);
    expect(out[1]).toMatchObject({
      error: { line: 2, message: expect.stringContaining("longer than") },
    });
    expect(out[2]).toMatchObject({ id: 3, decision: "Allowed" });
  });

  it("cannot combine --input with --action", async () => {
    const run = await iamspec(["eval", ...policy, "--input", "-", "--action", "s3:GetObject"]);
    expect(run.code).toBe(2);
  });

  it("reports a missing input file (exit 2)", async () => {
    const run = await iamspec(["eval", ...policy, "--input", "nope.ndjson"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("nope.ndjson: no such file");
  });
});

describe("iamspec eval --input --jobs", () => {
  // Padded lines: the input spans several 1 MiB reads, so several workers get chunks.
  const pad = { "aws:UserAgent": "x".repeat(1000) };
  const requestLines = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      line(
        i % 3 === 0
          ? {
              id: i,
              action: "ec2:RunInstances",
              resource: `arn:aws:ec2:us-east-1::image/ami-${i}`,
              context: pad,
            }
          : i % 3 === 1
            ? {
                id: i,
                action: "iam:PassRole",
                resource: "arn:aws:iam::1:role/AdminX",
                policies: { identity: ["pass-role.json"] },
                context: pad,
              }
            : { id: i, action: i % 7 === 0 ? 5 : "s3:GetObject" },
      ),
    ).join("\n");

  it("gives the same lines, in the same order, with worker threads", async () => {
    const dir = await mkdtemp(join(tmpdir(), "iamspec-"));
    const file = join(dir, "many.ndjson");
    await writeFile(file, requestLines(6000));
    const one = await iamspec(["eval", ...policy, "--input", file, "--jobs", "1"]);
    const three = await iamspec(["eval", ...policy, "--input", file, "--jobs", "3"]);
    expect(three.code).toBe(one.code);
    expect(three.stdout).toBe(one.stdout);
    expect(results(three.stdout)).toHaveLength(6000);
    expect(three.stderr).toBe(one.stderr);
  });

  it("--jobs auto answers past 2 MB in workers, with the same output", async () => {
    const dir = await mkdtemp(join(tmpdir(), "iamspec-"));
    const file = join(dir, "large.ndjson");
    await writeFile(file, requestLines(15000)); // about 10 MB
    const one = await iamspec(["eval", ...policy, "--input", file, "--jobs", "1"]);
    const auto = await iamspec(["eval", ...policy, "--input", file, "--jobs", "auto"]);
    expect(auto.code).toBe(one.code);
    expect(auto.stdout).toBe(one.stdout);
    expect(results(auto.stdout)).toHaveLength(15000);
    expect(auto.stderr).toBe(one.stderr);
  });

  it("rejects --jobs 0", async () => {
    const run = await iamspec(["eval", ...policy, "--input", "-", "--jobs", "0"]);
    expect(run.code).toBe(2);
  });
});
