// The keys derived from a principal (docs/architecture.md §5.1 (the request), docs/evaluation-rules.md §8) are all listed
// in isDerivableKey: conditions on other keys skip the derived keys, so a key missing from the list
// would never be found.
import { describe, expect, it } from "vitest";
import { derivePrincipalKeys, isDerivableKey } from "../src/context/derive.js";
import { parseRequestPrincipal } from "../src/matching/principal.js";

const PRINCIPALS = [
  "arn:aws:iam::111122223333:user/alice",
  "arn:aws:iam::111122223333:root",
  "111122223333",
  "arn:aws:sts::111122223333:assumed-role/Role/session",
  "arn:aws:iam::111122223333:role/Role",
  "arn:aws:sts::111122223333:federated-user/bob",
  "ec2.amazonaws.com",
  "*",
];

describe("derived context keys", () => {
  it.each(PRINCIPALS)("every key derived for %s is derivable", (arn) => {
    const principal = parseRequestPrincipal(arn);
    if ("error" in principal) throw new Error(principal.error);
    const keys = [...derivePrincipalKeys(principal).keys()];
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(isDerivableKey(key), key).toBe(true);
  });

  it("aws:ResourceAccount is derivable (from the resource ARN)", () => {
    expect(isDerivableKey("aws:resourceaccount")).toBe(true);
  });

  it("request-only keys are not derivable", () => {
    for (const key of [
      "aws:requesttag/createdby",
      "aws:sourceip",
      "kms:viaservice",
      "aws:resourcetag/x",
    ])
      expect(isDerivableKey(key), key).toBe(false);
  });
});
