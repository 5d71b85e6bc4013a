// npm run bench (after the build): decisions per second for compile() and evaluate() over 10,000
// mixed requests, the ratio against @cloud-copilot/iam-simulate's runSimulation, and the time of
// adversarial wildcards. Plain JavaScript over dist/ so it needs no TypeScript loader.
import { performance } from "node:perf_hooks";
import { compile, compileGlob, evaluate, matchGlob, matchResource } from "../dist/index.js";
import { ACCOUNT, POLICY, POLICY_TEXT, makeRequests } from "./requests.mjs";

const requests = makeRequests(10_000);
const policies = { identity: [POLICY_TEXT] };

// The machine may be shared and its speed varies from second to second: each figure is measured
// in rounds of 300 ms and reported as the median round and the best round, in decisions per
// second of wall time and of this process's CPU time (user + system), which does not count time
// spent waiting for a core.
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
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const best = (xs) => Math.max(...xs);
  const fmt = (n) => Math.round(n).toLocaleString("en-US").padStart(11);
  console.log(
    `${label.padEnd(60)} median ${fmt(median(wall))} /s wall ${fmt(median(cpu))} /s CPU; best ${fmt(best(wall))} /s wall`,
  );
  return { wall: median(wall), cpu: median(cpu), best: best(wall) };
}

const engine = compile(policies);
const summary = { Allowed: 0, ImplicitlyDenied: 0, ExplicitlyDenied: 0 };
for (const r of requests) summary[engine.evaluate(r).decision]++;
console.log(`requests: ${requests.length} (${JSON.stringify(summary)})`);

// Warm up.
for (let k = 0; k < 3; k++) for (const r of requests) engine.evaluate(r);

const compiled = rate("compile(policies).evaluate(request)", () => {
  for (const r of requests) engine.evaluate(r);
  return requests.length;
});
const withPolicies = requests.map((r) => ({ ...r, policies }));
const evaluated = rate("evaluate(request) (policy text, parsed once, cached)", () => {
  for (const r of withPolicies) evaluate(r);
  return withPolicies.length;
});
const fresh = rate("evaluate(request) (a freshly JSON.parsed policy object each time)", () => {
  for (let i = 0; i < 20; i++)
    evaluate({ ...requests[i], policies: { identity: [JSON.parse(POLICY_TEXT)] } });
  return 20;
});

// The peer: @cloud-copilot/iam-simulate (AGPL; devDependency only, never shipped).
let simulate;
try {
  ({ runSimulation: simulate } = await import("@cloud-copilot/iam-simulate"));
} catch (error) {
  console.log(`iam-simulate not available: ${error.message}`);
}
if (simulate !== undefined) {
  const sample = requests.slice(0, 400);
  const toSimulation = (r) => ({
    request: {
      principal: r.principal,
      action: r.action,
      resource: { resource: r.resource, accountId: ACCOUNT },
      contextVariables: Object.fromEntries(
        Object.entries(r.context ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v : String(v)]),
      ),
    },
    identityPolicies: [{ name: "EC2ImageBuilderExecutionPolicy", policy: POLICY }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  });
  const simulations = sample.map(toSimulation);
  let disagreements = 0;
  let errors = 0;
  const examples = [];
  for (let i = 0; i < sample.length; i++) {
    const theirs = await simulate(simulations[i], {});
    const ours = engine.evaluate(sample[i]).decision;
    if (theirs.resultType === "error") {
      errors++;
      continue;
    }
    if (theirs.overallResult !== ours) {
      disagreements++;
      if (examples.length < 5)
        examples.push(
          `${sample[i].action} ${sample[i].resource} ours=${ours} theirs=${theirs.overallResult}`,
        );
    }
  }
  console.log(
    `iam-simulate agreement on ${sample.length} requests: ${sample.length - disagreements - errors} agree, ${disagreements} disagree, ${errors} errors`,
  );
  for (const e of examples) console.log(`  disagreement: ${e}`);
  let peer;
  {
    let decisions = 0;
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    while (performance.now() - start < 3000) {
      for (const sim of simulations) await simulate(sim, {});
      decisions += simulations.length;
    }
    const cpu = process.cpuUsage(cpuStart);
    peer = {
      wall: (decisions / (performance.now() - start)) * 1000,
      cpu: (decisions / ((cpu.user + cpu.system) / 1000)) * 1000,
    };
    const fmt = (n) => Math.round(n).toLocaleString("en-US").padStart(12);
    console.log(
      `${"iam-simulate runSimulation".padEnd(60)} ${fmt(peer.wall)} /s wall ${fmt(peer.cpu)} /s CPU`,
    );
  }
  const ratio = (ours) =>
    `${Math.round(ours.wall / peer.wall).toLocaleString("en-US")}x wall, ${Math.round(ours.cpu / peer.cpu).toLocaleString("en-US")}x CPU`;
  console.log(`ratio compile() / iam-simulate:  ${ratio(compiled)}`);
  console.log(`ratio evaluate() / iam-simulate: ${ratio(evaluated)}`);
}

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

const verdict = (figure, target) =>
  figure.cpu >= target ? "met (median)" : figure.best >= target ? "met at best only" : "NOT met";
console.log(
  `targets: compile >= 1,000,000/s: ${verdict(compiled, 1e6)}; evaluate >= 50,000/s: ${verdict(evaluated, 5e4)}`,
);
