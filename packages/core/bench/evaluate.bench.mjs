// npm run bench (after the build): how fast the calls users make are, as ratios against
// @cloud-copilot/iam-simulate's runSimulation measured in the same run (the machine may be shared,
// so absolute figures move; ratios in one run, medians and instruction counts do not).
//
// 1. Decisions per second over 10,000 mixed requests against EC2ImageBuilderExecutionPolicy:
//    compile(policies).evaluate(request); evaluate(request) with the same policy object inline in
//    every request (each request its own { identity: [POLICY] }); compile() with requests that
//    carry the compiled set again; text; a freshly JSON.parsed object per request.
// 2. Instructions per decision (valgrind --tool=callgrind): the machine-independent figure.
//    BENCH_CALLGRIND=0 skips it (it takes a few minutes).
// 3. Parsing and compiling the seed from text and from an object, against JSON.parse of the text.
// 4. Loading every managed policy (1,594, the one stored version of each) into engines: time, memory.
// 5. Adversarial wildcards.
// Plain JavaScript over dist/ so it needs no TypeScript loader. Run with --expose-gc for memory.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { compile, compileGlob, evaluate, matchGlob, matchResource } from "../dist/index.js";
import { POLICY, POLICY_TEXT, makeRequests, toSimulation } from "./requests.mjs";

const requests = makeRequests(10_000);
const policies = { identity: [POLICY] };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n) => Math.round(n).toLocaleString("en-US");
const results = {};

// Each figure is measured in rounds of 300 ms and reported as the median round and the best round,
// in decisions per second of wall time and of this process's CPU time (user + system), which does
// not count time spent waiting for a core.
function rate(label, fn, rounds = 7, roundMs = 300) {
  const wall = [];
  const cpu = [];
  for (let round = 0; round < rounds; round++) {
    let decisions = 0;
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    let elapsed = 0;
    while (elapsed < roundMs) {
      decisions += fn();
      elapsed = performance.now() - start;
    }
    const used = process.cpuUsage(cpuStart);
    wall.push((decisions / elapsed) * 1000);
    cpu.push((decisions / ((used.user + used.system) / 1000)) * 1000);
  }
  const figure = { wall: median(wall), cpu: median(cpu), best: Math.max(...wall) };
  if (label === null) return figure;
  console.log(
    `${label.padEnd(66)} median ${fmt(figure.wall).padStart(10)} /s wall ${fmt(figure.cpu).padStart(10)} /s CPU; best ${fmt(figure.best).padStart(10)} /s wall`,
  );
  return figure;
}

// ---- 1. Decisions per second ----
const engine = compile(policies);
const summary = { Allowed: 0, ImplicitlyDenied: 0, ExplicitlyDenied: 0 };
for (const r of requests) summary[engine.evaluate(r).decision]++;
console.log(`requests: ${requests.length} (${JSON.stringify(summary)})`);
for (let k = 0; k < 3; k++) for (const r of requests) engine.evaluate(r);

const inline = requests.map((r) => ({ ...r, policies: { identity: [POLICY] } }));
const carrying = requests.map((r) => ({ ...r, policies }));
const withText = requests.map((r) => ({ ...r, policies: { identity: [POLICY_TEXT] } }));
// The same decisions whichever way the policy comes.
for (let i = 0; i < 2000; i++) {
  const want = JSON.stringify(engine.evaluate(requests[i]));
  const got = [
    evaluate(inline[i]),
    engine.evaluate(carrying[i]),
    evaluate({ ...withText[i], policies: { identity: [POLICY_TEXT] } }),
  ].map((o) => JSON.stringify(o));
  if (got[0] !== want || got[1] !== want)
    throw new Error(`request ${i}: decisions differ by the way policies are given`);
  // Text gives line numbers, an object none: only the decision is compared.
  if (JSON.parse(got[2]).decision !== JSON.parse(want).decision)
    throw new Error(`request ${i}: text decides differently`);
}

