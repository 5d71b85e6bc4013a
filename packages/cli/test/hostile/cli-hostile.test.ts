// Hostile input through the BUILT binary (bin/iamspec.js), as users and CI run it: invalid UTF-8,
// 100,000-deep nesting, prototype keys, numbers beyond double precision, YAML alias bombs, huge
// strings. Each gives the right answer or a one-line error with the right exit code (README "Exit
// codes": 0 ok, 1 findings / lines that could not be evaluated, 2 usage or unreadable input) —
// never a stack trace, never a hang, never "Allowed" by mistake.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { expectOneLineError, iamspec } from "../run-cli.js";

let dir: string;
const at = (name: string) => join(dir, name);

const ALLOW_ALL =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
const DEEP = 100_000;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "iamspec-hostile-"));
  await writeFile(at("allow.json"), ALLOW_ALL);
  const utf8 = (before: string, bytes: number[], after: string) =>
    Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
  const head =
    '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:Get';
  const tail = 'Object", "Resource": "*"}]\n}\n';
  await writeFile(at("overlong.json"), utf8(head, [0xc0, 0xaf], tail)); // overlong "/"
  await writeFile(at("surrogate.json"), utf8(head, [0xed, 0xa0, 0x80], tail)); // UTF-8 encoded U+D800
  await writeFile(at("truncated-utf8.json"), utf8(head + tail.slice(0, -2), [0xe2, 0x82], "")); // cut mid-character
  await writeFile(at("continuation.json"), utf8(head, [0x80, 0x80], tail)); // stray continuation bytes
  await writeFile(
    at("deep.json"),
    `{"Version":"2012-10-17","Statement":${"[".repeat(DEEP)}${"]".repeat(DEEP)}}`,
  );
  await writeFile(at("deep-object.json"), `${'{"a":'.repeat(DEEP)}1${"}".repeat(DEEP)}`);
  await writeFile(
    at("escaped-controls.json"),
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get\\u0000Object","Resource":"arn:aws:s3:::b/\\u202Ek\\ud800"}]}',
  );
  await writeFile(
    at("proto-policy.json"),
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"__proto__":"x","constructor":"y"}}}]}',
  );
  await writeFile(
    at("precise-deny.json"),
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"NumericEquals":{"k":9007199254740993}}}]}',
  );
  const huge = "a".repeat(5 * 1024 * 1024);
  await writeFile(
    at("huge-string.json"),
    `{"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"Allow","Action":"s3:${huge}","Resource":"*"}]}`,
  );
  // A billion-laughs YAML test file: nine levels of nine aliases.
  const levels = "abcdefghi".split("");
  const bomb = [
    `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`,
    ...levels.slice(1).map((l, i) => `${l}: &${l} [${Array(9).fill(`*${levels[i]}`).join(",")}]`),
    "policies:",
    `  identity: [${JSON.stringify(at("allow.json"))}]`,
    "cases: *i",
  ].join("\n");
  await writeFile(at("bomb.yaml"), bomb);
  await writeFile(
    at("proto-cases.json"),
    JSON.stringify({ policies: { identity: [at("allow.json")] } }).replace(
      /}$/,
      ',"cases":[{"action":"s3:GetObject","expected":"Allowed","__proto__":{"expected":"ExplicitlyDenied","action":"iam:PassRole"}}]}',
    ),
  );
});

/** The one-line error contract and no stack trace on any stream. */
function expectClean(run: { stdout: string; stderr: string }): void {
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stdout).not.toMatch(/\n\s+at /);
  expect(run.stderr).not.toContain("internal error");
}

