// Child of evaluate.bench.mjs, run under callgrind: `node decisions.mjs <mode> <n>` makes the same
// setup and warm-up for any n, then n decisions (or n parses of the seed for the parsing modes), so
// that two runs' instruction counts differ by exactly n of them.
import { compile, evaluate } from "../dist/index.js";
import { compileDocument } from "../dist/evaluation/compile-document.js";
import { POLICY, POLICY_TEXT, makeRequests, toSimulation } from "./requests.mjs";

const [mode, n] = [process.argv[2], Number(process.argv[3])];
const requests = makeRequests(2000);
const policies = { identity: [POLICY] };
const engine = compile(policies);
const inline = requests.map((r) => ({ ...r, policies: { identity: [POLICY] } }));
const carrying = requests.map((r) => ({ ...r, policies }));

// Parsing modes: n parses (and compiles) of the seed instead of n decisions.
const parseModes = {
  "json-parse": () => JSON.parse(POLICY_TEXT),
  // What compile() and evaluate() do with a policy not seen before (see parse-times.mjs).
  "parse-compile-text": () => compileDocument(POLICY_TEXT, "identity", undefined),
  "parse-compile-object": () => compileDocument(POLICY, "identity", undefined),
};

if (parseModes[mode] !== undefined) {
  const call = parseModes[mode];
  // Warm enough that no function is still being optimized when the counted calls run.
  for (let k = 0; k < 1000; k++) call();
  for (let i = 0; i < n; i++) call();
} else if (mode === "peer") {
  const { runSimulation } = await import("@cloud-copilot/iam-simulate");
  const simulation = toSimulation;
  const simulations = requests.slice(0, 200).map(simulation);
  for (const s of simulations) await runSimulation(s, {});
  for (let i = 0; i < n; i++) await runSimulation(simulations[i % simulations.length], {});
} else {
  const call = {
    compiled: (i) => engine.evaluate(requests[i]),
    inline: (i) => evaluate(inline[i]),
    carrying: (i) => engine.evaluate(carrying[i]),
  }[mode];
  if (call === undefined) throw new Error(`unknown mode ${mode}`);
  for (let k = 0; k < 3; k++) for (let i = 0; i < requests.length; i++) call(i);
  for (let i = 0; i < n; i++) call(i % requests.length);
}