const each = (list, call) => () => {
  for (let i = 0; i < list.length; i++) call(list[i]);
  return list.length;
};
const calls = {
  compiled: each(requests, (r) => engine.evaluate(r)),
  inline: each(inline, (r) => evaluate(r)),
  carrying: each(carrying, (r) => engine.evaluate(r)),
  text: each(withText, (r) => evaluate(r)),
  fresh: () => {
    for (let i = 0; i < 20; i++)
      evaluate({ ...requests[i], policies: { identity: [JSON.parse(POLICY_TEXT)] } });
    return 20;
  },
};
results.compiled = rate("compile(policies).evaluate(request)", calls.compiled);
results.inline = rate(
  "evaluate(request), the same policy object inline in every request",
  calls.inline,
);
results.carrying = rate(
  "compile(policies).evaluate(request), the request carrying policies",
  calls.carrying,
);
results.text = rate("evaluate(request), policy text inline (cached by content)", calls.text);
results.fresh = rate(
  "evaluate(request), a freshly JSON.parsed policy object each time",
  calls.fresh,
);

// The peer: @cloud-copilot/iam-simulate (AGPL; devDependency only, never shipped).
let simulate;
try {
  ({ runSimulation: simulate } = await import("@cloud-copilot/iam-simulate"));
} catch (error) {
  console.log(`iam-simulate not available: ${error.message}`);
}
let peer;
let peerSimulations;
/** One round of iam-simulate decisions: per second of wall time and of CPU time. */
async function peerRound(ms) {
  let decisions = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 25; i++)
      await simulate(peerSimulations[(decisions + i) % peerSimulations.length], {});
    decisions += 25;
  }
  const used = process.cpuUsage(cpuStart);
  return {
    wall: (decisions / (performance.now() - start)) * 1000,
    cpu: (decisions / ((used.user + used.system) / 1000)) * 1000,
  };
}
if (simulate !== undefined) {
  const sample = requests.slice(0, 400);
  const simulations = sample.map(toSimulation);
  peerSimulations = simulations;
  let disagreements = 0;
  let errors = 0;
  for (let i = 0; i < sample.length; i++) {
    const theirs = await simulate(simulations[i], {});
    if (theirs.resultType === "error") errors++;
    else if (theirs.overallResult !== engine.evaluate(sample[i]).decision) disagreements++;
  }
  console.log(
    `iam-simulate agreement on ${sample.length} requests: ${sample.length - disagreements - errors} agree, ${disagreements} disagree (see DIFFERENCES.md), ${errors} errors`,
  );
  // Rounds of one second, like ours: median round.
  const wall = [];
  const cpu = [];
  for (let round = 0; round < 5; round++) {
    const r = await peerRound(1000);
    wall.push(r.wall);
    cpu.push(r.cpu);
  }
  peer = { wall: median(wall), cpu: median(cpu) };
  console.log(
    `${"iam-simulate runSimulation".padEnd(66)} median ${fmt(peer.wall).padStart(10)} /s wall ${fmt(peer.cpu).padStart(10)} /s CPU`,
  );
}
// The ratios: rounds of ours and of the peer's taken in turn, the ratio of each pair, the median
// pair. Whoever else uses the machine slows both sides of a pair alike.
const ratios = {};
if (peer !== undefined) {
  for (const [key, label] of [
    ["compiled", "compile(policies).evaluate(request)"],
    ["inline", "evaluate(request), the same policy object inline"],
    ["carrying", "compile(policies).evaluate(request) carrying policies"],
    ["text", "evaluate(request), policy text inline"],
    ["fresh", "evaluate(request), a fresh object each time"],
  ]) {
    const wall = [];
    const cpu = [];
    for (let pair = 0; pair < 5; pair++) {
      const ours = rate(null, calls[key], 1, 300);
      const theirs = await peerRound(500);
      wall.push(ours.wall / theirs.wall);
      cpu.push(ours.cpu / theirs.cpu);
    }
    ratios[key] = { wall: median(wall), cpu: median(cpu) };
    console.log(
      `ratio to iam-simulate (median of 5 pairs): ${label.padEnd(54)} ${fmt(ratios[key].wall).padStart(7)}x wall ${fmt(ratios[key].cpu).padStart(7)}x CPU`,
    );
  }
}