describe("invalid UTF-8 in files is refused with the file name", () => {
  it.each(["overlong.json", "surrogate.json", "truncated-utf8.json", "continuation.json"])(
    "%s",
    async (file) => {
      for (const args of [
        ["eval", "--policy", at(file), "--action", "s3:GetObject"],
        ["validate", at(file)],
        ["list", at(file)],
      ]) {
        const run = await iamspec(args);
        expectClean(run);
        expect(run.code, args.join(" ")).toBe(2);
        expect(expectOneLineError(run)).toMatch(
          new RegExp(`${file.replace(".", "\\.")}.*not valid UTF-8`),
        );
      }
    },
  );

  it("refuses invalid UTF-8 on stdin", async () => {
    const run = await iamspec(["validate", "-"], {
      input: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]),
    });
    expectClean(run);
    expect(run.code).toBe(2);
    expect(expectOneLineError(run)).toMatch(/not valid UTF-8/);
  });

  // Was bug C3 (/tmp/iamspec-bugs.md): lines were decoded with StringDecoder, which substitutes U+FFFD.
  it("invalid UTF-8 in one NDJSON line is an error line; the others are answered", async () => {
    const input = Buffer.concat([
      Buffer.from('{"id":1,"action":"s3:GetObject"}\n{"id":2,"action":"s3:Get'),
      Buffer.from([0xff]),
      Buffer.from('Object"}\n{"id":3,"action":"s3:PutObject"}\n'),
    ]);
    const run = await iamspec(["eval", "--policy", at("allow.json"), "--input", "-"], { input });
    expectClean(run);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0].decision).toBe("Allowed");
    expect(lines[1].error.message).toMatch(/UTF-8/);
    expect(lines[2].decision).toBe("Allowed");
    expect(run.code).toBe(1);
  });
});

describe("100,000-deep nesting", () => {
  it.each(["deep.json", "deep-object.json"])(
    "%s: a located JSON error from eval and validate",
    async (file) => {
      const evalRun = await iamspec(["eval", "--policy", at(file), "--action", "s3:GetObject"]);
      expectClean(evalRun);
      expect(evalRun.code).toBe(2);
      expect(expectOneLineError(evalRun)).toMatch(
        new RegExp(`${file.replace(".", "\\.")}:1:\\d+: .*limit of 1000 levels`),
      );
      const validateRun = await iamspec(["validate", at(file)]);
      expectClean(validateRun);
      expect(validateRun.code).toBe(1);
      expect(validateRun.stdout).toMatch(/JSON_SYNTAX_ERROR/);
    },
  );

  // Was bug C1 (/tmp/iamspec-bugs.md): JSON.stringify of the line's policies (the engine cache key)
  // overflows the stack and the whole run stops with "internal error", exit 2.
  it("a line nested 100,000 deep is an error line; the next line is still answered", async () => {
    const deepLine = `{"id":1,"action":"s3:GetObject","policies":{"identity":[${"[".repeat(DEEP)}${"]".repeat(DEEP)}]}}`;
    const run = await iamspec(["eval", "--policy", at("allow.json"), "--input", "-"], {
      input: `${deepLine}\n{"id":2,"action":"s3:GetObject"}\n`,
    });
    expectClean(run);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0].error).toBeDefined();
    expect(lines[1]).toMatchObject({ id: 2, decision: "Allowed" });
    expect(run.code).toBe(1);
  });

  it("a request file nested 100,000 deep in its context is an error, exit 2 or an error result", async () => {
    await writeFile(
      at("deep-request.json"),
      `{"action":"s3:GetObject","context":{"k":${"[".repeat(DEEP)}${"]".repeat(DEEP)}}}`,
    );
    const run = await iamspec([
      "eval",
      "--policy",
      at("allow.json"),
      "--request",
      at("deep-request.json"),
    ]);
    expectClean(run);
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).not.toMatch(/Allowed/);
  });
});

describe("prototype keys are ordinary keys", () => {
  it("a __proto__ member of an NDJSON request does not supply policies, and context keys named after prototype members are data", async () => {
    const input = [
      `{"id":1,"action":"s3:GetObject","policies":{"identity":[]},"__proto__":{"policies":{"identity":[${JSON.stringify(ALLOW_ALL)}]}}}`,
      `{"id":2,"action":"s3:GetObject","policies":{"identity":[${JSON.stringify(at("proto-policy.json"))}]},"context":{"__proto__":"x","constructor":"y"}}`,
      `{"id":3,"action":"s3:GetObject","policies":{"identity":[${JSON.stringify(at("proto-policy.json"))}]},"context":{}}`,
    ].join("\n");
    const run = await iamspec(["eval", "--input", "-"], { input: `${input}\n` });
    expectClean(run);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.decision ?? l.error?.message)).toEqual([
      "ImplicitlyDenied",
      "Allowed",
      "ImplicitlyDenied",
    ]);
  });

  it("a __proto__ member of a test case does not change its expectation", async () => {
    const run = await iamspec(["test", at("proto-cases.json"), "--format", "json"]);
    expectClean(run);
    expect(run.code).toBe(0);
  });

  it("validate reports an unknown statement element named prototype", async () => {
    await writeFile(
      at("ctor.json"),
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","prototype":1}]}',
    );
    const run = await iamspec(["validate", at("ctor.json")]);
    expectClean(run);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/INVALID_POLICY_ELEMENT/);
  });

  // Was bug H4 (/tmp/iamspec-bugs.md): core validatePolicy threw; the CLI printed "internal error", exit 2.
  it.each(["constructor", "toString", "__proto__"])(
    "validate reports a statement element named %s",
    async (key) => {
      await writeFile(
        at(`el-${key}.json`),
        `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","${key}":1}]}`,
      );
      const run = await iamspec(["validate", at(`el-${key}.json`)]);
      expectClean(run);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/INVALID_POLICY_ELEMENT/);
    },
  );
});

