// `iamspec check no-new-access|access-not-granted|no-public-access`: offline access checks after
// IAM Access Analyzer's custom policy checks. PASS exits 0, FAIL exits 1 (docs/access-checks.md).
import {
  checkAccessNotGranted,
  checkNoNewAccess,
  checkNoPublicAccess,
  PUBLIC_ACCESS_RESOURCE_TYPES,
} from "@iamspec/core";
import type { PolicyType } from "@iamspec/core";
import { listFlag, stringFlag } from "../args.js";
import type { CliCommand } from "../command.js";
import { formatArg } from "../command.js";
import { usageError } from "../errors.js";
import { loadServiceData } from "../input/bundled.js";
import { loadPolicyArgument } from "../input/policy-source.js";
import type { LoadedPolicy } from "../input/policy-source.js";
import { writeLine } from "../io.js";
import { version } from "../version.js";
import {
  checkSarif,
  formatAccessNotGranted,
  formatNoNewAccess,
  formatNoPublicAccess,
} from "../output/check-text.js";
import type { SarifFinding } from "../output/check-text.js";

const CHECKS = ["no-new-access", "access-not-granted", "no-public-access"] as const;
type CheckName = (typeof CHECKS)[number];

const POLICY_TYPES = ["identity", "resource", "trust", "boundary", "session", "scp", "rcp"];

