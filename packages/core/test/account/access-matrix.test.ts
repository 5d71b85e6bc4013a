// The account's access matrix: rows in a deterministic order, shards that partition the principals
// so that their outputs, concatenated in shard order, are the unsharded output.
import { describe, expect, it } from "vitest";
import {
  CanQueryError,
  accessMatrix,
  can,
  createServiceData,
  parseShard,
  shardPrincipals,
} from "../../src/index.js";
import { A, arn, fixtureAccount } from "./fixture-account.js";
import { smallServiceData } from "./small-service-data.js";

const serviceData = createServiceData(smallServiceData);

describe("shardPrincipals", () => {
  it("splits the ARN-ordered principals into n runs that differ in size by at most one", async () => {
    const account = await fixtureAccount();
    const sorted = [...account.principals, account.root!].map((p) => p.arn).sort();
    expect(sorted).toContain(`arn:aws:iam::${A}:root`);
    expect(shardPrincipals(account).map((p) => p.arn)).toEqual(sorted);
    for (let n = 1; n <= 10; n++) {
      const shards = Array.from({ length: n }, (_, i) =>
        shardPrincipals(account, { index: i + 1, count: n }).map((p) => p.arn),
      );
      expect(shards.flat()).toEqual(sorted);
      const sizes = shards.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it("reads i/n and rejects what is not a shard", () => {
    expect(parseShard("3/8")).toEqual({ index: 3, count: 8 });
    expect(parseShard(" 1/1 ")).toEqual({ index: 1, count: 1 });
    for (const bad of ["0/3", "4/3", "1/0", "a/b", "1", "1/2/3", "-1/2"])
      expect(() => parseShard(bad), bad).toThrow(CanQueryError);
  });
});

describe("accessMatrix", () => {
  it("lists, by principal ARN (the root user too), each principal's answers in can's order, without notes", async () => {
    const account = await fixtureAccount();
    const rows = [...accessMatrix(account, { serviceData })];
    const principals = [...new Set(rows.map((r) => r.principal))];
    expect(principals).toEqual([...principals].sort());
    for (const principal of [...account.principals, account.root!]) {
      const result = can(account, principal.arn, { serviceData });
      const expected = result.services.flatMap((s) =>
        s.accessLevels.flatMap((l) =>
          l.actions.map(({ notes: _notes, ...entry }) => ({
            principal: principal.arn,
            kind: principal.kind,
            ...entry,
          })),
        ),
      );
      expect(rows.filter((r) => r.principal === principal.arn)).toEqual(expected);
    }
    expect(rows.find((r) => r.principal === arn.dora && r.action === "sns:Publish")).toMatchObject({
      decision: "ImplicitlyDenied",
      uncertain: true,
      otherDecision: "Allowed",
    });
  });

  it("gives, shard after shard, the unsharded rows (any n, with filters and a resource)", async () => {
    const account = await fixtureAccount();
    for (const query of [
      { serviceData },
      { serviceData, service: "s3", resource: "arn:aws:s3:::data/report.csv" },
      { serviceData, resource: arn.deployer },
    ]) {
      const whole = [...accessMatrix(account, query)];
      for (let n = 1; n <= 9; n++) {
        const shards = Array.from({ length: n }, (_, i) => [
          ...accessMatrix(account, { ...query, shard: { index: i + 1, count: n } }),
        ]);
        expect(shards.flat()).toEqual(whole);
      }
    }
  });

  it("takes only the principals asked for, and names one the account does not have", async () => {
    const account = await fixtureAccount();
    const rows = [...accessMatrix(account, { serviceData, principals: [arn.worker, arn.carol] })];
    expect([...new Set(rows.map((r) => r.principal))]).toEqual([arn.worker, arn.carol].sort());
    expect(() => [
      ...accessMatrix(account, { serviceData, principals: ["arn:aws:iam::111122223333:user/x"] }),
    ]).toThrow(CanQueryError);
  });
});
