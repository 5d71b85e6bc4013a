// aws:ResourceAccount (docs/evaluation-rules.md §7.3, §8): given in the context, else the ARN's 12-digit account field, else
// unknown (the caller's own account is assumed). The in-place comparison used for the cross-account
// check must agree with the sliced value for every ARN shape.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { RequestContext } from "../src/context/request-context.js";
import {
  buildRequestContext,
  contextGet,
  resourceAccountIsOrUnknown,
  resourceAccountOf,
} from "../src/context/request-context.js";

function contextOf(
  resource: string,
  given: Record<string, string | string[]> = {},
): RequestContext {
  const entries = buildRequestContext(given);
  if (!Array.isArray(entries)) throw new Error("bad context");
  return {
    given: entries,
    givenIndex: undefined,
    derived: undefined,
    resourceAccount: undefined,
    resource,
    colons: undefined,
  };
}

const ACCOUNT = "111122223333";

describe("resourceAccountIsOrUnknown", () => {
  it.each([
    ["arn:aws:s3:::bucket", true], // no account field: unknown
    [`arn:aws:sns:us-east-1:${ACCOUNT}:topic`, true],
    ["arn:aws:sns:us-east-1:444455556666:topic", false],
    ["arn:aws:sns:us-east-1:44445555666x:topic", true], // not an account id: unknown
    ["arn:aws:sns:us-east-1:4444555566667:topic", true], // 13 digits: unknown
    ["*", true],
    ["arn:aws:sns", true],
  ])("%s -> %s", (resource, same) => {
    expect(resourceAccountIsOrUnknown(contextOf(resource), ACCOUNT)).toBe(same);
  });

  it("a given aws:ResourceAccount wins over the ARN", () => {
    const resource = `arn:aws:sns:us-east-1:${ACCOUNT}:topic`;
    expect(
      resourceAccountIsOrUnknown(
        contextOf(resource, { "aws:ResourceAccount": "444455556666" }),
        ACCOUNT,
      ),
    ).toBe(false);
    expect(
      resourceAccountIsOrUnknown(
        contextOf("arn:aws:s3:::b", { "aws:ResourceAccount": ACCOUNT }),
        ACCOUNT,
      ),
    ).toBe(true);
  });

  it("agrees with the sliced value on random ARNs and contexts (fast-check)", () => {
    const digits = fc.stringMatching(/^[0-9]{10,13}$/);
    const field = fc.oneof(
      digits,
      fc.constant(ACCOUNT),
      fc.constant(""),
      fc.string({ maxLength: 14 }),
    );
    const resource = fc.oneof(
      fc
        .tuple(field, fc.string({ maxLength: 8 }))
        .map(([a, rest]) => `arn:aws:sns:us-east-1:${a}:${rest}`),
      fc.string({ maxLength: 30 }),
    );
    const given = fc.option(fc.oneof(field, fc.array(field, { maxLength: 2 })), { nil: undefined });
    fc.assert(
      fc.property(resource, given, fc.boolean(), (res, value, derivedFirst) => {
        const ctx = contextOf(res, value === undefined ? {} : { "aws:ResourceAccount": value });
        // Either order: with the derived value already cached, or not yet.
        if (derivedFirst) contextGet(ctx, "aws:resourceaccount");
        const expected = (resourceAccountOf(ctx) ?? ACCOUNT) === ACCOUNT;
        expect(resourceAccountIsOrUnknown(ctx, ACCOUNT)).toBe(expected);
      }),
      { seed: 20261128, numRuns: 2000 },
    );
  });
});
