// `npm run bench -w @iamspec/generator`: the generator's figures against the issue's targets —
// full regeneration (< 60 s), a rerun with nothing changed (< 2 s), one changed policy (< 5 s) —
// and the bundle size of the seed policy alone from the built package (< 20 KB, esbuild minified).
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { defaultRepoRoot } from "../paths.js";

const cli = fileURLToPath(new URL("../cli.js", import.meta.url));

function timeGen(root: string, ...flags: string[]): { seconds: number; summary: string } {
  const started = performance.now();
  const summary = execFileSync(process.execPath, [cli, "gen", "--quiet", "--root", root, ...flags], {
    encoding: "utf8",
    env: { ...process.env, CI: "" },
  });
  return { seconds: (performance.now() - started) / 1000, summary: summary.trim() };
}

function report(label: string, value: number, target: number, unit: string, detail = ""): void {
  const verdict = value <= target ? "ok" : "OVER TARGET";
  console.log(`${label.padEnd(34)} ${value.toFixed(unit === "KB" ? 1 : 2).padStart(8)} ${unit}  (target < ${target} ${unit}, ${(value / target).toFixed(2)}x) ${verdict}${detail ? `  ${detail}` : ""}`);
}

async function bundleSize(source: string): Promise<number> {
  const result = await build({
    stdin: { contents: source, resolveDir: defaultRepoRoot, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.contents.byteLength / 1024;
}

// A scratch copy of the inputs and the committed output, so the bench never touches the work tree.
const root = mkdtempSync(join(tmpdir(), "iamspec-bench-"));
try {
  cpSync(join(defaultRepoRoot, "policies"), join(root, "policies"), { recursive: true });
  cpSync(join(defaultRepoRoot, "packages/policies/src/generated"), join(root, "packages/policies/src/generated"), { recursive: true });

  const full = timeGen(root, "--no-cache");
  report("full regeneration", full.seconds, 60, "s", full.summary);
  timeGen(root); // fills the cache
  const rerun = timeGen(root);
  report("rerun, nothing changed", rerun.seconds, 2, "s", rerun.summary);

  const changed = join(root, "policies/aws-managed/AmazonEC2ReadOnlyAccess.json");
  const record = JSON.parse(readFileSync(changed, "utf8")) as { document: { Statement: unknown[] } };
  record.document.Statement.push({ Sid: "BenchAdded", Effect: "Allow", Action: "ec2:DescribeRegions", Resource: "*" });
  writeFileSync(changed, `${JSON.stringify(record, null, 2)}\n`);
  const one = timeGen(root);
  report("one changed policy", one.seconds, 5, "s", one.summary);

  const viaIndex = await bundleSize(`import { EC2ImageBuilderExecutionPolicy } from "@iamspec/policies"; console.log(EC2ImageBuilderExecutionPolicy);`);
  report("seed policy bundle (index import)", viaIndex, 20, "KB");
  const viaSubpath = await bundleSize(
    `import { EC2ImageBuilderExecutionPolicy } from "@iamspec/policies/policies/EC2ImageBuilderExecutionPolicy"; console.log(EC2ImageBuilderExecutionPolicy);`,
  );
  report("seed policy bundle (subpath)", viaSubpath, 20, "KB");
} finally {
  rmSync(root, { recursive: true, force: true });
}
