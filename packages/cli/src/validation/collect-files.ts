// The files `validate` looks at: given files as they are; directories walked for .json and
// AWS documentation pages (.md), skipping node_modules and hidden directories.
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileError } from "../input/read-text.js";

export interface PolicyFile {
  path: string;
  /** Found by walking a directory (a .md without a policy block is skipped, not an error). */
  discovered: boolean;
}

const POLICY_FILE = /\.(json|md)$/i;

export async function collectPolicyFiles(paths: readonly string[]): Promise<PolicyFile[]> {
  const files: PolicyFile[] = [];
  for (const path of paths) {
    if (path === "-") {
      files.push({ path, discovered: false });
      continue;
    }
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      throw fileError(error, path);
    }
    if (info.isDirectory()) await walk(path, files);
    else files.push({ path, discovered: false });
  }
  return files;
}

async function walk(directory: string, files: PolicyFile[]): Promise<void> {
  const entries = await readdir(directory, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) await walk(path, files);
    else if (entry.isFile() && POLICY_FILE.test(entry.name)) files.push({ path, discovered: true });
  }
}