describe("numbers, escapes and big strings", () => {
  // Was bug C2 (/tmp/iamspec-bugs.md): JSON.parse rounded 9007199254740993 to ...992 and skipped the Deny.
  it("numbers beyond double precision in a request are kept exactly or refused, never rounded into Allowed", async () => {
    await writeFile(
      at("precise-request.json"),
      '{"action":"s3:GetObject","context":{"k":9007199254740993}}',
    );
    const runs = await Promise.all([
      iamspec([
        "eval",
        "--policy",
        at("precise-deny.json"),
        "--request",
        at("precise-request.json"),
      ]),
      iamspec([
        "eval",
        "--policy",
        at("precise-deny.json"),
        "--action",
        "s3:GetObject",
        "--context",
        "k:=9007199254740993",
      ]),
      iamspec(["eval", "--policy", at("precise-deny.json"), "--input", "-"], {
        input: '{"action":"s3:GetObject","context":{"k":9007199254740993}}\n',
      }),
    ]);
    for (const run of runs) {
      expectClean(run);
      expect(run.stdout).not.toMatch(/"?Allowed"?/);
    }
  });

  it("the same number written as a string is compared exactly", async () => {
    const run = await iamspec([
      "eval",
      "--policy",
      at("precise-deny.json"),
      "--action",
      "s3:GetObject",
      "--context",
      "k=9007199254740993",
      "--format",
      "json",
    ]);
    expectClean(run);
    expect(JSON.parse(run.stdout).decision).toBe("ExplicitlyDenied");
  });

  it("escaped NUL, right-to-left override and a lone surrogate in a policy are matched exactly", async () => {
    const decide = async (action: string, resource: string) => {
      const run = await iamspec(["eval", "--policy", at("escaped-controls.json"), "--input", "-"], {
        input: `${JSON.stringify({ action, resource })}\n`,
      });
      expectClean(run);
      return JSON.parse(run.stdout.trim()).decision as string;
    };
    expect(await decide("s3:Get\u0000Object", "arn:aws:s3:::b/\u202Ek\ud800")).toBe("Allowed");
    expect(await decide("s3:GetObject", "arn:aws:s3:::b/\u202Ek\ud800")).toBe("ImplicitlyDenied");
    expect(await decide("s3:Get\u0000Object", "arn:aws:s3:::b/k")).toBe("ImplicitlyDenied");
  });

  it("validate names characters outside the IAM set", async () => {
    const run = await iamspec(["validate", at("escaped-controls.json"), "--format", "json"]);
    expectClean(run);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("INVALID_CHARACTER");
  });

  it("a 5 MB action string is evaluated, not truncated", { timeout: 60_000 }, async () => {
    const run = await iamspec(
      ["eval", "--policy", at("huge-string.json"), "--action", "s3:GetObject", "--format", "json"],
      { timeoutMs: 55_000 },
    );
    expectClean(run);
    expect(JSON.parse(run.stdout).decision).toBe("ImplicitlyDenied");
  });

  it("a YAML alias bomb in a test file is refused at once", async () => {
    const run = await iamspec(["test", at("bomb.yaml")]);
    expectClean(run);
    expect(run.code).toBe(2);
    expect(expectOneLineError(run)).toMatch(/bomb\.yaml: .*(alias|YAML)/i);
  });
});
