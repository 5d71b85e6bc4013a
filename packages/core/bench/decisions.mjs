// Child of evaluate.bench.mjs, run under callgrind: `node decisions.mjs <mode> <n>` makes the same
// setup and warm-up for any n, then n decisions, so that two runs' instruction counts differ by
// exactly n decisions.
import { compile, evaluate } from "../dist/index.js";
import { ACCOUNT, POLICY, makeRequests } from "./requests.mjs";

const [mode, n] = [process.argv[2], Number(process.argv[3])];
const requests = makeRequests(2000);
const policies = { identity: [POLICY] };
const engine = compile(policies);
const inline = requests.map((r) => ({ ...r, policies: { identity: [POLICY] } }));
const carrying = requests.map((r) => ({ ...r, policies }));

if (mode === "peer") {
  const { runSimulation } = await import("@cloud-copilot/iam-simulate");
  const simulation = (r) => ({
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
