// Incremental regeneration: each output file is remembered with the hash of everything it was made
// from (its input files, the generator's own code, core's validator, the IAM data). A rerun reuses
// an output whose key is unchanged and whose file on disk is still the one written.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { GeneratorDiagnostic } from "./errors.js";

export interface CacheEntry {
  key: string;
  /** sha1 of the output file's content. */
  sha: string;
  warnings?: GeneratorDiagnostic[];
  /** Service prefixes the policy names. */
  services?: string[];
}

export interface GeneratorCache {
  version: 1;
  entries: Record<string, CacheEntry>;
}

export const sha1 = (text: string): string => createHash("sha1").update(text).digest("hex");

export function cachePath(repoRoot: string): string {
  return join(repoRoot, "node_modules", ".cache", "iamspec-generator", "cache.json");
}

export function loadCache(path: string): GeneratorCache {
  try {
    const cache = JSON.parse(readFileSync(path, "utf8")) as GeneratorCache;
    if (cache.version === 1 && typeof cache.entries === "object") return cache;
  } catch {
    // No cache or an unreadable one: start empty.
  }
  return { version: 1, entries: {} };
}

export function saveCache(path: string, cache: GeneratorCache): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, JSON.stringify(cache));
  renameSync(`${path}.tmp`, path);
}

function hashTree(dir: string, hash: ReturnType<typeof createHash>): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) hashTree(full, hash);
    else if (entry.name.endsWith(".js")) hash.update(entry.name).update(readFileSync(full));
  }
}

/** Hash of the generator's code and of core's (its validator decides what is an error). */
export function generatorFingerprint(extra: string): string {
  const hash = createHash("sha1").update(extra);
  hashTree(fileURLToPath(new URL(".", import.meta.url)), hash);
  try {
    hashTree(dirname(createRequire(import.meta.url).resolve("@iamspec/core")), hash);
  } catch {
    // Core not built: the generator fails later with a clear message anyway.
  }
  return hash.digest("hex");
}
