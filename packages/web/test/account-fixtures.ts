// The hand-built account of core's account tests (packages/core/test/account/fixtures, written by
// its gen.mjs): as the CLI prints it, and as two raw-API pages with URL-encoded documents.
import { readFileSync } from "node:fs";
import type { ManagedPolicyLoader } from "@iamspec/core";

export const ACCOUNT_ID = "111122223333";
export const ACCOUNT_FIXTURES = new URL("../../core/test/account/fixtures/", import.meta.url);

export type AccountFixture = "account-cli.json" | "raw-page-1.json" | "raw-page-2.json";

export function fixtureText(name: AccountFixture): string {
  return readFileSync(new URL(name, ACCOUNT_FIXTURES), "utf8");
}

export function fixtureFile(name: AccountFixture): { name: string; text: string } {
  return { name, text: fixtureText(name) };
}

/** A principal of the fixture account by its name in the ARN (`user/alice`, `role/deployer`). */
export const arnOf = (path: string) => `arn:aws:iam::${ACCOUNT_ID}:${path}`;

/**
 * The CLI page with one more user, dave, allowed s3:GetObject under a condition that AWS does not
 * document for a missing key (ForAnyValue with IfExists; dave has no tags): an uncertain answer.
 */
export function withUncertainUser(text: string): string {
  const page = JSON.parse(text) as { UserDetailList: unknown[] };
  page.UserDetailList.push({
    Path: "/",
    UserName: "dave",
    UserId: "AIDADAVE",
    Arn: arnOf("user/dave"),
    GroupList: [],
    UserPolicyList: [
      {
        PolicyName: "TeamData",
        PolicyDocument: {
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "TeamDataIfTagged",
              Effect: "Allow",
              Action: "s3:GetObject",
              Resource: "arn:aws:s3:::data/*",
              Condition: {
                "ForAnyValue:StringEqualsIfExists": { "aws:PrincipalTag/team": "data" },
              },
            },
          ],
        },
      },
    ],
    AttachedManagedPolicies: [],
  });
  return JSON.stringify(page, null, 2);
}

/** A stand-in for the bundled corpus in unit tests: ReadOnlyAccess only, read-only S3. */
export const readOnlyAccessOnly: ManagedPolicyLoader = {
  load: (arn) =>
    arn === "arn:aws:iam::aws:policy/ReadOnlyAccess"
      ? {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: ["s3:Get*", "s3:List*"], Resource: "*" }],
        }
      : undefined,
  corpusDate: "2026-09-26",
};
