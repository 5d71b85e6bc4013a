// The hand-built account of fixtures/account-cli.json, with dora added (allowed sns:Publish and
// ec2:TerminateInstances only under an uncertain reading), for the `can` and matrix tests.
import { readFileSync } from "node:fs";
import { loadAccount } from "../../src/index.js";
import type { Account, ManagedPolicyLoader, PolicyDocument } from "../../src/index.js";

export const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`fixtures/${name}`, import.meta.url), "utf8"));

export const A = "111122223333";
export const arn = {
  alice: `arn:aws:iam::${A}:user/alice`,
  bob: `arn:aws:iam::${A}:user/bob`,
  carol: `arn:aws:iam::${A}:user/ops/carol`,
  dora: `arn:aws:iam::${A}:user/dora`,
  deployer: `arn:aws:iam::${A}:role/deployer`,
  auditor: `arn:aws:iam::${A}:role/auditor`,
  worker: `arn:aws:iam::${A}:role/service/worker`,
};

/** A tiny stand-in for the bundled corpus: ReadOnlyAccess as s3 Get* and List*. */
export const miniLoader: ManagedPolicyLoader = {
  load: (policyArn) =>
    policyArn === "arn:aws:iam::aws:policy/ReadOnlyAccess"
      ? {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: ["s3:Get*", "s3:List*"], Resource: "*" }],
        }
      : undefined,
};

const tagKeys = { "ForAnyValue:StringEqualsIfExists": { "aws:TagKeys": ["team"] } };

/** dora's inline policy: two statements that hold only under the reading that favours her. */
const dora = {
  UserName: "dora",
  UserId: "AIDADORA",
  Arn: arn.dora,
  UserPolicyList: [
    {
      PolicyName: "Maybe",
      PolicyDocument: {
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: "sns:Publish", Resource: "*", Condition: tagKeys },
          { Effect: "Allow", Action: "ec2:*", Resource: "*" },
          { Effect: "Deny", Action: "ec2:TerminateInstances", Resource: "*", Condition: tagKeys },
        ],
      },
    },
  ],
};

/** The fixture with dora and any `users` (UserDetailList entries) added. */
export function fixtureAccount(
  options: { users?: unknown[]; loader?: ManagedPolicyLoader } = {},
): Promise<Account> {
  const data = fixture("account-cli.json") as { UserDetailList: unknown[] };
  data.UserDetailList.push(dora, ...(options.users ?? []));
  return loadAccount([{ name: "account-cli.json", data }], {
    awsManagedPolicies: options.loader ?? miniLoader,
  });
}

/** A user entry with one inline policy. */
export function userWith(name: string, document: PolicyDocument, extra: object = {}): unknown {
  return {
    UserName: name,
    Arn: `arn:aws:iam::${A}:user/${name}`,
    UserPolicyList: [{ PolicyName: `${name}-policy`, PolicyDocument: document }],
    ...extra,
  };
}
