// Measures what a first visit downloads: the entry script and the chunks it imports statically
// (transitively), gzip-compressed. Dynamic imports (policy documents, the catalog, the service
// data) are listed separately: they load lazily.
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export interface BundleReport {
  initial: { file: string; bytes: number; gzip: number }[];
  initialGzip: number;
  lazy: { file: string; gzip: number }[];
  lazyCount: number;
}

const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g;

export async function measureBundle(outDir: string): Promise<BundleReport> {
  const html = await readFile(join(outDir, "index.html"), "utf8");
  const entries = [
    ...html.matchAll(/<script[^>]+src="\.\/([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\.\/([^"]+)"/g),
  ].map((m) => m[1]!);
  const seen = new Set<string>();
  const queue = [...entries];
  const initial: BundleReport["initial"] = [];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = await readFile(join(outDir, file));
    initial.push({ file, bytes: code.length, gzip: gzipSync(code, { level: 9 }).length });
    const directory = file.slice(0, file.lastIndexOf("/") + 1);
    for (const match of code.toString("utf8").matchAll(STATIC_IMPORT))
      queue.push(`${directory}${match[1]}`);
  }
  const lazy: BundleReport["lazy"] = [];
  for (const name of await readdir(join(outDir, "assets"))) {
    const file = `assets/${name}`;
    if (seen.has(file) || !name.endsWith(".js")) continue;
    lazy.push({ file, gzip: gzipSync(await readFile(join(outDir, file)), { level: 9 }).length });
  }
  lazy.sort((a, b) => b.gzip - a.gzip);
  return {
    initial,
    initialGzip: initial.reduce((sum, f) => sum + f.gzip, 0),
    lazy: lazy.slice(0, 8),
    lazyCount: lazy.length,
  };
}
