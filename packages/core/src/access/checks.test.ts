import { describe, expect, it } from "vitest";
import { checkAccessNotGranted, checkNoNewAccess } from "./checks.js";
import { checkNoPublicAccess } from "./public-access.js";
import { policyOf, tinyServiceData } from "./fixtures.test.js";
import type { StatementSpec } from "./fixtures.test.js";

const serviceData = tinyServiceData();
const noNew = (old: StatementSpec[], next: StatementSpec[]) =>
  checkNoNewAccess(policyOf(...old), policyOf(...next), { serviceData });

const watermark: StatementSpec = {
  sid: "AttachImageWatermarkPermissions",
  action: ["ec2:AttachImageWatermark"],
  resource: ["arn:aws:ec2:*::image/*"],
  conditions: [["StringEquals", "aws:ResourceTag/CreatedBy", ["EC2 Image Builder"]]],
};
const run: StatementSpec = {
  action: ["ec2:RunInstances"],
  resource: ["arn:aws:ec2:*:*:instance/*"],
};

describe("checkNoNewAccess", () => {
  it("fails on a new action, naming it, its resource, condition and statement", () => {
    const result = noNew([run], [run, watermark]);
    expect(result.result).toBe("FAIL");
    expect(result.newAccess).toEqual([
      expect.objectContaining({
        actions: ["ec2:AttachImageWatermark"],
        resource: "arn:aws:ec2:*::image/*",
        conditions: [
          {
            operator: "StringEquals",
            key: "aws:ResourceTag/CreatedBy",
            values: ["EC2 Image Builder"],
          },
        ],
        statement: { statementIndex: 1, sid: "AttachImageWatermarkPermissions" },
        reason: "ACTION_NOT_GRANTED",
      }),
    ]);
  });

  it("passes when access only shrinks", () => {
    expect(noNew([run, watermark], [run]).result).toBe("PASS");
  });

  it("compares resource patterns by containment, not by text", () => {
    const narrow = {
      action: ["ec2:RunInstances"],
      resource: ["arn:aws:ec2:us-east-1:*:instance/i-1*"],
    };
    expect(noNew([run], [narrow]).result).toBe("PASS");
    const wide = { action: ["ec2:RunInstances"], resource: ["arn:aws:ec2:*:*:*"] };
    const result = noNew([run], [wide]);
    expect(result.result).toBe("FAIL");
    expect(result.newAccess[0]!.reason).toBe("RESOURCE_NOT_COVERED");
  });

  it("compares action wildcards through the IAM data", () => {
    const old = { action: ["ec2:DescribeImages", "ec2:DescribeInstances"], resource: ["*"] };
    expect(noNew([old], [{ action: ["ec2:Describe*"], resource: ["*"] }]).result).toBe("PASS");
    const result = noNew([old], [{ action: ["ec2:*"], resource: ["*"] }]);
    expect(result.newAccess.flatMap((a) => a.actions).sort()).toEqual([
      "ec2:AttachImageWatermark",
      "ec2:RunInstances",
    ]);
  });

  it("counts a grant covered when the old grant's conditions are a subset of the new one's", () => {
    const plain = { action: ["ec2:AttachImageWatermark"], resource: ["*"] };
    expect(noNew([plain], [watermark]).result).toBe("PASS");
    expect(noNew([watermark], [watermark]).result).toBe("PASS");
    const other: StatementSpec = {
      ...watermark,
      conditions: [["StringLike", "aws:ResourceTag/CreatedBy", ["EC2*"]]],
    };
    const result = noNew([other], [watermark]);
    expect(result.result).toBe("FAIL");
    expect(result.newAccess[0]!.reason).toBe("CONDITIONS_NOT_COMPARABLE");
    expect(result.newAccess[0]!.explanation).toContain("conditions not comparable");
  });

  it("fails when a new grant drops a condition", () => {
    const result = noNew([watermark], [{ ...watermark, conditions: [] }]);
    expect(result.result).toBe("FAIL");
  });

  it("treats a Deny that the new version drops as new access", () => {
    const all = { action: ["ec2:*"], resource: ["*"] };
    const deny: StatementSpec = { effect: "Deny", action: ["ec2:RunInstances"], resource: ["*"] };
    expect(noNew([all, deny], [all, deny]).result).toBe("PASS");
    const result = noNew([all, deny], [all]);
    expect(result.result).toBe("FAIL");
    expect(result.newAccess[0]).toMatchObject({
      actions: ["ec2:RunInstances"],
      reason: "OLD_DENY_DROPPED",
    });
    // A conditional Deny in OLD may apply: dropping it may add access too.
    const conditional = {
      ...deny,
      conditions: [["Bool", "aws:SecureTransport", ["false"]]],
    } as StatementSpec;
    expect(noNew([all, conditional], [all]).result).toBe("FAIL");
  });

  it("lets a Deny of the new version take away a grant", () => {
    const all = { action: ["ec2:*"], resource: ["*"] };
    const denyNew: StatementSpec = {
      effect: "Deny",
      action: ["ec2:*"],
      notAction: undefined,
      resource: ["*"],
    };
    expect(noNew([], [all, denyNew]).result).toBe("PASS");
    // …but not a conditional one: the condition may not hold.
    const conditional = {
      ...denyNew,
      conditions: [["Bool", "aws:SecureTransport", ["false"]]],
    } as StatementSpec;
    expect(noNew([], [all, conditional]).result).toBe("FAIL");
  });

  it("expands NotAction and NotResource soundly", () => {
    const old = { action: ["s3:*"], resource: ["*"] };
    expect(noNew([old], [{ notAction: ["ec2:*"], resource: ["*"] }]).result).toBe("PASS");
    expect(
      noNew([old], [{ action: ["s3:GetObject"], notResource: ["arn:aws:s3:::secret/*"] }]).result,
    ).toBe("PASS");
    const result = noNew(
      [{ action: ["s3:GetObject"], notResource: ["arn:aws:s3:::secret/*"] }],
      [{ action: ["s3:GetObject"], resource: ["arn:aws:s3:::*"] }],
    );
    expect(result.result).toBe("FAIL");
    expect(
      noNew(
        [{ action: ["s3:GetObject"], notResource: ["arn:aws:s3:::secret/*"] }],
        [{ action: ["s3:GetObject"], resource: ["arn:aws:s3:::public/*"] }],
      ).result,
    ).toBe("PASS");
  });

  it("compares principals of resource policies as written", () => {
    const account = { action: ["s3:GetObject"], resource: ["*"], principal: ["111122223333"] };
    expect(noNew([account], [account]).result).toBe("PASS");
    const everyone = { ...account, principal: "*" as const };
    expect(noNew([account], [everyone]).newAccess[0]!.reason).toBe("PRINCIPAL_NOT_COVERED");
    expect(noNew([everyone], [account]).result).toBe("PASS");
  });

  it("widens policy variables in new patterns and keeps old ones only when identical", () => {
    const own = { action: ["s3:GetObject"], resource: ["arn:aws:s3:::home/${aws:username}/*"] };
    expect(noNew([own], [own]).result).toBe("PASS");
    expect(
      noNew([{ action: ["s3:GetObject"], resource: ["arn:aws:s3:::home/*"] }], [own]).result,
    ).toBe("PASS");
    expect(
      noNew([own], [{ action: ["s3:GetObject"], resource: ["arn:aws:s3:::home/alice/*"] }]).result,
    ).toBe("FAIL");
  });
});

