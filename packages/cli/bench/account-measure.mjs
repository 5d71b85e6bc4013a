// One measuring process of bench/account.bench.mjs: loads the synthetic account as `iamspec
// who-can` does (read, JSON.parse, loadAccount with the bundled AWS managed policies), asks one
// who-can, then `can` over every action for a few heavy principals, and prints the figures as one
// JSON line. A process of its own, so that its peak RSS is the account's, not the generator's.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { can, loadAccount, whoCan } from "@iamspec/core";
import { loadPolicy } from "@iamspec/policies/catalog";
import { serviceData } from "@iamspec/policies/service-data";

const file = process.argv[2];
const A = "111122223333";

/** Wall and CPU milliseconds of `fn` (CPU: this process, all threads). */
function timed(fn) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(cpu);
  return { value, wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}
async function timedAsync(fn) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { value, wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

const load = await timedAsync(async () => {
  const data = JSON.parse(readFileSync(file, "utf8"));
  return loadAccount([{ name: file, data }], {
    awsManagedPolicies: { load: async (arn) => (await loadPolicy(arn))?.document },
  });
});
const account = load.value;

// The first who-can compiles every principal's policy set; the next ones reuse them.
const first = timed(() =>
  whoCan(account, { action: "s3:GetObject", resource: "arn:aws:s3:::bucket-7/report.csv" }),
);
const later = [
  { action: "iam:PassRole", resource: `arn:aws:iam::${A}:role/app-7-worker` },
  { action: "ec2:RunInstances" },
  { action: "sts:AssumeRole", resource: `arn:aws:iam::${A}:role/role-11` },
  { action: "kms:Decrypt", resource: `arn:aws:kms:us-east-1:${A}:key/key-3` },
  { action: "dynamodb:PutItem", resource: `arn:aws:dynamodb:us-east-1:${A}:table/table-9` },
].map((query) => timed(() => whoCan(account, query)));

// Heavy principals for `can`: an administrator (every action allowed), a ReadOnlyAccess holder (long
// action blocks), the one with the most policies, and one with an Allow by NotAction (every action
// is a candidate, most end denied).
const names = (p) => p.policies.identity.map((e) => e.name);
const pick = (label, test) => {
  const found = account.principals.find(test);
  return found && { label, principal: found };
};
const heavy = [
  pick(
    "AdministratorAccess",
    (p) => names(p).includes("AdministratorAccess") && !p.policies.boundary,
  ),
  pick("ReadOnlyAccess", (p) => names(p).includes("ReadOnlyAccess") && !p.policies.boundary),
  {
    label: "most policies",
    principal: account.principals.reduce((a, b) =>
      b.policies.identity.length > a.policies.identity.length ? b : a,
    ),
  },
  pick("Allow by NotAction", (p) =>
    p.policies.identity.some((e) =>
      e.document.statements.some((s) => s.notAction && s.effect === "Allow"),
    ),
  ),
].filter(Boolean);
const cans = heavy.map(({ label, principal }) => {
  const run = timed(() => can(account, principal.arn, { serviceData }));
  return {
    label,
    principal: principal.arn,
    policies: principal.policies.identity.length,
    asked: run.value.asked,
    allowed: run.value.allowed,
    wall: run.wall,
    cpu: run.cpu,
  };
});

const principals = account.principals.length + (account.root !== undefined ? 1 : 0);
console.log(
  JSON.stringify({
    principals,
    load: { wall: load.wall, cpu: load.cpu },
    whoCanFirst: { wall: first.wall, cpu: first.cpu, allowed: first.value.principals.length },
    whoCanLater: later.map((r) => ({ wall: r.wall, cpu: r.cpu })),
    can: cans,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