export const checkCommand: CliCommand = {
  definition: {
    meta: {
      name: "check",
      description: "PASS/FAIL access checks: no new access, access not granted, no public access",
    },
    args: {
      check: {
        type: "positional",
        description: "no-new-access OLD NEW | access-not-granted POLICY | no-public-access POLICY",
      },
      policies: {
        type: "positional",
        description: "Policies: file, bundled name or ARN, Name@vN, or -",
      },
      "policy-type": {
        type: "enum",
        options: POLICY_TYPES,
        description:
          "How the policies are used (default: identity; trust/resource for no-public-access)",
      },
      action: {
        type: "string",
        description: "access-not-granted: an action or pattern (repeatable)",
      },
      resource: {
        type: "string",
        description: "access-not-granted: a resource ARN or pattern (repeatable; default any)",
      },
      "resource-type": {
        type: "string",
        description: `no-public-access: ${PUBLIC_ACCESS_RESOURCE_TYPES.slice(0, 7).join(", ")}, …`,
      },
      format: formatArg(["text", "json", "sarif"]),
    },
  },
  repeatable: ["action", "resource"],
  variadic: true,
  examples: [
    [
      "iamspec check no-new-access EC2ImageBuilderExecutionPolicy@v1 EC2ImageBuilderExecutionPolicy@v2",
      "fail when v2 allows a request v1 does not",
    ],
    [
      "iamspec check access-not-granted policy.json --action 'iam:*' --action s3:DeleteBucket",
      "fail when any of these may be allowed",
    ],
    [
      "iamspec check no-public-access bucket-policy.json --resource-type AWS::S3::Bucket",
      "fail when anyone outside known accounts, organizations or services gets access",
    ],
  ],
  notes: [
    "A check never answers PASS while access may exist: a condition or wildcard it cannot compare",
    "is reported as a finding with its reason, and the check fails. Exit 0 PASS, 1 FAIL, 2 usage.",
  ],
  async run(line, io) {
    const [name, ...specs] = line.positionals as [string, ...string[]];
    if (!(CHECKS as readonly string[]).includes(name))
      throw usageError(`unknown check "${name}" (checks: ${CHECKS.join(", ")})`);
    const check = name as CheckName;
    const format = stringFlag(line, "format") ?? "text";
    const policyTypeFlag = stringFlag(line, "policy-type") as PolicyType | undefined;
    const expected = check === "no-new-access" ? 2 : 1;
    if (specs.length !== expected)
      throw usageError(
        `${check} takes ${expected === 2 ? "two policies, OLD and NEW" : "one policy"} (got ${specs.length})`,
      );
    if (specs.filter((s) => s === "-").length > 1)
      throw usageError("stdin (-) can be read only once");
    for (const flag of ["action", "resource"] as const)
      if (check !== "access-not-granted" && listFlag(line, flag).length > 0)
        throw usageError(`--${flag} is for access-not-granted`);
    if (check !== "no-public-access" && stringFlag(line, "resource-type") !== undefined)
      throw usageError("--resource-type is for no-public-access");

    let policyType = policyTypeFlag;
    let resourceType: string | undefined;
    if (check === "no-public-access") {
      resourceType = stringFlag(line, "resource-type");
      if (resourceType === undefined)
        throw usageError(
          `no-public-access needs --resource-type (${PUBLIC_ACCESS_RESOURCE_TYPES.join(", ")})`,
        );
      if (!(PUBLIC_ACCESS_RESOURCE_TYPES as readonly string[]).includes(resourceType))
        throw usageError(
          `unknown --resource-type "${resourceType}" (one of ${PUBLIC_ACCESS_RESOURCE_TYPES.join(", ")})`,
        );
      policyType ??= resourceType === "AWS::IAM::AssumeRolePolicyDocument" ? "trust" : "resource";
    }
    const load = (spec: string) =>
      loadPolicyArgument(spec, { stdin: io.stdin, ...(policyType && { policyType }) });
    const policies: LoadedPolicy[] = [];
    for (const spec of specs) policies.push(await load(spec));
    const serviceData = await loadServiceData();
    if (!serviceData)
      throw usageError("the IAM service data (@iamspec/policies) is not installed: checks need it");

    let text: string;
    let json: unknown;
    let findings: SarifFinding[];
    let pass: boolean;
    if (check === "no-new-access") {
      const [oldPolicy, newPolicy] = policies as [LoadedPolicy, LoadedPolicy];
      const result = checkNoNewAccess(oldPolicy.policy, newPolicy.policy, { serviceData });
      const names = { old: label(oldPolicy), new: label(newPolicy) };
      pass = result.result === "PASS";
      json = { ...names, ...result };
      text = formatNoNewAccess(names, result, io.out);
      findings = result.newAccess.map((access) => ({
        ruleId: "NO_NEW_ACCESS",
        file: newPolicy.source,
        statementIndex: access.statement.statementIndex,
        message: `new access: ${access.actions.join(", ")}${access.resource ? ` on ${access.resource}` : ""} — ${access.explanation}`,
      }));
    } else if (check === "access-not-granted") {
      const [policy] = policies as [LoadedPolicy];
      const actions = listFlag(line, "action");
      if (actions.length === 0) throw usageError("access-not-granted needs at least one --action");
      const resources = listFlag(line, "resource");
      const result = checkAccessNotGranted(policy.policy, { actions, resources }, { serviceData });
      pass = result.result === "PASS";
      json = { policy: label(policy), actions, resources, ...result };
      text = formatAccessNotGranted(label(policy), actions, resources, result, io.out);
      findings = result.granted.map((grant) => ({
        ruleId: "ACCESS_GRANTED",
        file: policy.source,
        statementIndex: grant.statement.statementIndex,
        message: `${grant.actions.join(", ")} may be allowed on ${grant.listedResources.join(", ")} — ${grant.explanation}`,
      }));
    } else {
      const [policy] = policies as [LoadedPolicy];
      const result = checkNoPublicAccess(policy.policy, resourceType!, { serviceData });
      pass = result.result === "PASS";
      json = { policy: label(policy), ...result };
      text = formatNoPublicAccess(label(policy), result, io.out);
      findings = result.publicGrants.map((grant) => ({
        ruleId: "PUBLIC_ACCESS",
        file: policy.source,
        statementIndex: grant.statement.statementIndex,
        message: grant.explanation,
      }));
    }
    if (format === "json") writeLine(io.stdout, JSON.stringify(json, null, 2));
    else if (format === "sarif") writeLine(io.stdout, checkSarif(findings, version()));
    else writeLine(io.stdout, text);
    return pass ? 0 : 1;
  },
};

function label(policy: LoadedPolicy): string {
  return policy.bundled && !policy.name.includes("@")
    ? `${policy.name}@${policy.version}`
    : policy.name;
}
