#!/usr/bin/env node
// The consumer test: iamspec as a user meets it from npm. It packs every public package, installs
// the tarballs into a new project outside the repository, and there
//   - type-checks the README's first TypeScript example and fixture/src with `tsc --strict` under
//     `module: nodenext` and under `moduleResolution: bundler`,
//   - measures what `tsc` pays to import one policy the way the README shows (memory, files),
//   - runs the compiled project in Node and bundles it for the browser with esbuild,
//   - runs `npx iamspec eval`, `check`, `who-can` (with the optional account inputs) and
//     `can --all` (worker threads, shards) from the installed CLI,
//   - runs a vitest suite that uses @iamspec/testing's matchers (fixture/vitest-suite),
//   - and checks `npm publish --dry-run` of each public package.
// Usage: node tests/consumer/run.mjs [--keep]   (--keep leaves the temporary project for a look)
import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");
const keep = process.argv.includes("--keep");
// The repository's own pinned TypeScript and esbuild: the project under test installs only iamspec.
const TSC = join(repo, "node_modules", "typescript", "bin", "tsc");
const ESBUILD = join(repo, "node_modules", "esbuild", "bin", "esbuild");
const VITEST = join(repo, "node_modules", "vitest");
// The README's first import of one policy must stay light for editors and CI type checks.
const FIRST_IMPORT_MEMORY_LIMIT_MB = 120;

let passed = 0;
let failed = 0;
function check(name, fn) {
  const started = Date.now();
  try {
    const detail = fn();
    passed++;
    console.log(
      `  ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)${detail ? ` — ${detail}` : ""}`,
    );
  } catch (error) {
    failed++;
    console.log(
      `  FAIL ${name}\n${indent(error instanceof Error ? error.message : String(error))}`,
    );
  }
}
const indent = (text) => text.replace(/^/gm, "       ");

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 << 20, ...options });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "" };
}
function mustRun(command, args, options) {
  const result = run(command, args, options);
  if (result.code !== 0)
    throw new Error(
      `${command} ${args.join(" ")} exited ${result.code}\n${result.stdout}${result.stderr}`,
    );
  return result;
}

/** The first ```ts block of the root README: the example a new user copies first. */
function readmeExample() {
  const readme = readFileSync(join(repo, "README.md"), "utf8");
  const match = /```ts\n([\s\S]*?)```/.exec(readme);
  if (!match) throw new Error("README.md has no ```ts example");
  return match[1];
}

const publicPackages = [
  "packages/core",
  "packages/policies",
  "packages/cli",
  "packages/testing",
].filter((dir) => {
  const manifest = JSON.parse(readFileSync(join(repo, dir, "package.json"), "utf8"));
  return manifest.private !== true;
});

