import { describe, expect, it } from "vitest";
import { expectOneLineError, iamspec, SEED_PAGE } from "./run-cli.js";

describe("iamspec validate", () => {
  it("passes a clean policy (exit 0)", async () => {
    const run = await iamspec(["validate", "pass-role.json"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("1 file checked, 1 clean");
  });

  it("reports an error with file:line:col, code and JSON path (exit 1)", async () => {
    const run = await iamspec(["validate", "bad-effect.json"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /bad-effect\.json:5:\d+ {2}error {2}.*INVALID_EFFECT \$\.Statement\[0\]\.Effect/,
    );
  });

  // LINT-CHECKS A: MISSING_VERSION is a WARNING.
  it("fails on warnings only with --fail-on warning", async () => {
    const lenient = await iamspec(["validate", "lint-findings.json"]);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toContain("MISSING_VERSION");
    const strict = await iamspec(["validate", "lint-findings.json", "--fail-on", "warning"]);
    expect(strict.code).toBe(1);
  });

  it("writes JSON", async () => {
    const run = await iamspec(["validate", "bad-effect.json", "--format", "json"]);
    const result = JSON.parse(run.stdout);
    expect(result.files[0].file).toBe("bad-effect.json");
    expect(result.files[0].diagnostics).toContainEqual(
      expect.objectContaining({ code: "INVALID_EFFECT", severity: "ERROR", line: 5 }),
    );
  });

  it("writes SARIF 2.1.0", async () => {
    const run = await iamspec(["validate", "bad-effect.json", "--format", "sarif"]);
    const sarif = JSON.parse(run.stdout);
    expect(sarif.version).toBe("2.1.0");
    const result = sarif.runs[0].results.find(
      (r: { ruleId: string }) => r.ruleId === "INVALID_EFFECT",
    );
    expect(result).toMatchObject({
      level: "error",
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "bad-effect.json" },
            region: { startLine: 5 },
          },
          logicalLocations: [{ fullyQualifiedName: "$.Statement[0].Effect" }],
        },
      ],
    });
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain(
      "INVALID_EFFECT",
    );
  });

  it("validates an AWS documentation page with the page's own line numbers", async () => {
    const run = await iamspec(["validate", SEED_PAGE, "--format", "json", "--fail-on", "none"]);
    expect(run.code).toBe(0);
    const { diagnostics } = JSON.parse(run.stdout).files[0];
    expect(diagnostics.length).toBeGreaterThan(0);
    // The fenced JSON starts on line 33 of the page (the fence is line 32).
    for (const d of diagnostics) expect(d.line).toBeGreaterThanOrEqual(33);
    const star = diagnostics.find((d: { path: string }) => d.path === "$.Statement[3].Resource");
    if (star) expect(star.line).toBe(99);
  });

  it("walks a directory and applies suppressions from iamspec.config.json", async () => {
    const run = await iamspec([
      "validate",
      "suppressed",
      "--format",
      "json",
      "--fail-on",
      "warning",
    ]);
    const result = JSON.parse(run.stdout);
    expect(result.files.map((f: { file: string }) => f.file)).toEqual(["suppressed/legacy.json"]);
    expect(
      result.files[0].diagnostics.some((d: { code: string }) => d.code === "MISSING_VERSION"),
    ).toBe(false);
    expect(result.suppressed).toBeGreaterThan(0);
  });

  it("checks policy-type rules with --policy-type", async () => {
    const run = await iamspec([
      "validate",
      "pass-role.json",
      "--policy-type",
      "resource",
      "--format",
      "json",
    ]);
    const { diagnostics } = JSON.parse(run.stdout).files[0];
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(run.code).toBe(1);
  });

  it("reports a missing file (exit 2)", async () => {
    const run = await iamspec(["validate", "missing.json"]);
    expect(run.code).toBe(2);
    expect(expectOneLineError(run)).toBe("iamspec: missing.json: no such file");
  });

  it("rejects a bad config with its place (exit 2)", async () => {
    const run = await iamspec(["validate", "pass-role.json", "--config", "-"], {
      input: '{"suppressions": [{"cod": "X"}]}',
    });
    expect(run.code).toBe(2);
    expect(expectOneLineError(run)).toMatch(/<stdin>:1:\d+: unknown field "cod"/);
  });

  // LINT-CHECKS §B: a resource-based policy only controls its own resource, so a KMS action or an SQS ARN in
  // a bucket policy never applies (Access Analyzer UNSUPPORTED_ACTION_IN_POLICY / _RESOURCE_ARN_IN_POLICY).
  describe("--resource-service", () => {
    const mixed = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::444455556666:root" },
          Action: ["s3:GetObject", "kms:Decrypt"],
          Resource: ["arn:aws:s3:::shared-bucket/*", "arn:aws:sqs:us-east-1:111122223333:queue"],
        },
      ],
    });
    const codes = (run: { stdout: string }) =>
      JSON.parse(run.stdout).files[0].diagnostics.map(
        (d: { code: string; path: string }) => `${d.code} ${d.path}`,
      );

    it("passes the attached resource's service to the resource-policy checks", async () => {
      const run = await iamspec(
        [
          "validate",
          "-",
          "--policy-type",
          "resource",
          "--resource-service",
          "s3",
          "--format",
          "json",
        ],
        { input: mixed },
      );
      expect(run.code).toBe(1);
      expect(codes(run)).toEqual(
        expect.arrayContaining([
          "UNSUPPORTED_ACTION_IN_POLICY $.Statement[0].Action[1]",
          "UNSUPPORTED_RESOURCE_ARN_IN_POLICY $.Statement[0].Resource[1]",
        ]),
      );
    });

    it("without it, those checks are not run", async () => {
      const run = await iamspec(
        ["validate", "-", "--policy-type", "resource", "--format", "json", "--fail-on", "none"],
        { input: mixed },
      );
      expect(codes(run).filter((c: string) => c.includes("_IN_POLICY"))).toEqual([]);
    });

    it("accepts a clean bucket policy for s3 (exit 0)", async () => {
      const run = await iamspec([
        "validate",
        "bucket-policy.json",
        "--policy-type",
        "resource",
        "--resource-service",
        "S3",
      ]);
      expect(run.code).toBe(0);
    });

    it("needs --policy-type resource (exit 2)", async () => {
      const run = await iamspec(["validate", "pass-role.json", "--resource-service", "s3"]);
      expect(run.code).toBe(2);
      expect(expectOneLineError(run)).toMatch(/--resource-service needs --policy-type resource/);
    });

    it("rejects a prefix the IAM data does not know (exit 2)", async () => {
      const run = await iamspec([
        "validate",
        "bucket-policy.json",
        "--policy-type",
        "resource",
        "--resource-service",
        "s4",
      ]);
      expect(run.code).toBe(2);
      expect(expectOneLineError(run)).toMatch(
        /service prefix "s4" is unknown to the IAM data of \d{4}-\d\d-\d\d/,
      );
    });

    it("is listed in --help", async () => {
      const run = await iamspec(["validate", "--help"]);
      expect(run.stdout).toContain("--resource-service");
    });
  });
});