describe("checkAccessNotGranted", () => {
  const policy = policyOf(run, watermark);
  it("fails when a listed action may be allowed on a listed resource", () => {
    const result = checkAccessNotGranted(
      policy,
      { actions: ["ec2:Attach*"], resources: ["arn:aws:ec2:us-east-1::image/ami-1"] },
      { serviceData },
    );
    expect(result.result).toBe("FAIL");
    expect(result.granted[0]).toMatchObject({
      actions: ["ec2:AttachImageWatermark"],
      resource: "arn:aws:ec2:*::image/*",
      listedResources: ["arn:aws:ec2:us-east-1::image/ami-1"],
    });
    expect(result.granted[0]!.explanation).toContain("when its conditions hold");
  });
  it("passes when the resources do not meet", () => {
    expect(
      checkAccessNotGranted(
        policy,
        {
          actions: ["ec2:AttachImageWatermark"],
          resources: ["arn:aws:ec2:us-east-1:111122223333:image/ami-1"],
        },
        { serviceData },
      ).result,
    ).toBe("PASS");
    expect(checkAccessNotGranted(policy, { actions: ["s3:*"] }, { serviceData }).result).toBe(
      "PASS",
    );
  });
  it("counts an unconditional Deny of the same policy", () => {
    const denied = policyOf(run, { effect: "Deny", action: ["ec2:*"], resource: ["*"] });
    expect(
      checkAccessNotGranted(denied, { actions: ["ec2:RunInstances"] }, { serviceData }).result,
    ).toBe("PASS");
  });
});

describe("checkNoPublicAccess", () => {
  const get = { action: ["s3:GetObject"], resource: ["arn:aws:s3:::b/*"] };
  it("fails on Principal * without conditions", () => {
    const result = checkNoPublicAccess(policyOf({ ...get, principal: "*" }), "AWS::S3::Bucket", {
      serviceData,
    });
    expect(result.result).toBe("FAIL");
    expect(result.publicGrants[0]!.principal).toBe("*");
  });
  it("passes for a named account", () => {
    expect(
      checkNoPublicAccess(policyOf({ ...get, principal: ["111122223333"] }), "AWS::S3::Bucket", {
        serviceData,
      }).result,
    ).toBe("PASS");
  });
  it.each([
    ["StringEquals", "aws:PrincipalOrgID", ["o-a1b2c3d4e5"], "PASS"],
    ["StringEquals", "aws:SourceAccount", ["111122223333"], "PASS"],
    ["ArnLike", "aws:SourceArn", ["arn:aws:sns:*:111122223333:topic"], "PASS"],
    ["StringEquals", "aws:SourceVpce", ["vpce-1a2b3c4d"], "PASS"],
    ["StringLike", "aws:PrincipalOrgID", ["o-*"], "FAIL"],
    ["StringEqualsIfExists", "aws:SourceAccount", ["111122223333"], "FAIL"],
    ["StringNotEquals", "aws:SourceAccount", ["111122223333"], "FAIL"],
    ["ArnLike", "aws:SourceArn", ["arn:aws:sns:*:*:topic"], "FAIL"],
    ["IpAddress", "aws:SourceIp", ["203.0.113.0/24"], "FAIL"],
    ["Bool", "aws:SecureTransport", ["true"], "FAIL"],
  ])("%s %s %j: %s", (operator, key, values, expected) => {
    const result = checkNoPublicAccess(
      policyOf({ ...get, principal: "*", conditions: [[operator, key, values]] }),
      "AWS::S3::Bucket",
      { serviceData },
    );
    expect(result.result).toBe(expected);
    if (expected === "PASS")
      expect(result.restrictedBy[0]!.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    else expect(result.publicGrants[0]!.ignoredConditions[0]!.why).toBeTruthy();
  });
});
