// Child of evaluate.bench.mjs: the CPU time of parsing and compiling the seed, against JSON.parse of
// its text, in a process of its own (so no other benchmark's heap weighs on it). Prints JSON.
import { parsePolicy } from "../dist/index.js";
import { compilePolicy } from "../dist/evaluation/compiled-policy.js";
import { POLICY, POLICY_TEXT } from "./requests.mjs";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Microseconds of this process's CPU time per call, median of 9 rounds of `n` calls. */
function micro(fn, n = 400) {
  for (let i = 0; i < 200; i++) fn();
  const rounds = [];
  for (let r = 0; r < 9; r++) {
    const start = process.cpuUsage();
    for (let i = 0; i < n; i++) fn();
    const used = process.cpuUsage(start);
    rounds.push((used.user + used.system) / n);
  }
  return median(rounds);
}

const parseOf = (input) => {
  const parsed = parsePolicy(input, { policyType: "identity" });
  if (!parsed.ok) throw new Error("the seed does not parse");
  return parsed.policy;
};

console.log(
  JSON.stringify({
    jsonParse: micro(() => JSON.parse(POLICY_TEXT)),
    parseText: micro(() => parseOf(POLICY_TEXT)),
    parseObject: micro(() => parseOf(POLICY)),
    compileText: micro(() => compilePolicy(parseOf(POLICY_TEXT), "identity")),
    compileObject: micro(() => compilePolicy(parseOf(POLICY), "identity")),
  }),
);
