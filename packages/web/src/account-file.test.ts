// Account files into core's Account, and every problem with its file, line, column and JSON path.
import type { ManagedPolicyLoader } from "@iamspec/core";
import { describe, expect, it } from "vitest";
import { arnOf, fixtureFile, fixtureText, readOnlyAccessOnly } from "../test/account-fixtures.js";
import {
  addFiles,
  describeAccount,
  loadAccountFiles,
  problemPlace,
  type AccountLoad,
} from "./account-file.js";

function problemOf(load: AccountLoad) {
  if (load.ok) throw new Error("expected a problem");
  return load.problem;
}

describe("loadAccountFiles", () => {
  it("reads the CLI's output into users and roles, with the account id", async () => {
    const files = [fixtureFile("account-cli.json")];
    const load = await loadAccountFiles(files, readOnlyAccessOnly);
    expect(load.ok).toBe(true);
    if (!load.ok) return;
    expect(load.account.principals.map((p) => p.arn)).toEqual([
      arnOf("user/alice"),
      arnOf("user/bob"),
      arnOf("user/ops/carol"),
      arnOf("role/deployer"),
      arnOf("role/auditor"),
      arnOf("role/service/worker"),
    ]);
    expect(describeAccount(load.account, files)).toBe(
      "Account 111122223333: 3 users and 3 roles, from 1 file.",
    );
  });

  it("merges raw-API pages with URL-encoded documents into the same principals", async () => {
    const files = [fixtureFile("raw-page-1.json"), fixtureFile("raw-page-2.json")];
    const raw = await loadAccountFiles(files, readOnlyAccessOnly);
    const cli = await loadAccountFiles([fixtureFile("account-cli.json")], readOnlyAccessOnly);
    if (!raw.ok || !cli.ok) throw new Error("both should load");
    expect(raw.account.principals.map((p) => p.arn)).toEqual(
      cli.account.principals.map((p) => p.arn),
    );
    expect(describeAccount(raw.account, files)).toContain("from 2 files");
  });

  it("reads a file that starts with a byte order mark", async () => {
    const load = await loadAccountFiles(
      [{ name: "bom.json", text: `\uFEFF${fixtureText("account-cli.json")}` }],
      readOnlyAccessOnly,
    );
    expect(load.ok).toBe(true);
  });

  it("places a JSON syntax error at its line and column", async () => {
    const problem = problemOf(
      await loadAccountFiles([{ name: "broken.json", text: '{\n  "UserDetailList": [,]\n}' }]),
    );
    expect(problem).toMatchObject({ file: "broken.json", line: 2, column: 22 });
    expect(problem.message).toMatch(/^invalid JSON: /);
    expect(problemPlace(problem)).toBe("broken.json:2:22");
  });

  it("names the attachment of a customer managed policy no page has, with its path and line", async () => {
    const page = JSON.parse(fixtureText("account-cli.json")) as { Policies: unknown[] };
    page.Policies = page.Policies.slice(1); // drop OnlyEc2
    const text = JSON.stringify(page, null, 2);
    const problem = problemOf(
      await loadAccountFiles([{ name: "a.json", text }], readOnlyAccessOnly),
    );
    expect(problem.message).toMatch(
      /^group devs \(of user alice\) has the customer managed policy arn:aws:iam::111122223333:policy\/OnlyEc2 attached, but no page has it in Policies/,
    );
    expect(problem.path).toBe("$.GroupDetailList[0].AttachedManagedPolicies[0].PolicyArn");
    const lines = text.split("\n");
    const groups = lines.findIndex((l) => l.includes('"GroupDetailList"'));
    const line = lines.findIndex((l, i) => i > groups && l.includes('"PolicyArn"')) + 1;
    expect(problem.line).toBe(line);
    expect(problemPlace(problem)).toBe(
      `a.json:${line}:${problem.column} at $.GroupDetailList[0].AttachedManagedPolicies[0].PolicyArn`,
    );
  });

  it("says an attached AWS managed policy is not in the bundled corpus, naming its date", async () => {
    const unknown: ManagedPolicyLoader = { load: () => undefined, corpusDate: "2026-09-26" };
    const problem = problemOf(await loadAccountFiles([fixtureFile("account-cli.json")], unknown));
    expect(problem.message).toBe(
      "role auditor has the AWS managed policy arn:aws:iam::aws:policy/ReadOnlyAccess attached, but no page has it in Policies and it is not among the known AWS managed policies (bundled corpus of 2026-09-26)",
    );
    expect(problem.path).toBe("$.RoleDetailList[1].AttachedManagedPolicies[0].PolicyArn");
    expect(problem.file).toBe("account-cli.json");
    expect(problem.line).toBeGreaterThan(1);
  });

  it("refuses a file that is not get-account-authorization-details output", async () => {
    const problem = problemOf(
      await loadAccountFiles([{ name: "policy.json", text: '{ "Statement": [] }' }]),
    );
    expect(problem.message).toMatch(/^not get-account-authorization-details output/);
    expect(problemPlace(problem)).toBe("policy.json:1:1");
  });

  it("reports a loader that fails as a problem, not a thrown error", async () => {
    const failing: ManagedPolicyLoader = {
      load: () => Promise.reject(new Error("the bundled policies could not be loaded")),
    };
    const problem = problemOf(await loadAccountFiles([fixtureFile("account-cli.json")], failing));
    expect(problem.message).toBe("the bundled policies could not be loaded");
  });
});

describe("addFiles", () => {
  it("adds pages, and a file picked again replaces the one of the same name", () => {
    const a = { name: "a.json", text: "1" };
    const b = { name: "b.json", text: "2" };
    expect(addFiles([a], [b])).toEqual([a, b]);
    expect(addFiles([a, b], [{ name: "a.json", text: "3" }])).toEqual([
      b,
      { name: "a.json", text: "3" },
    ]);
  });
});