// ---- 2. Instructions per decision (callgrind) ----
// A child process makes `n` decisions after the same setup and warm-up; the difference between
// two runs (n = 0 and n = N) divided by N is the cost of one decision, without start-up and JIT.
const instructions = {};
const VALGRIND = "/usr/bin/valgrind";
if (process.env.BENCH_CALLGRIND !== "0" && existsSync(VALGRIND)) {
  const script = fileURLToPath(new URL("./decisions.mjs", import.meta.url));
  const count = (mode, n) => {
    const run = spawnSync(
      VALGRIND,
      [
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        "--smc-check=all-non-file",
        process.execPath,
        // No background threads (JIT, GC) and fixed seeds: the count varies less between runs.
        "--single-threaded",
        "--hash-seed=1",
        "--random-seed=1",
        script,
        mode,
        String(n),
      ],
      { encoding: "utf8", maxBuffer: 1 << 26 },
    );
    const match = /Collected : (\d+)/.exec(run.stderr);
    if (match === null) throw new Error(`callgrind failed: ${run.stderr.slice(-2000)}`);
    return Number(match[1]);
  };
  // About 20 ms of decisions at the measured speed (callgrind runs some 50 times slower).
  const decisionsFor = (figure) => Math.max(100, Math.min(20_000, Math.round(figure.cpu * 0.02)));
  for (const [mode, label] of [
    ["compiled", "compile(policies).evaluate(request)"],
    ["inline", "evaluate(request), the same policy object inline"],
    ["carrying", "compile(policies).evaluate(request) carrying policies"],
    ["peer", "iam-simulate runSimulation"],
  ]) {
    if (mode === "peer" && simulate === undefined) continue;
    const n = decisionsFor(mode === "peer" ? peer : results[mode]);
    instructions[mode] = (count(mode, n) - count(mode, 0)) / n;
    console.log(
      `instructions per decision (callgrind): ${label.padEnd(56)} ${fmt(instructions[mode]).padStart(10)}`,
    );
  }
  // Parsing and compiling the seed, in instructions against JSON.parse of its text: the difference
  // between 100 and 600 calls after the same warm-up (from 0, a run's count moved by some 7%).
  for (const mode of ["json-parse", "parse-compile-text", "parse-compile-object"]) {
    instructions[mode] = (count(mode, 600) - count(mode, 100)) / 500;
    console.log(
      `instructions per call (callgrind): ${mode.padEnd(60)} ${fmt(instructions[mode]).padStart(10)}  ${(instructions[mode] / instructions["json-parse"]).toFixed(2)}x JSON.parse`,
    );
  }
  if (instructions.peer !== undefined)
    for (const mode of ["compiled", "inline", "carrying"])
      console.log(
        `instruction ratio iam-simulate / ${mode.padEnd(8)} ${fmt(instructions.peer / instructions[mode]).padStart(7)}x`,
      );
}

// ---- 3. Parsing and compiling the seed ----
// CPU time per call, each figure in a process of its own, the processes taking turns (parse-times.mjs):
// the heap that the decision benchmarks above leave behind (10,000 requests, caches, iam-simulate)
// slowed the walk over the parsed value, not JSON.parse, and moved the ratio threefold between runs.
const times = JSON.parse(
  spawnSync(process.execPath, [fileURLToPath(new URL("./parse-times.mjs", import.meta.url))], {
    encoding: "utf8",
  }).stdout,
);
const parseLine = (label, us) =>
  console.log(
    `${label.padEnd(58)} ${us.toFixed(1).padStart(7)} µs  ${(us / times.jsonParse).toFixed(2).padStart(5)}x JSON.parse`,
  );
console.log(
  `seed: ${POLICY_TEXT.length} characters, ${POLICY.Statement.length} statements (CPU time in a process of its own, median of 9 rounds)`,
);
parseLine("JSON.parse(text)", times.jsonParse);
parseLine("parsePolicy(text), every line and column placed", times.parseText);
parseLine("parsePolicy(object)", times.parseObject);
parseLine("parse + compile from text (loading, as compile() does)", times.compileText);
parseLine("parse + compile from an object (loading)", times.compileObject);

