// The repository root, found by walking up: tests also run from a copy of the package (Stryker's sandbox).
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

function findRepoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(`${dir}/policies/aws-managed`)) return `${dir}/`;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("policies/aws-managed not found above the test folder");
    dir = parent;
  }
}

/** Absolute path of the repository root, with a trailing slash. */
export const REPO_ROOT = findRepoRoot();
