import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOneLineError, FIXTURES, iamspec, SEED_PAGE } from "./run-cli.js";

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

  // docs/checks.md group A: MISSING_VERSION is a WARNING.
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

  // docs/checks.md group B: a resource-based policy only controls its own resource, so a KMS action or an SQS ARN in
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

// parliament's SENSITIVE_ACCESS (docs/checks.md): which resources are sensitive is for the user to say, in
// iamspec.config.json; core's validatePolicy takes the rules as `sensitiveAccess`.
describe("sensitiveAccess rules in iamspec.config.json", () => {
  const sensitiveFindings = (run: { stdout: string }) =>
    JSON.parse(run.stdout)
      .files[0].diagnostics.filter((d: { code: string }) => d.code === "SENSITIVE_ACCESS")
      .map((d: { path: string; line: number; column: number; severity: string }) => ({
        path: d.path,
        line: d.line,
        column: d.column,
        severity: d.severity,
      }));

  it("reports an Allow that reaches a sensitive resource with a sensitive action", async () => {
    const run = await iamspec(["validate", "payroll-reader.json", "--format", "json"], {
      cwd: `${FIXTURES}sensitive`,
    });
    expect(run.code).toBe(0);
    // Only the payroll ARN is sensitive; team-reports is not named by the rule.
    expect(sensitiveFindings(run)).toEqual([
      { path: "$.Statement[0].Resource[1]", line: 8, column: 51, severity: "SECURITY_WARNING" },
    ]);
  });

  it("names the rule's actions the statement grants, and fails with --fail-on security-warning", async () => {
    const run = await iamspec(
      ["validate", "payroll-reader.json", "--fail-on", "security-warning"],
      { cwd: `${FIXTURES}sensitive` },
    );
    expect(run.code).toBe(1);
    // s3:Get* grants s3:GetObject but not s3:PutObject, the rule's other action.
    expect(run.stdout).toMatch(
      /payroll-reader\.json:8:51 {2}security-warning {2}"arn:aws:s3:::payroll-exports\/\*" reaches the sensitive resource "arn:aws:s3:::payroll-\*\/\*" with s3:GetObject\. {2}SENSITIVE_ACCESS/,
    );
    expect(run.stdout).not.toContain("s3:PutObject");
  });

  it("is off without rules", async () => {
    const run = await iamspec(
      ["validate", "sensitive/payroll-reader.json", "--format", "json", "--fail-on", "none"],
      { cwd: FIXTURES },
    );
    expect(sensitiveFindings(run)).toEqual([]);
  });

  it("reads the rules from --config", async () => {
    const run = await iamspec(["validate", "-", "--config", "sensitive/iamspec.config.json"], {
      input: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }],
      }),
    });
    expect(run.stdout).toContain("SENSITIVE_ACCESS");
  });

  it("rejects a rule of the wrong shape with the config file's line and column (exit 2)", async () => {
    const run = await iamspec(["validate", "payroll-reader.json"], {
      cwd: `${FIXTURES}bad-sensitive-config`,
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(expectOneLineError(run)).toBe(
      'iamspec: iamspec.config.json:4:18: actions must be a list such as ["s3:GetObject"] (at $.sensitiveAccess[0].actions)',
    );
  });

  it.each([
    [
      '{"sensitiveAccess": {"actions": ["s3:GetObject"]}}',
      "1:21: sensitiveAccess must be a list of rules (at $.sensitiveAccess)",
    ],
    [
      '{"sensitiveAccess": [{"actions": ["s3GetObject"], "resources": ["*"]}]}',
      '1:35: "s3GetObject" is not an action: write service:Action (wildcards * and ? allowed), e.g. "s3:GetObject" (at $.sensitiveAccess[0].actions[0])',
    ],
    [
      '{"sensitiveAccess": [{"actions": ["s3:GetObject"]}]}',
      '1:22: resources is required: a list such as ["arn:aws:s3:::payroll/*"] (at $.sensitiveAccess[0].resources)',
    ],
    [
      '{"sensitiveAccess": [{"actions": ["s3:GetObject"], "resources": []}]}',
      "1:65: resources is empty, so the rule could never match; list at least one (at $.sensitiveAccess[0].resources)",
    ],
    [
      '{"sensitiveAccess": [{"actions": ["s3:GetObject"], "resources": ["payroll"]}]}',
      '1:66: "payroll" is not a resource ARN: write an ARN pattern such as "arn:aws:s3:::payroll/*", or "*" (at $.sensitiveAccess[0].resources[0])',
    ],
    [
      '{"sensitiveAccess": [{"actions": ["s3:GetObject"], "resources": [42]}]}',
      "1:66: resources entries must be strings (at $.sensitiveAccess[0].resources[0])",
    ],
    [
      '{"sensitiveAccess": [{"action": ["s3:GetObject"], "resources": ["*"]}]}',
      '1:33: unknown field "action" (known: actions, resources, reason) (at $.sensitiveAccess[0].action)',
    ],
    [
      '{"sensitiveAccess": ["s3:GetObject"]}',
      '1:22: a sensitiveAccess rule is an object with "actions" and "resources" (at $.sensitiveAccess[0])',
    ],
    [
      '{"SENSITIVE_ACCESS": []}',
      '1:22: unknown setting "SENSITIVE_ACCESS" (known: suppressions, sensitiveAccess) (at $.SENSITIVE_ACCESS)',
    ],
  ])("rejects the config %s (exit 2)", async (config, message) => {
    const run = await iamspec(["validate", "pass-role.json", "--config", "-"], { input: config });
    expect(run.code).toBe(2);
    expect(expectOneLineError(run)).toBe(`iamspec: <stdin>:${message}`);
  });
});

