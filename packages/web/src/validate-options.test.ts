import type { IamServiceData } from "@iamspec/core";
import { describe, expect, it } from "vitest";
import { lintPolicy } from "./lint-policy.js";
import { loadBundledPolicy } from "./policy-source.js";
import { validateOptionsFor } from "./validate-options.js";

const SIZE = "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA";

describe("the options the playground validates with", () => {
  it("marks a policy as AWS managed only when asked to", () => {
    expect(validateOptionsFor("identity", undefined)).toEqual({ policyType: "identity" });
    expect(validateOptionsFor("identity", undefined, { awsManaged: false })).toEqual({
      policyType: "identity",
    });
    expect(validateOptionsFor("boundary", undefined, { awsManaged: true })).toEqual({
      policyType: "boundary",
      awsManaged: true,
    });
  });

  it("passes the IAM service data once it has loaded", () => {
    const serviceData = { updatedAt: "2026-01-01" } as unknown as IamServiceData;
    expect(validateOptionsFor("scp", serviceData)).toEqual({ policyType: "scp", serviceData });
  });
});

// IAM quotas (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html): 6,144 characters
// (whitespace not counted) for customer managed policies; AWS managed policies such as
// AdministratorAccess-Amplify (~11,000) are larger, so the quota is checked only for the user's own text.
describe("linting a large bundled AWS managed policy", () => {
  it("leaves out the customer managed size quota while the policy is unedited", async () => {
    const loaded = await loadBundledPolicy("AdministratorAccess-Amplify");
    expect(loaded).toBeDefined();
    const codes = (awsManaged: boolean) =>
      lintPolicy(loaded!.text, "identity", { awsManaged }).map((d) => d.code);
    expect(codes(true)).not.toContain(SIZE);
    // The same text as the user's own (edited or pasted) policy is customer managed.
    expect(codes(false)).toContain(SIZE);
  });
});
