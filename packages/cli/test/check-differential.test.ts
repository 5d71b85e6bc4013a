// Differential test of `checkNoNewAccess` against the evaluator: every AWS managed policy with two
// or more versions, each consecutive version pair in both directions, then version pairs derived
// from a spread of managed policies (a statement dropped, a resource widened, a condition dropped,
// a Deny added). Zero misses: every sampled request NEW allows and OLD denies is reported.
import { policyCatalog, loadPolicy } from "@iamspec/policies/catalog";
import { serviceData } from "@iamspec/policies/service-data";
import { describe, expect, it } from "vitest";
import { mutants, runPair } from "./differential/sampler.js";
import type { PairReport } from "./differential/sampler.js";

function summary(reports: PairReport[]) {
  const requests = reports.reduce((n, r) => n + r.requests, 0);
  const newlyAllowed = reports.reduce((n, r) => n + r.newlyAllowed, 0);
  const misses = reports.flatMap((r) => r.misses.map((m) => ({ pair: r.label, ...m })));
  const reported = reports.reduce((n, r) => n + r.reported, 0);
  const unconfirmed = reports.reduce((n, r) => n + r.unconfirmed, 0);
  return { pairs: reports.length, requests, newlyAllowed, misses, reported, unconfirmed };
}

describe("checkNoNewAccess against the evaluator", () => {
  it("every managed policy version pair, both directions: zero misses", async () => {
    const reports: PairReport[] = [];
    for (const entry of policyCatalog) {
      if (entry.versions.length < 2) continue;
      const policy = (await loadPolicy(entry.name))!;
      const ids = Object.keys(policy.versions).sort(
        (a, b) => Number(a.slice(1)) - Number(b.slice(1)),
      );
      for (let i = 1; i < ids.length; i++) {
        const a = policy.versions[ids[i - 1]!]!.document;
        const b = policy.versions[ids[i]!]!.document;
        reports.push(runPair(`${entry.name} ${ids[i - 1]}->${ids[i]}`, a, b, serviceData));
        reports.push(runPair(`${entry.name} ${ids[i]}->${ids[i - 1]}`, b, a, serviceData));
      }
    }
    const s = summary(reports);
    console.log("managed version pairs:", JSON.stringify({ ...s, misses: s.misses.length }));
    expect(s.pairs).toBeGreaterThanOrEqual(2);
    expect(s.misses).toEqual([]);
    // v1 -> v2 of EC2ImageBuilderExecutionPolicy adds access the sampling must see.
    expect(s.newlyAllowed).toBeGreaterThan(0);
  }, 120_000);

  it("derived version pairs of a spread of managed policies, both directions: zero misses", async () => {
    const step = Number(process.env.IAMSPEC_DIFF_STEP ?? 60);
    const reports: PairReport[] = [];
    for (let i = 0; i < policyCatalog.length; i += step) {
      const entry = policyCatalog[i]!;
      const policy = (await loadPolicy(entry.name))!;
      for (const mutant of mutants(policy.document)) {
        const label = `${entry.name} ${mutant.name}`;
        reports.push(
          runPair(`${label} forward`, policy.document, mutant.document, serviceData, {
            maxActions: 60,
          }),
        );
        reports.push(
          runPair(`${label} back`, mutant.document, policy.document, serviceData, {
            maxActions: 60,
          }),
        );
      }
    }
    const s = summary(reports);
    console.log("derived pairs:", JSON.stringify({ ...s, misses: s.misses.length }));
    expect(s.misses.slice(0, 5)).toEqual([]);
    expect(s.newlyAllowed).toBeGreaterThan(0);
  }, 600_000);
});