// IAM quotas (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html): a customer managed
// policy is at most 6,144 characters without whitespace; AWS managed policies are larger (AdministratorAccess-
// Amplify has ~11,000), so the quota is checked only for the copy a user keeps in a file.
describe("bundled AWS managed policies", () => {
  const BIG = "AdministratorAccess-Amplify";
  const codesOf = (run: { stdout: string }) =>
    JSON.parse(run.stdout).files.map((f: { file: string; diagnostics: { code: string }[] }) => ({
      file: f.file,
      size: f.diagnostics.some((d) => d.code === "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA"),
    }));
  let directory: string;

  beforeAll(async () => {
    const { loadPolicy } = await import("@iamspec/policies/catalog");
    const policy = await loadPolicy(BIG);
    directory = await mkdtemp(join(tmpdir(), "iamspec-validate-"));
    await writeFile(
      join(directory, `${BIG}.json`),
      `${JSON.stringify(policy!.document, null, 2)}\n`,
    );
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("validates one by name without the customer managed size quota, and a copy in a file with it", async () => {
    const run = await iamspec(
      ["validate", BIG, `${BIG}.json`, "--format", "json", "--fail-on", "none"],
      { cwd: directory },
    );
    expect(run.code).toBe(0);
    expect(codesOf(run)).toEqual([
      { file: BIG, size: false },
      { file: `${BIG}.json`, size: true },
    ]);
  });

  it("accepts the ARN and Name@vN, and shows the name with file:line:col", async () => {
    const byArn = await iamspec([
      "validate",
      `arn:aws:iam::aws:policy/${BIG}`,
      "--fail-on",
      "none",
    ]);
    expect(byArn.code).toBe(0);
    expect(byArn.stdout).toMatch(new RegExp(`^${BIG}:\\d+:\\d+ `, "m"));
    expect(byArn.stdout).not.toContain("POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA");
    expect(byArn.stdout).toContain("1 file checked");

    const { findPolicy } = await import("@iamspec/policies/catalog");
    const version = findPolicy(BIG)!.defaultVersion;
    const byVersion = await iamspec(["validate", `${BIG}@${version}`, "--format", "json"]);
    expect(JSON.parse(byVersion.stdout).files[0].file).toBe(`${BIG}@${version}`);
  });

  it("applies suppressions whose file glob names the policy", async () => {
    const run = await iamspec(["validate", BIG, "--config", "-", "--format", "json"], {
      input: JSON.stringify({ suppressions: [{ code: "*", file: "AdministratorAccess-*" }] }),
    });
    const result = JSON.parse(run.stdout);
    expect(result.files[0].diagnostics).toEqual([]);
    expect(result.suppressed).toBeGreaterThan(0);
  });

  it("reports an unknown name with a hint (exit 2), and a missing .json as a missing file", async () => {
    const unknown = await iamspec(["validate", "AdministratorAccess-Amplfy"]);
    expect(unknown.code).toBe(2);
    expect(expectOneLineError(unknown)).toMatch(
      /^iamspec: "AdministratorAccess-Amplfy" is neither a file or directory nor a bundled policy name or ARN/,
    );
    const version = await iamspec(["validate", `${BIG}@v999`]);
    expect(version.code).toBe(2);
    expect(expectOneLineError(version)).toMatch(/has no version v999 \(bundled: v\d+/);
    const file = await iamspec(["validate", `${BIG}.json`]);
    expect(expectOneLineError(file)).toBe(`iamspec: ${BIG}.json: no such file`);
  });
});