// ---- 4. Every managed policy into engines ----
const managedDir = new URL("../../../policies/aws-managed/", import.meta.url);
const managed = readdirSync(managedDir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(new URL(f, managedDir), "utf8")));
const managedText = managed.map((m) => JSON.stringify(m.document, null, 4));
const heap = () => {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
};
function loadAll(label, documents) {
  const before = heap();
  const start = performance.now();
  const engines = [];
  let failed = 0;
  for (const document of documents) {
    const e = compile({ identity: [document] });
    // One decision per engine: a policy that does not load shows as an error.
    if ("error" in e.evaluate({ action: "s3:GetObject", resource: "*" })) failed++;
    engines.push(e);
  }
  const ms = performance.now() - start;
  const mb = (heap() - before) / 1024 / 1024;
  console.log(
    `${label.padEnd(52)} ${ms.toFixed(0).padStart(6)} ms ${mb.toFixed(1).padStart(7)} MB heap${globalThis.gc ? "" : " (run with --expose-gc)"}; ${failed} failed to load`,
  );
  return { ms, mb, engines };
}
console.log(`managed policies: ${managed.length} (one stored version each)`);
// Held so that the engines stay reachable while the heap is measured, then released.
let _kept = loadAll("compile() of every managed policy, from text", managedText);
_kept = loadAll(
  "compile() of every managed policy, from objects",
  managed.map((m) => structuredClone(m.document)),
);
_kept = undefined;

// Adversarial wildcards: a 2,000-character resource against a pattern of 500 `*`-separated parts.
// After a warm-up (the first calls include JIT compilation), every call is timed; p99 and max
// show the slowest calls (on a shared machine, max includes garbage collection and preemption).
function worst(label, fn, iterations = 2000) {
  for (let i = 0; i < 200; i++) fn();
  const wall = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    fn();
    wall.push((performance.now() - t) * 1000);
  }
  const w = [...wall].sort((a, b) => a - b);
  const mean = w.reduce((a, b) => a + b, 0) / w.length;
  const us = (n) => `${n.toFixed(1)} µs`;
  console.log(
    `${label.padEnd(52)} mean ${us(mean)}, p99 ${us(w[Math.floor(w.length * 0.99)])}, max ${us(w[w.length - 1])}`,
  );
}
const resource = `arn:aws:s3:::${"a".repeat(2000 - 13)}`;
const patterns = {
  "500 parts, last part missing": `arn:aws:s3:::${"a*".repeat(499)}b`,
  "500 parts, middle part missing": `arn:aws:s3:::${"a*".repeat(250)}b*${"a*".repeat(248)}a`,
  "500 parts of aa?, matching": `arn:aws:s3:::${"a?*".repeat(499)}a`,
};
for (const [label, pattern] of Object.entries(patterns)) {
  worst(`adversarial matchResource: ${label}`, () => matchResource(pattern, resource));
  const glob = compileGlob(pattern); // conditions are compiled once, with the policy
  worst(`adversarial StringLike: ${label}`, () => matchGlob(glob, resource));
}
const adversarialPolicy = {
  Version: "2012-10-17",
  Statement: Object.values(patterns).map((p) => ({
    Effect: "Allow",
    Action: "s3:GetObject",
    Resource: p,
  })),
};
const adversarialEngine = compile({ identity: [adversarialPolicy] });
worst("adversarial full decision (3 such patterns)", () =>
  adversarialEngine.evaluate({ action: "s3:GetObject", resource }),
);

// ---- Targets (issue 14), in this run ----
const verdictRatio = (key, target) => {
  const r = ratios[key];
  if (r === undefined) return "no peer";
  return `${fmt(r.cpu)}x CPU, ${fmt(r.wall)}x wall: ${r.cpu >= target && r.wall >= target ? "met" : r.cpu >= target ? "met by CPU time only" : "NOT met"}`;
};
console.log("targets:");
console.log(
  `  evaluate() with inline policy objects >= 1,000x iam-simulate: ${verdictRatio("inline", 1000)}`,
);
console.log(`  compile() >= 3,000x iam-simulate: ${verdictRatio("compiled", 3000)}`);
const textRatio = times.compileText / times.jsonParse;
const objectRatio = times.compileObject / times.jsonParse;
const byInstructions = (mode) =>
  instructions[mode] === undefined
    ? ""
    : `, ${(instructions[mode] / instructions["json-parse"]).toFixed(2)}x by instructions`;
console.log(
  `  parse + compile from text <= 2.5x JSON.parse: ${textRatio.toFixed(2)}x by time${byInstructions("parse-compile-text")}: ${textRatio <= 2.5 ? "met" : "NOT met"}`,
);
console.log(
  `  parse + compile from an object < 1x JSON.parse: ${objectRatio.toFixed(2)}x by time${byInstructions("parse-compile-object")}: ${objectRatio < 1 ? "met" : "NOT met"}`,
);
