// The files `validate` looks at: given files as they are; directories walked for .json and
// AWS documentation pages (.md), skipping node_modules and hidden directories; an argument that is
// neither, a bundled AWS managed policy by name, ARN or `Name@vN` (as every POLICY argument).
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { findBundledArgument, notFoundError } from "../input/bundled.js";
import type { NamedBundledDocument } from "../input/bundled.js";
import { fileError } from "../input/read-text.js";

export interface PolicyFile {
  path: string;
  /** Found by walking a directory (a .md without a policy block is skipped, not an error). */
  discovered: boolean;
  /** Set when the argument named a bundled AWS managed policy rather than a file. */
  bundled?: BundledPolicyFile;
}

/** The label is the name shown and matched by suppression globs. */
export type BundledPolicyFile = NamedBundledDocument;

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
      // A file on disk wins over a bundled policy of the same name, as for every POLICY argument.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT" || !mayNameBundledPolicy(path))
        throw fileError(error, path);
      const bundled = await findBundledArgument(path);
      if (!bundled) throw await notFoundError(path, "a file or directory");
      files.push({ path, discovered: false, bundled });
      continue;
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

/** A name or ARN can be a bundled policy; `x.json`, `./x` or `dir/x` can only be a file. */
function mayNameBundledPolicy(spec: string): boolean {
  if (spec.startsWith("arn:")) return true;
  return !/[\\/]/.test(spec) && !/\.(json|md|markdown)$/i.test(spec);
}
