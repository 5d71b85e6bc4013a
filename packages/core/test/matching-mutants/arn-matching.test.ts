// Resource matching (docs/evaluation-rules.md §3.2, from the current "IAM JSON policy elements: Resource" page):
// case-sensitive, `*` and `?` usable in every segment, segment by segment, except that a `*` ending a
// pattern with fewer than six fields expands across the remaining colons; a resource that is not a
// six-field ARN is compared with the whole pattern (docs/evaluation-rules.md §3.2 algorithm, UNCONFIRMED part).
import { describe, expect, it } from "vitest";
import { matchResource } from "../../src/matching/index.js";
import { evaluate } from "../../src/evaluation/index.js";
import { allow, decisionOf, policy } from "../helpers.js";

const ACCOUNT = "111122223333";
const QUEUE = `arn:aws:sqs:us-east-2:${ACCOUNT}:queue1`;
const INSTANCE = `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-1`;
const LOG_STREAM = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:g:log-stream:s`;

describe("a trailing `*` in a pattern with fewer than six fields spans the remaining colons (docs/evaluation-rules.md §3.2)", () => {
  it.each([
    ["arn:aws:sqs:*", QUEUE, true],
    ["arn:aws:*", QUEUE, true],
    ["arn*", QUEUE, true],
    ["arn:aws:sqs*", QUEUE, true],
    [`arn:aws:sqs:us-east-2:*`, QUEUE, true],
    [`arn:aws:sqs:us-east-2:1111*`, QUEUE, true],
    // The fields before the expanding one are still compared one by one.
    ["arn:aws:sns:*", QUEUE, false],
    ["arn:aws-cn:sqs:*", QUEUE, false],
    ["arn:aws:*:us-west-2:*", QUEUE, false],
    ["arn:aws:*:us-east-2:*", QUEUE, true],
    ["arn:*:sqs:us-east-?:*", QUEUE, true],
    ["arn:*:sqs:us-west-?:*", QUEUE, false],
    [`arn:aws:sqs:us-east-2:4444*`, QUEUE, false],
  ])("%s against %s is %s", (pattern, resource, expected) => {
    expect(matchResource(pattern, resource)).toBe(expected);
  });
});

describe("a pattern with fewer than six fields and no trailing `*` matches no ARN (docs/evaluation-rules.md §3.2)", () => {
  it.each([
    ["arn:aws:sqs", QUEUE],
    ["arn:aws:sqs:us-east-2", QUEUE],
    [`arn:aws:sqs:us-east-2:${ACCOUNT}`, QUEUE],
    ["arn:aws:sqs:us-east-?", QUEUE],
    ["queue1", QUEUE],
    ["arn:aws:sqs:*:?", QUEUE],
    // A `*` that does not end the pattern stays inside its field, even in the last field given.
    ["arn:aws:sqs:*queue1", QUEUE],
    [`arn:aws:sqs:*:*${ACCOUNT}`, QUEUE],
  ])("%s does not match %s", (pattern, resource) => {
    expect(matchResource(pattern, resource)).toBe(false);
  });
});

describe("wildcards in the middle fields stay inside their field (docs/evaluation-rules.md §3.2)", () => {
  it.each([
    [`arn:aws:ec2:us-*-1:${ACCOUNT}:instance/i-1`, INSTANCE, true],
    [`arn:aws:ec2:us-*-2:${ACCOUNT}:instance/i-1`, INSTANCE, false],
    [`arn:aws:ec2:us-east-?:${ACCOUNT}:instance/i-1`, INSTANCE, true],
    [
      `arn:aws:ec2:us-east-?:${ACCOUNT}:instance/i-1`,
      `arn:aws:ec2:us-east-10:${ACCOUNT}:instance/i-1`,
      false,
    ],
    [`arn:aws:ec2:*:*:instance/i-1`, INSTANCE, true],
    [`arn:aws:ec2:*:*:instance/i-2`, INSTANCE, false],
    [`arn:*:ec2:*:${ACCOUNT}:instance/*`, INSTANCE, true],
    [`arn:*:ec2:*:${ACCOUNT}:instance/*`, `arn:aws:ec2:us-east-1:444455556666:instance/i-1`, false],
    // Wildcards in the first field too ("in any segment").
    [`a?n:aws:sqs:us-east-2:${ACCOUNT}:queue1`, QUEUE, true],
    [`ar*:aws:sqs:*:*:queue1`, QUEUE, true],
    [`a?n:aws:sqs:us-east-2:${ACCOUNT}:queue2`, QUEUE, false],
    [`b?n:aws:sqs:us-east-2:${ACCOUNT}:queue1`, QUEUE, false],
    // A fixed field after a wildcard field is still compared.
    [
      `arn:aws:*:us-east-1:${ACCOUNT}:instance/i-1`,
      `arn:aws:ec2:us-west-1:${ACCOUNT}:instance/i-1`,
      false,
    ],
    [`arn:aws:*:us-east-1:${ACCOUNT}:instance/i-1`, INSTANCE, true],
    [`arn:aws:e*:us-east-1:${ACCOUNT}:instance/i-1`, INSTANCE, true],
    [`arn:aws:s*:us-east-1:${ACCOUNT}:instance/i-1`, INSTANCE, false],
    [`arn:aw?:ec2:us-east-1:${ACCOUNT}:instance/i-1`, INSTANCE, true],
    [
      `arn:aw?:ec2:us-east-1:${ACCOUNT}:instance/i-1`,
      `arn:aws-cn:ec2:us-east-1:${ACCOUNT}:instance/i-1`,
      false,
    ],
    // Fully fixed leading fields: each field must be equal, not just a prefix of it.
    [
      `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/*`,
      `arn:aws:ec2x:us-east-1:${ACCOUNT}:instance/i-1`,
      false,
    ],
    [
      `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/*`,
      `arn:aws:ec2:us-east-1x:${ACCOUNT}:instance/i-1`,
      false,
    ],
    [
      `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/*`,
      `arn:aws:ec2:us-east-1:${ACCOUNT}0:instance/i-1`,
      false,
    ],
  ])("%s against %s is %s", (pattern, resource, expected) => {
    expect(matchResource(pattern, resource)).toBe(expected);
  });
});

describe("the sixth field is one string in which `*` and `?` also match `:` and `/` (docs/evaluation-rules.md §3.1, §3.2)", () => {
  it.each([
    [`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:*`, LOG_STREAM, true],
    [`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:g:*`, LOG_STREAM, true],
    [`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:h:*`, LOG_STREAM, false],
    [`arn:aws:logs:*:*:log-group:g:log-stream:?`, LOG_STREAM, true],
    [`arn:aws:logs:*:*:log-group:g?log-stream:s`, LOG_STREAM, true],
    [`arn:aws:logs:*:*:log-group:g:log-stream`, LOG_STREAM, false],
    // The resource id is compared whole: a literal first character, a `?` first, an empty id.
    ["arn:aws:s3:::?ucket", "arn:aws:s3:::bucket", true],
    ["arn:aws:s3:::?ucket", "arn:aws:s3:::ucket", false],
    ["arn:aws:s3:::b*", "arn:aws:s3:::b", true],
    ["arn:aws:s3:::b*", "arn:aws:s3:::", false],
    ["arn:aws:s3:::b*", "arn:aws:s3:::cb", false],
    ["arn:aws:s3:::*b", "arn:aws:s3:::ab", true],
    ["arn:aws:s3:::", "arn:aws:s3:::", true],
    ["arn:aws:s3:::", "arn:aws:s3:::b", false],
    ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket2", false],
    ["arn:aws:s3:::bucket", "arn:aws:s3:::bucke", false],
  ])("%s against %s is %s", (pattern, resource, expected) => {
    expect(matchResource(pattern, resource)).toBe(expected);
  });
});

describe("every field is case-sensitive (docs/evaluation-rules.md §3.2, current Resource page)", () => {
  it.each([
    ["ARN:aws:s3:::bucket"],
    ["arn:AWS:s3:::bucket"],
    ["arn:aws:S3:::bucket"],
    ["arn:aws:s3:::Bucket"],
    ["arn:aws:S3:*"],
  ])("%s does not match arn:aws:s3:::bucket", (pattern) => {
    expect(matchResource(pattern, "arn:aws:s3:::bucket")).toBe(false);
  });
});

describe("a resource that is not a six-field ARN is compared with the whole pattern (docs/evaluation-rules.md §3.2, UNCONFIRMED)", () => {
  it.each([
    ["*", "*", true],
    ["arn:aws:s3:::bucket", "*", false],
    ["arn:*", "*", false],
    ["bucket*", "bucket-1", true],
    ["bucket*", "my-bucket", false],
    ["arn:aws:s3*", "arn:aws:s3:bucket", true],
    ["arn:aws:s?:*", "arn:aws:s3:x", true],
    ["arn:aws:sqs:*", "arn:aws:sns:x", false],
    ["arn:aws:sqs", "arn:aws:sqs", true],
    ["arn:aws:s3:bucket", "arn:aws:s3:bucket", true],
    ["arn:aws:s3::bucket", "arn:aws:s3::bucket", true],
    ["arn:aws:s3::bucket*", "arn:aws:s3::bucket-1", true],
    ["arn:aws:s3::bucket", "arn:aws:s3::bucket-1", false],
  ])("%s against %s is %s", (pattern, resource, expected) => {
    expect(matchResource(pattern, resource)).toBe(expected);
  });
});

describe("matchResource takes no policy variables: `${…}` is literal text", () => {
  it.each([
    ["arn:aws:s3:::${aws:username}", "arn:aws:s3:::${aws:username}", true],
    ["arn:aws:s3:::${aws:username}", "arn:aws:s3:::alice", false],
    ["arn:aws:s3:::${aws:username, 'x'}", "arn:aws:s3:::x", false],
  ])("%s against %s is %s", (pattern, resource, expected) => {
    expect(matchResource(pattern, resource)).toBe(expected);
  });
});

describe("ArnLike / ArnEquals compare the six fields separately (docs/evaluation-rules.md §5.4)", () => {
  const SOURCE = `arn:aws:sns:us-east-1:${ACCOUNT}:topic`;
  const whether = (operator: string, pattern: string, value: string) =>
    decisionOf({
      principal: `arn:aws:iam::${ACCOUNT}:user/alice`,
      action: "sqs:SendMessage",
      resource: QUEUE,
      context: { "aws:SourceArn": value },
      policies: {
        identity: [policy(allow({ Condition: { [operator]: { "aws:SourceArn": pattern } } }))],
      },
    });
  it.each([
    ["ArnLike", "*", SOURCE, "Allowed"],
    ["ArnLike", "arn:aws:sns:*:*:*", SOURCE, "Allowed"],
    ["ArnLike", `arn:aws:sns:us-east-?:${ACCOUNT}:top*`, SOURCE, "Allowed"],
    ["ArnEquals", SOURCE, SOURCE, "Allowed"],
    ["ArnLike", `arn:aws:sqs:*:${ACCOUNT}:topic`, SOURCE, "ImplicitlyDenied"],
    ["ArnLike", "arn:aws:SNS:*:*:*", SOURCE, "ImplicitlyDenied"],
    // The documented contrast: a wildcard never crosses a colon, so the account field must match.
    [
      "ArnLike",
      `arn:aws:someservice:*:${ACCOUNT}:finance/*`,
      `arn:aws:someservice:us-east-2:999999999999:store/abc:${ACCOUNT}:finance/document.txt`,
      "ImplicitlyDenied",
    ],
    [
      "StringLike",
      `arn:aws:someservice:*:${ACCOUNT}:finance/*`,
      `arn:aws:someservice:us-east-2:999999999999:store/abc:${ACCOUNT}:finance/document.txt`,
      "Allowed",
    ],
    // A pattern with fewer than six fields matches nothing (no trailing-`*` expansion here).
    ["ArnLike", "arn:aws:sns:*", SOURCE, "ImplicitlyDenied"],
    // A value that is not a six-field ARN matches nothing, not even "*" (docs/evaluation-rules.md §5.4, recommended).
    ["ArnLike", "*", "not-an-arn", "ImplicitlyDenied"],
    ["ArnLike", "*", "arn:aws:sns:us-east-1", "ImplicitlyDenied"],
    ["ArnLike", "arn:aws:sns:*:*", "arn:aws:sns:us-east-1:1", "ImplicitlyDenied"],
    // ${*} is a literal `*`, not a wildcard (docs/evaluation-rules.md §6): it names no ARN.
    ["ArnLike", "${*}", SOURCE, "ImplicitlyDenied"],
    ["ArnLike", `arn:aws:sns:us-east-1:${ACCOUNT}:\${*}`, SOURCE, "ImplicitlyDenied"],
    [
      "ArnLike",
      `arn:aws:sns:us-east-1:${ACCOUNT}:\${*}`,
      `arn:aws:sns:us-east-1:${ACCOUNT}:*`,
      "Allowed",
    ],
  ])("%s %s against %s is %s", (operator, pattern, value, decision) => {
    expect(whether(operator, pattern, value)).toBe(decision);
  });
});

describe("Resource patterns through evaluate(): the same rules inside a policy", () => {
  const request = (resource: string, patterns: string[], version = "2012-10-17") => ({
    principal: `arn:aws:iam::${ACCOUNT}:user/alice`,
    action: "sqs:SendMessage",
    resource,
    policies: {
      identity: [{ ...policy(allow({ Resource: patterns })), Version: version }],
    },
  });
  it.each([
    [QUEUE, ["arn:aws:sns:*", "arn:aws:sqs:*"], "Allowed"],
    [QUEUE, ["arn:aws:sqs:us-east-2"], "ImplicitlyDenied"],
    [QUEUE, [`arn:aws:sqs:us-east-2:${ACCOUNT}:queue?`], "Allowed"],
    [QUEUE, [`arn:aws:sqs:us-east-2:${ACCOUNT}:Queue1`], "ImplicitlyDenied"],
    ["*", ["arn:aws:sqs:*"], "ImplicitlyDenied"],
    ["*", ["*"], "Allowed"],
  ])("%s with Resource %j is %s", (resource, patterns, decision) => {
    expect(decisionOf(request(resource, patterns))).toBe(decision);
  });

  it("a variable in the resource id is substituted before matching (docs/evaluation-rules.md §6)", () => {
    const req = {
      ...request(`arn:aws:sqs:us-east-2:${ACCOUNT}:alice-queue`, [
        `arn:aws:sqs:*:${ACCOUNT}:\${aws:username}-*`,
      ]),
    };
    expect(decisionOf(req)).toBe("Allowed");
    expect(decisionOf({ ...req, principal: `arn:aws:iam::${ACCOUNT}:user/bob` })).toBe(
      "ImplicitlyDenied",
    );
  });

  it("a trailing `*` of a pattern with a variable also spans the remaining colons (docs/evaluation-rules.md §3.2, §6)", () => {
    const req = request(`arn:aws:logs:us-east-1:${ACCOUNT}:log-group:alice:log-stream:s`, [
      `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:\${aws:username}:*`,
    ]);
    expect(decisionOf(req)).toBe("Allowed");
    const short = request(`arn:aws:sqs:us-east-1:${ACCOUNT}:q`, ["arn:aws:${aws:username}*"]);
    expect(decisionOf(short)).toBe("ImplicitlyDenied");
  });

  it("in a 2008-10-17 policy `${…}` is literal text in a Resource (docs/evaluation-rules.md §1.2)", () => {
    const literal = `arn:aws:sqs:us-east-2:${ACCOUNT}:\${aws:username}`;
    expect(decisionOf(request(literal, [literal], "2008-10-17"))).toBe("Allowed");
    expect(
      decisionOf(request(`arn:aws:sqs:us-east-2:${ACCOUNT}:alice`, [literal], "2008-10-17")),
    ).toBe("ImplicitlyDenied");
  });

  it("a resource given as a non-ARN string is matched whole", () => {
    const outcome = evaluate(request("bucket-1", ["bucket*"]));
    expect("decision" in outcome && outcome.decision).toBe("Allowed");
  });
});
