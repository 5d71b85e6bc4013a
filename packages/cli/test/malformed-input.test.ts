import { mkdtemp, open, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { expectOneLineError, iamspec } from "./run-cli.js";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "iamspec-malformed-"));
  await writeFile(
    join(dir, "truncated.json"),
    '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow",',
  );
  await writeFile(join(dir, "empty.json"), "");
  await writeFile(join(dir, "blank.json"), "  \n\n");
  await writeFile(
    join(dir, "garbage.json"),
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff, 0xfe]),
  );
  await writeFile(join(dir, "latin1.json"), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
  await writeFile(
    join(dir, "wrong-type.json"),
    '{\n  "Version": "2012-10-17",\n  "Statement": "nope"\n}\n',
  );
  await writeFile(join(dir, "array.json"), "[1, 2, 3]\n");
  // 50 MB: far beyond any policy; must be refused at once, not parsed.
  const big = await open(join(dir, "big.json"), "w");
  await big.truncate(50 * 1024 * 1024);
  await big.close();
});

const policyArgument = (file: string) => [
  "eval",
  "--policy",
  join(dir, file),
  "--action",
  "s3:GetObject",
];

describe("malformed policy files give exit 2 and a one-line message, promptly", () => {
  it.each([
    ["truncated.json", /truncated\.json:4:\d+: .*(end of|truncated|unexpected)/i],
    ["empty.json", /empty\.json: is empty/],
    ["blank.json", /blank\.json: is empty/],
    ["garbage.json", /garbage\.json: is binary, not text/],
    ["latin1.json", /latin1\.json: is not valid UTF-8/],
    ["wrong-type.json", /wrong-type\.json:3:\d+: .*\(at \$\.Statement\)/],
    ["array.json", /array\.json:1:1: /],
    ["big.json", /big\.json: too large \(50 MB/],
  ])("%s", async (file, message) => {
    const run = await iamspec(policyArgument(file));
    expect(run.code).toBe(2);
    expect(expectOneLineError(run)).toMatch(message);
    expect(run.ms).toBeLessThan(15000);
  });

  it("reports an invalid Effect with line, column and JSON path", async () => {
    const run = await iamspec(["eval", "--policy", "bad-effect.json", "--action", "s3:GetObject"]);
    expect(run.code).toBe(2);
    expect(expectOneLineError(run)).toMatch(
      /bad-effect\.json:5:\d+: .*\(at \$\.Statement\[0\]\.Effect\)/,
    );
  });

  it("reports a directory given as a policy", async () => {
    const run = await iamspec(["eval", "--policy", dir + "/", "--action", "s3:GetObject"]);
    expect(run.code).toBe(2);
    expect(expectOneLineError(run)).toContain("is a directory");
  });

  it("never prints a stack trace, but does with --debug for internal errors only", async () => {
    const run = await iamspec([...policyArgument("garbage.json"), "--debug"]);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n")[0]).toContain("is binary");
  });

  it("reads a 50 MB NDJSON input as a stream and answers its one overlong line", async () => {
    const run = await iamspec(
      ["eval", "--policy", "EC2ImageBuilderExecutionPolicy", "--input", join(dir, "big.json")],
      {
        timeoutMs: 30000,
      },
    );
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ error: { line: 1 } });
  });

  it("refuses a 50 MB test file at once", async () => {
    const run = await iamspec(["test", join(dir, "big.json")]);
    expect(run.code).toBe(2);
    expect(expectOneLineError(run)).toContain("too large");
  });

  it("reports a 50 MB validate input as too large", async () => {
    const run = await iamspec(["validate", join(dir, "big.json")]);
    expect(run.code).toBe(2);
    expect(expectOneLineError(run)).toContain("too large");
  });
});
