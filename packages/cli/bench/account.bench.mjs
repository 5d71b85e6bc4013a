// Benchmark of account mode (issue 18) on a deterministic synthetic account (bench/synthetic-account.mjs):
// 5,000 roles, 1,000 users, 200 groups, 2,000 customer managed policies (one in 25 a permissions
// boundary), AWS managed policies attached here and there. Targets: load in under 5 s; one who-can
// in under 1 s; one principal's `can` over every action (~22,000) in under 2 s; peak RSS under 1 GB.
// Each is measured in a fresh process (bench/account-measure.mjs), three times; the median run
// counts (RSS: the largest). The machine may be shared: wall and CPU time are both shown, and a
// target met by CPU time alone says so.
//
// Then the access matrix, `iamspec can --all` end to end on a slice of the account (a shard), with
// --jobs 1 and --jobs 2: principals and lines per second once loaded (the run of an empty shard,
// start and load only, is subtracted), and that both outputs are the same bytes.
// BENCH_ACCOUNT_SCALE (default 1) scales the account; BENCH_MATRIX_SHARDS (default 8) sets the slice.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { policyCatalog } from "@iamspec/policies/catalog";
import { serviceData } from "@iamspec/policies/service-data";
import { AWS_MANAGED, syntheticAccount } from "./synthetic-account.mjs";

