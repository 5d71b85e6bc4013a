// Shared by the tests: a throwaway repository root with a chosen set of policy files.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** A temp dir laid out like the repository, with `files` (path -> content or `copy:` repo path). */
export function fixtureRoot(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "iamspec-gen-"));
  for (const [path, content] of Object.entries(files)) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    if (content.startsWith("copy:")) cpSync(join(repoRoot, content.slice(5)), target);
    else writeFileSync(target, content);
  }
  mkdirSync(join(root, "policies"), { recursive: true });
  return root;
}