console.log("consumer test: packed packages in a new project outside the repository");
const work = mkdtempSync(join(tmpdir(), "iamspec-consumer-"));
const tarballs = join(work, "tarballs");
const project = join(work, "project");
mkdirSync(tarballs);
try {
  mustRun("npx", ["turbo", "run", "build", "--output-logs=errors-only"], { cwd: repo });

  check("npm publish --dry-run of every public package", () => {
    for (const dir of publicPackages)
      mustRun("npm", ["publish", "--dry-run"], { cwd: join(repo, dir) });
    return publicPackages.join(", ");
  });

  const packed = {};
  check("npm pack of every public package", () => {
    for (const dir of publicPackages) {
      const out = mustRun("npm", ["pack", "--json", "--pack-destination", tarballs], {
        cwd: join(repo, dir),
      });
      const [info] = JSON.parse(out.stdout);
      packed[info.name] = join(tarballs, info.filename);
    }
    return Object.values(packed)
      .map((file) => file.slice(tarballs.length + 1))
      .join(", ");
  });

  cpSync(join(here, "fixture"), project, { recursive: true });
  writeFileSync(join(project, "src", "readme-example.ts"), readmeExample());
  writeFileSync(
    join(project, "package.json"),
    `${JSON.stringify(
      {
        name: "iamspec-consumer",
        private: true,
        type: "module",
        dependencies: Object.fromEntries(
          Object.entries(packed).map(([name, file]) => [name, `file:${file}`]),
        ),
      },
      null,
      2,
    )}\n`,
  );

  check("npm install of the tarballs", () => {
    mustRun("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: project });
    const installed = readdirSync(join(project, "node_modules", "@iamspec"));
    return `@iamspec/${installed.join(", @iamspec/")}`;
  });

  check("tsc --strict, module nodenext (README example + fixtures)", () => {
    mustRun("node", [TSC, "-p", "tsconfig.nodenext.json"], { cwd: project });
  });
  check("tsc --strict, moduleResolution bundler", () => {
    mustRun("node", [TSC, "-p", "tsconfig.bundler.json"], { cwd: project });
  });

  // Measured with the settings of `tsc --init` (strict, skipLibCheck) and the DOM library, as an
  // editor or a CI type check of a new project would run it.
  const tscCost = (config) => {
    const out = mustRun("node", [TSC, "--extendedDiagnostics", "-p", config], {
      cwd: project,
    }).stdout;
    const number = (label) => Number(new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(out)?.[1]);
    return {
      files: number("Files"),
      memoryMb: number("Memory used") / 1024,
      seconds: number("Total time"),
      out,
    };
  };
  const describeCost = (c) =>
    `${c.files} files, ${c.memoryMb.toFixed(0)} MB, ${c.seconds.toFixed(2)} s`;
  check(`the README's first import costs tsc under ${FIRST_IMPORT_MEMORY_LIMIT_MB} MB`, () => {
    const cost = tscCost("tsconfig.first-import.json");
    if (!(cost.memoryMb < FIRST_IMPORT_MEMORY_LIMIT_MB))
      throw new Error(`${describeCost(cost)}\n${cost.out}`);
    return describeCost(cost);
  });
  check("the whole corpus type-checks from one import", () =>
    describeCost(tscCost("tsconfig.whole-corpus.json")),
  );

  check("the compiled project runs in Node", () => {
    const example = mustRun("node", ["dist/readme-example.js"], { cwd: project }).stdout;
    if (!example.includes("Allowed")) throw new Error(`the README example printed:\n${example}`);
    const fit = mustRun("node", ["dist/fit.js"], { cwd: project }).stdout;
    return fit.trim().split("\n").at(-1);
  });

  check("esbuild bundles it for the browser", () => {
    mustRun(
      ESBUILD,
      [
        "src/readme-example.ts",
        "--bundle",
        "--platform=browser",
        "--format=esm",
        "--minify",
        "--outfile=bundle/example.js",
      ],
      { cwd: project },
    );
    // The bundle uses nothing of Node: it runs as an ES module anywhere.
    const output = mustRun("node", ["bundle/example.js"], { cwd: project }).stdout;
    if (!output.includes("Allowed")) throw new Error(`the bundle printed:\n${output}`);
    const size = readFileSync(join(project, "bundle", "example.js")).length;
    return `${(size / 1024).toFixed(0)} KB minified`;
  });

  check("npx iamspec eval from the installed CLI", () => {
    const args = [
      "iamspec",
      "eval",
      "--policy",
      "EC2ImageBuilderExecutionPolicy",
      "--action",
      "ec2:RunInstances",
      "--resource",
      "arn:aws:ec2:us-east-1::image/ami-0abc",
    ];
    const allowed = mustRun("npx", [...args, "--expect", "Allowed"], { cwd: project }).stdout;
    if (!allowed.startsWith("Allowed")) throw new Error(allowed);
    const denied = run("npx", [...args, "--expect", "ExplicitlyDenied"], { cwd: project });
    if (denied.code !== 1)
      throw new Error(`--expect ExplicitlyDenied exited ${denied.code}, not 1`);
    const help = mustRun("npx", ["iamspec", "--version"], { cwd: project }).stdout.trim();
    return `exit 0 / 1 as expected, version ${help}`;
  });

  check("npx iamspec check no-new-access from the installed CLI", () => {
    const v = (n) => `EC2ImageBuilderExecutionPolicy@v${n}`;
    const fail = run("npx", ["iamspec", "check", "no-new-access", v(1), v(2)], { cwd: project });
    if (fail.code !== 1 || !fail.stdout.includes("ec2:AttachImageWatermark"))
      throw new Error(`v1 -> v2 exited ${fail.code}:\n${fail.stdout}${fail.stderr}`);
    const pass = run("npx", ["iamspec", "check", "no-new-access", v(2), v(1)], { cwd: project });
    if (pass.code !== 0) throw new Error(`v2 -> v1 exited ${pass.code}:\n${pass.stdout}`);
    return "v1 -> v2 FAIL (exit 1), v2 -> v1 PASS (exit 0)";
  });

  check(
    "npx iamspec who-can from the installed CLI (AWS managed attachments from the bundled corpus)",
    () => {
      const fixtures = join(repo, "packages", "core", "test", "account", "fixtures");
      const pages = ["raw-page-1.json", "raw-page-2.json"].flatMap((f) => [
        "--account",
        join(fixtures, f),
      ]);
      const out = mustRun(
        "npx",
        [
          "iamspec",
          "who-can",
          ...pages,
          "--action",
          "s3:GetObject",
          "--resource",
          "arn:aws:s3:::data/secret/x",
          "--format",
          "json",
        ],
        { cwd: project },
      ).stdout;
      const allowed = JSON.parse(out)
        .principals.filter((p) => p.decision === "Allowed")
        .map((p) => p.principal);
      if (!allowed.includes("arn:aws:iam::111122223333:role/auditor"))
        throw new Error(`the role with ReadOnlyAccess attached is not allowed:\n${out}`);
      return `allowed: ${allowed.join(", ")}`;
    },
  );

  check(
    "npx iamspec can --all from the installed CLI: worker threads and shards give the same bytes",
    () => {
      const page = join(
        repo,
        "packages",
        "core",
        "test",
        "account",
        "fixtures",
        "account-cli.json",
      );
      const can = (...args) =>
        mustRun(
          "npx",
          ["iamspec", "can", "--account", page, "--all", "--service", "sts", ...args],
          {
            cwd: project,
          },
        ).stdout;
      const one = can("--jobs", "1");
      const two = can("--jobs", "2");
      const shards = can("--shard", "1/2", "--jobs", "2") + can("--shard", "2/2");
      if (two !== one) throw new Error(`--jobs 2 differs from --jobs 1:\n${two}\n---\n${one}`);
      if (shards !== one) throw new Error(`shards 1/2 + 2/2 differ from the whole:\n${shards}`);
      const lines = one
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      if (
        !lines.some((l) => l.action === "sts:AssumeRole" && l.principal.endsWith("user/ops/carol"))
      )
        throw new Error(`carol's sts:AssumeRole is missing:\n${one}`);
      return `${lines.length} lines, the same with --jobs 1, --jobs 2 and two shards`;
    },
  );

  check(
    "npx iamspec who-can with --organization levels and --resource-policy (files next to the account)",
    () => {
      const org = join(repo, "packages", "core", "test", "account", "fixtures", "org");
      const out = mustRun(
        "npx",
        [
          "iamspec",
          "who-can",
          "--account",
          join(org, "account.json"),
          "--organization",
          join(org, "organization.json"),
          "--resource-policy",
          `arn:aws:s3:::data=${join(org, "bucket-data.json")}`,
          "--action",
          "s3:GetObject",
          "--resource",
          "arn:aws:s3:::data/public/report.csv",
          "--format",
          "json",
        ],
        { cwd: project },
      ).stdout;
      const principals = JSON.parse(out).principals;
      const kind = (p) => principals.find((e) => e.principal === p)?.kind;
      const carol = principals.find((p) => p.principal.endsWith(":user/carol"));
      if (carol?.decision !== "Allowed" || kind("arn:aws:iam::111122223333:root") !== "root")
        throw new Error(`the bucket policy's grant or the root user is missing:\n${out}`);
      const partner = principals.find((p) => p.principal === "arn:aws:iam::444455556666:root");
      if (partner?.kind !== "external" || partner.uncertain !== true)
        throw new Error(`the other account is not listed as uncertain:\n${out}`);
      return `${principals.length} principals, the other account uncertain`;
    },
  );

  check("a vitest suite with @iamspec/testing's matchers", () => {
    // The runner is the repository's vitest; the project sees it as its own dev dependency (a
    // link), so that @iamspec/testing/vitest extends the same `expect` the tests use. Everything
    // else, @iamspec/testing included, resolves from the project's installed tarballs.
    symlinkSync(VITEST, join(project, "node_modules", "vitest"), "dir");
    const suite = join(project, "vitest-suite");
    const out = mustRun(
      "node",
      [join(VITEST, "vitest.mjs"), "run", "--root", suite, "--reporter", "verbose"],
      { cwd: suite, env: { ...process.env, CI: "1", NO_COLOR: "1" } },
    ).stdout;
    const count = /Tests\s+(\d+) passed/.exec(out)?.[1];
    if (!count) throw new Error(out);
    return `${count} tests passed`;
  });
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

console.log(`consumer: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
