// Child of evaluate.bench.mjs: the CPU time of parsing and compiling the seed, against JSON.parse of
// its text. Each figure is measured in a process of its own (so that no other measurement's heap or
// compiled code weighs on it), and the processes take turns, round after round, so that a change in
// the machine's speed falls on every figure alike. Prints JSON: microseconds per call, the median
// over the rounds. `node parse-times.mjs <mode>` measures one mode in this process.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parsePolicy } from "../dist/index.js";
import { compileDocument } from "../dist/evaluation/compile-document.js";
import { POLICY, POLICY_TEXT } from "./requests.mjs";

const ROUNDS = Number(process.env.BENCH_PARSE_ROUNDS ?? 5);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const parseOf = (input) => {
  const parsed = parsePolicy(input, { policyType: "identity" });
  if (!parsed.ok) throw new Error("the seed does not parse");
  return parsed.policy;
};

// Loading is what compile() and evaluate() do with a policy they have not seen: parse and compile
// it, without the caches (compileDocument). Text is read without line and column, which a decision
// adds when it first names a statement; parsePolicy (the AST API) places every location at once.
const MODES = {
  jsonParse: () => JSON.parse(POLICY_TEXT),
  parseText: () => parseOf(POLICY_TEXT),
  parseObject: () => parseOf(POLICY),
  compileText: () => compileDocument(POLICY_TEXT, "identity", undefined),
  compileObject: () => compileDocument(POLICY, "identity", undefined),
};

/** Microseconds of this process's CPU time per call, median of 9 rounds of `n` calls. */
function micro(fn, n = 400) {
  for (let i = 0; i < 300; i++) fn();
  const rounds = [];
  for (let r = 0; r < 9; r++) {
    const start = process.cpuUsage();
    for (let i = 0; i < n; i++) fn();
    const used = process.cpuUsage(start);
    rounds.push((used.user + used.system) / n);
  }
  return median(rounds);
}

const mode = process.argv[2];
if (mode !== undefined) {
  console.log(JSON.stringify(micro(MODES[mode])));
} else {
  const self = fileURLToPath(import.meta.url);
  const samples = Object.fromEntries(Object.keys(MODES).map((m) => [m, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const m of Object.keys(MODES)) {
      const child = spawnSync(process.execPath, [self, m], { encoding: "utf8" });
      if (child.status !== 0) throw new Error(`parse-times ${m}: ${child.stderr}`);
      samples[m].push(JSON.parse(child.stdout));
    }
  }
  console.log(
    JSON.stringify(Object.fromEntries(Object.entries(samples).map(([m, xs]) => [m, median(xs)]))),
  );
}