const SCALE = Number(process.env.BENCH_ACCOUNT_SCALE ?? 1);
const SHARDS = Number(process.env.BENCH_MATRIX_SHARDS ?? 8);
const RUNS = 3;
const bin = fileURLToPath(new URL("../bin/iamspec.js", import.meta.url));
const measure = fileURLToPath(new URL("./account-measure.mjs", import.meta.url));
const preload = fileURLToPath(new URL("./report-rss.mjs", import.meta.url));
const fmt = (n, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (ms) => `${fmt(ms / 1000, 2)} s`;

const dir = await mkdtemp(join(tmpdir(), "iamspec-account-bench-"));
try {
  const counts = {
    roles: Math.round(5000 * SCALE),
    users: Math.round(1000 * SCALE),
    groups: Math.round(200 * SCALE),
    policies: Math.round(2000 * SCALE),
  };
  const awsManagedArns = AWS_MANAGED.map((name) => {
    const entry = policyCatalog.find((p) => p.name === name);
    if (!entry) throw new Error(`${name} is not in the bundled corpus`);
    return entry.arn;
  });
  const account = syntheticAccount({ ...counts, serviceData, awsManagedArns });
  const file = join(dir, "account.json");
  const text = JSON.stringify(account, null, 2);
  await writeFile(file, text);
  const attached = new Set(
    [...account.RoleDetailList, ...account.UserDetailList, ...account.GroupDetailList]
      .flatMap((e) => e.AttachedManagedPolicies)
      .map((a) => a.PolicyArn)
      .filter((arn) => arn.includes(":aws:policy/")),
  );
  const actions = serviceData
    .prefixes()
    .reduce((n, p) => n + Object.keys(serviceData.service(p).actions).length, 0);
  console.log(
    `synthetic account: ${fmt(counts.roles)} roles, ${fmt(counts.users)} users, ${fmt(counts.groups)} groups, ${fmt(counts.policies)} customer managed policies, ${attached.size} AWS managed policies attached; ${fmt(text.length / 1e6, 1)} MB; ${fmt(actions)} actions in the IAM data`,
  );

  // ---- load, who-can, can, RSS: fresh processes ----
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const child = spawnSync(process.execPath, [measure, file], { encoding: "utf8" });
    if (child.status !== 0) throw new Error(`account-measure failed:\n${child.stderr}`);
    runs.push(JSON.parse(child.stdout.trim().split("\n").pop()));
  }
  const figure = (get) => ({
    wall: median(runs.map((r) => get(r).wall)),
    cpu: median(runs.map((r) => get(r).cpu)),
  });
  const load = figure((r) => r.load);
  const first = figure((r) => r.whoCanFirst);
  const later = {
    wall: median(runs.flatMap((r) => r.whoCanLater.map((w) => w.wall))),
    cpu: median(runs.flatMap((r) => r.whoCanLater.map((w) => w.cpu))),
  };
  const rss = Math.max(...runs.map((r) => r.maxRssMb));
  const row = (label, f) =>
    console.log(
      `${label.padEnd(58)} ${seconds(f.wall).padStart(8)} wall ${seconds(f.cpu).padStart(8)} CPU`,
    );
  console.log(`median of ${RUNS} fresh processes:`);
  row("load (read, JSON.parse, loadAccount, AWS managed policies)", load);
  row(`who-can, the first (compiles ${fmt(runs[0].principals)} principals' policies)`, first);
  row("who-can, the next ones (median of 5 questions)", later);
  const cans = runs[0].can.map((c, i) => {
    const f = figure((r) => r.can[i]);
    row(`can ${c.label} (${fmt(c.allowed)} of ${fmt(c.asked)} allowed)`, f);
    return f;
  });
  console.log(
    `${"peak RSS of the measuring process (largest of the runs)".padEnd(58)} ${fmt(rss)} MB`,
  );

  // ---- the access matrix, end to end ----
  const cli = (args) =>
    new Promise((resolve, reject) => {
      const start = performance.now();
      const child = spawn(process.execPath, ["--import", preload, bin, ...args], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      const hash = createHash("sha256");
      let lines = 0;
      let stderr = "";
      child.stdout.on("data", (chunk) => {
        hash.update(chunk);
        for (const byte of chunk) if (byte === 10) lines++;
      });
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.on("error", reject);
      child.on("close", (code) => {
        if (code !== 0)
          return reject(new Error(`iamspec ${args.join(" ")} exited ${code}: ${stderr}`));
        const cpu = Number(/IAMSPEC_BENCH_CPU_US=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1000;
        resolve({ wall: performance.now() - start, cpu, lines, digest: hash.digest("hex") });
      });
    });
  const base = ["can", "--account", file, "--all"];
  const slicePrincipals = Math.floor(runs[0].principals / SHARDS);
  const empty = await cli([...base, "--shard", `1/${runs[0].principals + 1}`]);
  const one = await cli([...base, "--shard", `1/${SHARDS}`, "--jobs", "1"]);
  const two = await cli([...base, "--shard", `1/${SHARDS}`, "--jobs", "2"]);
  console.log(
    `access matrix, shard 1/${SHARDS} (${fmt(slicePrincipals)} principals, ${fmt(one.lines)} lines); start and load alone: ${seconds(empty.wall)}`,
  );
  const throughput = (label, r) => {
    const work = Math.max(1, r.wall - empty.wall);
    const cpu = Math.max(1, r.cpu - empty.cpu);
    console.log(
      `  ${label.padEnd(9)} ${seconds(r.wall).padStart(8)} in all; after load ${seconds(work).padStart(8)} wall, ${seconds(cpu).padStart(8)} CPU (all threads): ${fmt((slicePrincipals / work) * 1000, 1)} principals/s, ${fmt((r.lines / work) * 1000)} lines/s`,
    );
    return work;
  };
  const workOne = throughput("--jobs 1", one);
  const workTwo = throughput("--jobs 2", two);
  const [busy] = loadavg();
  console.log(
    `  --jobs 2 is ${fmt(workOne / workTwo, 2)}x --jobs 1 after load, on ${availableParallelism()} cores with a load average of ${fmt(busy, 1)}${busy > availableParallelism() ? " (a busy machine: wall-clock speedups are not meaningful)" : ""}; the whole matrix at that rate: ~${fmt(((runs[0].principals / slicePrincipals) * Math.min(workOne, workTwo)) / 60000, 1)} min`,
  );

  // ---- targets ----
  const verdict = (f, limit) =>
    f.wall < limit ? "met" : f.cpu < limit ? "met by CPU time only" : "NOT met";
  const worstCan = cans.reduce((a, b) => (b.wall > a.wall ? b : a));
  console.log("targets:");
  console.log(
    `  load < 5 s: ${seconds(load.wall)} wall, ${seconds(load.cpu)} CPU: ${verdict(load, 5000)}`,
  );
  console.log(
    `  one who-can < 1 s (the first): ${seconds(first.wall)} wall, ${seconds(first.cpu)} CPU: ${verdict(first, 1000)}`,
  );
  console.log(
    `  one principal's can over every action < 2 s (the slowest): ${seconds(worstCan.wall)} wall, ${seconds(worstCan.cpu)} CPU: ${verdict(worstCan, 2000)}`,
  );
  console.log(`  peak RSS < 1 GB: ${fmt(rss)} MB: ${rss < 1024 ? "met" : "NOT met"}`);
  console.log(
    `  --jobs 2 gives the bytes of --jobs 1: ${one.digest === two.digest ? "met" : "NOT met"}`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
