// Benchmark: `checkNoNewAccess` over every AWS managed policy version pair in both directions
// (the pairs of the differential test, test/check-differential.test.ts), plus each managed
// policy against itself (the common CI case: nothing changed). Prints the time per pair, the
// slowest pairs, and the total. Parsing is outside the timings.
import { checkNoNewAccess, parsePolicy } from "@iamspec/core";
import { loadPolicy, policyCatalog } from "@iamspec/policies/catalog";
import { serviceData } from "@iamspec/policies/service-data";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const parse = (document, name) => {
  const parsed = parsePolicy(document, { name });
  if (!parsed.ok) throw new Error(`${name} does not parse`);
  return parsed.policy;
};

const pairs = [];
const selves = [];
for (const entry of policyCatalog) {
  const policy = await loadPolicy(entry.name);
  if (!policy) continue;
  const ids = Object.keys(policy.versions).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  for (let i = 1; i < ids.length; i++) {
    const a = parse(policy.versions[ids[i - 1]].document, `${entry.name}@${ids[i - 1]}`);
    const b = parse(policy.versions[ids[i]].document, `${entry.name}@${ids[i]}`);
    pairs.push({ label: `${entry.name} ${ids[i - 1]}->${ids[i]}`, old: a, new: b });
    pairs.push({ label: `${entry.name} ${ids[i]}->${ids[i - 1]}`, old: b, new: a });
  }
  const self = parse(policy.document, entry.name);
  selves.push({ label: `${entry.name} (itself)`, old: self, new: self });
}

// Warm-up: expansion caches and JIT.
for (const pair of pairs) checkNoNewAccess(pair.old, pair.new, { serviceData });

const time = (pair, rounds) => {
  const started = performance.now();
  for (let r = 0; r < rounds; r++) checkNoNewAccess(pair.old, pair.new, { serviceData });
  return (performance.now() - started) / rounds;
};

console.log(`checkNoNewAccess, IAM data of ${serviceData.updatedAt}`);
console.log(`version pairs (both directions): ${pairs.length}`);
let total = 0;
for (const pair of pairs) {
  const ms = time(pair, ROUNDS);
  total += ms;
  const result = checkNoNewAccess(pair.old, pair.new, { serviceData });
  console.log(
    `  ${pair.label}: ${ms.toFixed(2)} ms/check (${result.result}, ${result.newAccess.length} findings)`,
  );
}
console.log(`  all version pairs: ${total.toFixed(2)} ms`);

const started = performance.now();
const timings = selves.map((pair) => {
  const t0 = performance.now();
  checkNoNewAccess(pair.old, pair.new, { serviceData });
  return { label: pair.label, ms: performance.now() - t0 };
});
const selfTotal = performance.now() - started;
timings.sort((a, b) => b.ms - a.ms);
const median = timings[Math.floor(timings.length / 2)].ms;
console.log(
  `every managed policy against itself: ${selves.length} checks in ${(selfTotal / 1000).toFixed(1)} s`,
);
console.log(`  median ${median.toFixed(2)} ms, slowest:`);
for (const t of timings.slice(0, 5)) console.log(`    ${t.label}: ${t.ms.toFixed(0)} ms`);
