// The account view's questions as core answers them: who can, who can assume, uncertain and
// denied principals, and one principal's explanation on demand.
import { loadAccount, type Account, type WhoCanResult } from "@iamspec/core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  arnOf,
  fixtureText,
  readOnlyAccessOnly,
  withUncertainUser,
} from "../test/account-fixtures.js";
import {
  accountPolicies,
  actionsNamed,
  askAccount,
  countLine,
  entryStatus,
  explainPrincipal,
  type AccountQuestion,
} from "./account-query.js";

let account: Account;
beforeAll(async () => {
  const data = JSON.parse(withUncertainUser(fixtureText("account-cli.json"))) as unknown;
  account = await loadAccount([{ name: "account.json", data }], {
    awsManagedPolicies: readOnlyAccessOnly,
  });
});

const readData = (resource: string): Extract<AccountQuestion, { kind: "action" }> => ({
  kind: "action",
  action: "s3:GetObject",
  resource,
  context: [],
});

function resultOf(question: AccountQuestion, includeDenied = false): WhoCanResult {
  const answer = askAccount(account, question, { includeDenied });
  if (!answer.ok) throw new Error(answer.message);
  return answer.result;
}

const statuses = (result: WhoCanResult) =>
  Object.fromEntries(result.principals.map((p) => [p.principal, entryStatus(p)]));

describe("askAccount", () => {
  it("lists the allowed principals first, then the uncertain ones", () => {
    const result = resultOf(readData("arn:aws:s3:::data/report.csv"));
    expect(statuses(result)).toEqual({
      [arnOf("user/alice")]: "allowed",
      [arnOf("role/auditor")]: "allowed",
      // The root user is limited by no identity policy (and this account has no SCP).
      [arnOf("root")]: "allowed",
      [arnOf("user/dave")]: "uncertain",
    });
    expect(result.principals.map((p) => p.principal).at(-1)).toBe(arnOf("user/dave"));
    expect(countLine(result)).toBe("3 of 8 principals allowed, 1 more under an uncertain reading");
  });

  it("adds the denied principals with core's reason when asked", () => {
    const result = resultOf(readData("arn:aws:s3:::data/secret/key"), true);
    const alice = result.principals.find((p) => p.principal === arnOf("user/alice"))!;
    expect(entryStatus(alice)).toBe("denied");
    expect(alice.decision).toBe("ExplicitlyDenied");
    expect(alice.reason).toMatch(/Deny/);
    const bob = result.principals.find((p) => p.principal === arnOf("user/bob"))!;
    expect(bob.reason).toMatch(/boundary/i);
    expect(result.principals).toHaveLength(8);
  });

  it("passes the context rows (a JSON list is a multivalued key)", () => {
    const tagged = resultOf({
      ...readData("arn:aws:s3:::data/report.csv"),
      context: [
        { key: "aws:PrincipalTag/team", value: '["data", "ops"]' },
        { key: " ", value: "ignored" },
      ],
    });
    // With the tag given, dave's condition is met: no longer uncertain.
    expect(statuses(tagged)[arnOf("user/dave")]).toBe("allowed");
  });

  it("asks who can assume a role: the trust policy and the identity policies together", () => {
    const result = resultOf({ kind: "assume", role: arnOf("role/auditor"), context: [] });
    expect(statuses(result)).toEqual({ [arnOf("user/ops/carol")]: "allowed" });
    expect(result.principals[0]!.decidedBy.map((d) => d.policyName)).toEqual([
      "AssumeAny",
      "role/auditor/trust",
    ]);
  });

  it("waits for an action or a role, and turns core's errors into a message", () => {
    expect(askAccount(account, readData(""), { includeDenied: false })).toMatchObject({
      ok: true,
    });
    expect(askAccount(account, { ...readData(""), action: " " }, { includeDenied: false })).toEqual(
      { ok: false, pending: true, message: "Enter an action to ask who can do it." },
    );
    expect(
      askAccount(account, { kind: "assume", role: "", context: [] }, { includeDenied: false }),
    ).toMatchObject({ ok: false, pending: true });
    expect(
      askAccount(
        account,
        { kind: "assume", role: arnOf("role/worker"), context: [] },
        { includeDenied: false },
      ),
    ).toEqual({
      ok: false,
      message:
        "role arn:aws:iam::111122223333:role/worker is not in the account; did you mean arn:aws:iam::111122223333:role/service/worker?",
    });
  });
});

describe("explainPrincipal", () => {
  it("explains one principal: the deciding statement and its policy", () => {
    const result = explainPrincipal(
      account,
      readData("arn:aws:s3:::data/report.csv"),
      arnOf("user/alice"),
    )!;
    expect(result.decision).toBe("Allowed");
    expect(result.decidedBy.map((d) => d.policyName)).toEqual(["group/devs/DataRead"]);
    expect(result.explain?.policies.map((p) => p.policyName)).toContain("group/devs/DataRead");
  });

  it("explains a denied principal and the role trust policy of an assume question", () => {
    const denied = explainPrincipal(
      account,
      { kind: "assume", role: arnOf("role/deployer"), context: [] },
      arnOf("user/ops/carol"),
    )!;
    expect(denied.decision).toBe("ImplicitlyDenied");
    expect(denied.explain?.policies.map((p) => p.policyName)).toContain("role/deployer/trust");
    expect(explainPrincipal(account, readData("*"), arnOf("user/nobody"))).toBeUndefined();
  });
});

describe("suggestions from the account", () => {
  it("collects each policy once and the actions they name, without wildcards", () => {
    const policies = accountPolicies(account);
    // DenySecret, DataRead, OnlyEc2, AssumeAny, TeamData, 3 trust policies, Deploy, ReadOnlyAccess.
    expect(policies).toHaveLength(10);
    expect(actionsNamed(policies)).toEqual(["s3:GetObject", "sts:AssumeRole"]);
  });
});
