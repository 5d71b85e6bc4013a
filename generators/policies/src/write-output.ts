// Writes the generated tree aside and swaps it in, so a failed or interrupted run never leaves a
// half-written package; unchanged files are hard-linked, not rewritten. `--check` compares instead.
import {
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative, sep } from "node:path";

export interface WriteSummary {
  written: string[];
  unchanged: string[];
  removed: string[];
}

/** Every file under dir, relative, forward slashes. */
export function listTree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(dir, full).split(sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Stale files: different or missing on disk, or on disk but no longer generated. */
export function compareTree(outDir: string, files: ReadonlyMap<string, string>): string[] {
  const stale = new Set<string>();
  for (const [path, content] of files) if (readIfExists(join(outDir, path)) !== content) stale.add(path);
  for (const path of listTree(outDir)) if (!files.has(path)) stale.add(path);
  return [...stale].sort();
}

export function writeTree(outDir: string, files: ReadonlyMap<string, string>): WriteSummary {
  const summary: WriteSummary = { written: [], unchanged: [], removed: [] };
  const staging = `${outDir}.staging-${process.pid}`;
  const retired = `${outDir}.retired-${process.pid}`;
  const onDisk = listTree(outDir);
  const changed = [...files].filter(([path, content]) => readIfExists(join(outDir, path)) !== content);
  const removed = onDisk.filter((p) => !files.has(p));
  if (changed.length === 0 && removed.length === 0) {
    return { written: [], unchanged: [...files.keys()].sort(), removed: [] };
  }
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const [path, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const target = join(staging, path);
      mkdirSync(dirname(target), { recursive: true });
      const current = join(outDir, path);
      if (readIfExists(current) === content) {
        try {
          linkSync(current, target);
        } catch {
          writeFileSync(target, content);
        }
        summary.unchanged.push(path);
      } else {
        writeFileSync(target, content);
        summary.written.push(path);
      }
    }
    summary.removed = listTree(outDir).filter((p) => !files.has(p));
    if (summary.written.length === 0 && summary.removed.length === 0) {
      rmSync(staging, { recursive: true, force: true });
      return summary;
    }
    if (existsSync(outDir)) renameSync(outDir, retired);
    renameSync(staging, outDir);
    rmSync(retired, { recursive: true, force: true });
    return summary;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(outDir) && existsSync(retired)) renameSync(retired, outDir);
    throw error;
  }
}
