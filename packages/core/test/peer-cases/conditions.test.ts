// Condition operators checked against the AWS documentation's examples and the facts other engines
// test (docs/evaluation-rules.md §5). Each row is one condition `{ operator: { key: values } }` and one request
// value (undefined = the key is absent). It is run twice: as an Allow (Allowed iff the condition holds)
// and as a Deny over an allow-all policy (ExplicitlyDenied iff it holds). "unknown" rows cannot be
// evaluated (undocumented input): an Allow does not count and a Deny does (fail-safe, see
// DIFFERENCES.md "Condition values that do not parse").
import { describe, expect, it } from "vitest";
import type { ContextValue, JsonValue } from "../../src/types.js";
import { AWS, allow, decide, deny, policy, sim } from "./support.js";

interface Row {
  operator: string;
  key: string;
  values: JsonValue;
  request: ContextValue | undefined;
  holds: boolean | "unknown";
  source: string;
}

function row(
  operator: string,
  key: string,
  values: JsonValue,
  request: ContextValue | undefined,
  holds: boolean | "unknown",
  source: string,
): Row {
  return { operator, key, values, request, holds, source };
}

function decisions({ operator, key, values, request }: Row) {
  const context = request === undefined ? {} : { [key]: request };
  const condition = { Condition: { [operator]: { [key]: values } } };
  const asAllow = decide({
    action: "s3:GetObject",
    context,
    policies: { identity: [policy(allow(condition))] },
  });
  const asDeny = decide({
    action: "s3:GetObject",
    context,
    policies: { identity: [policy(allow(), deny(condition))] },
  });
  return { asAllow, asDeny };
}

/** Every row of the tables, for tools that compare other engines on the same facts. */
export const ALL_ROWS: Row[] = [];

function table(title: string, rows: Row[]) {
  ALL_ROWS.push(...rows);
  describe(title, () => {
    it.each(rows.map((r) => [r.operator, JSON.stringify(r.values), r.request, r.holds, r]))(
      "%s %s vs request %j -> %s",
      (_op, _values, _request, _holds, r) => {
        const { asAllow, asDeny } = decisions(r);
        const expected =
          r.holds === "unknown"
            ? { asAllow: "ImplicitlyDenied", asDeny: "ExplicitlyDenied" }
            : r.holds
              ? { asAllow: "Allowed", asDeny: "ExplicitlyDenied" }
              : { asAllow: "ImplicitlyDenied", asDeny: "Allowed" };
        expect({ asAllow, asDeny }, r.source).toEqual(expected);
      },
    );
  });
}

const OPS = AWS.operators;

table("string operators", [
  row("StringEquals", "aws:PrincipalTag/job-category", "iamuser-admin", "iamuser-admin", true, OPS),
  row(
    "StringEquals",
    "aws:PrincipalTag/job-category",
    "iamuser-admin",
    "IAMUser-Admin",
    false,
    OPS,
  ),
  row("StringEquals", "aws:PrincipalTag/job-category", "iamuser-admin", undefined, false, OPS),
  row("StringEquals", "test:Key", "*", "anything", false, OPS),
  row("StringEquals", "test:Key", 123, 123, true, AWS.grammar),
  row("StringEqualsIgnoreCase", "aws:PrincipalTag/dept", "Engineering", "ENGINEERING", true, OPS),
  row("StringEqualsIgnoreCase", "aws:PrincipalTag/dept", ["Dev", "Test"], "prod", false, OPS),
  row("StringNotEquals", "aws:PrincipalOrgID", "o-a1b2c3d4e5", "o-zzzzzzzzzz", true, OPS),
  row("StringNotEquals", "aws:PrincipalOrgID", "o-a1b2c3d4e5", "o-a1b2c3d4e5", false, OPS),
  // Several values under a negated operator: true only when the request matches none (NOR).
  row(
    "StringNotEquals",
    "aws:RequestedRegion",
    ["eu-west-1", "eu-central-1"],
    "eu-central-1",
    false,
    AWS.multiKeys,
  ),
  row(
    "StringNotEquals",
    "aws:RequestedRegion",
    ["eu-west-1", "eu-central-1"],
    "us-east-1",
    true,
    AWS.multiKeys,
  ),
  row(
    "StringNotEquals",
    "aws:PrincipalOrgID",
    "o-a1b2c3d4e5",
    undefined,
    true,
    AWS.conditionElement,
  ),
  row("StringNotEqualsIgnoreCase", "aws:PrincipalTag/stage", ["Dev", "Test"], "DEV", false, OPS),
  row("StringNotEqualsIgnoreCase", "aws:PrincipalTag/stage", ["Dev", "Test"], "PROD", true, OPS),
  row(
    "StringLike",
    "s3:prefix",
    ["home/", "home/alice/*"],
    "home/alice/photos/cat.jpg",
    true,
    AWS.variables,
  ),
  row("StringLike", "s3:prefix", ["home/", "home/alice/*"], "home/bob/x", false, AWS.variables),
  row("StringLike", "ec2:InstanceID", "i-????????", "i-12345678", true, OPS),
  row("StringLike", "ec2:InstanceID", "i-????????", "i-1234567", false, OPS),
  row("StringLike", "test:Key", "*foo*bar*", "xxfooyybarzz", true, OPS),
  row("StringLike", "test:Key", "*foo*bar*", "barfoo", false, OPS),
  row("StringLike", "test:Key", "Prod*", "prod-1", false, OPS),
  row("StringLike", "s3:prefix", "", "", true, AWS.examples), // the home-folder example lists the root prefix ""
  row("StringLike", "s3:prefix", "", "home/", false, AWS.examples), // Like is case-sensitive
  // StringLike has no ARN structure: * crosses colons (the documented ArnLike contrast).
  row(
    "StringLike",
    "aws:SourceArn",
    "arn:aws:s3:::*",
    "arn:aws:s3:::bucket:with:colons",
    true,
    OPS,
  ),
  row(
    "StringNotLike",
    "aws:userid",
    ["AROAEXAMPLE:*", "111122223333"],
    "AROAEXAMPLE:alice",
    false,
    AWS.examples,
  ),
  row(
    "StringNotLike",
    "aws:userid",
    ["AROAEXAMPLE:*", "111122223333"],
    "AIDAOTHER",
    true,
    AWS.examples,
  ),
  row(
    "StringNotLike",
    "aws:userid",
    ["AROAEXAMPLE:*", "111122223333"],
    undefined,
    true,
    AWS.conditionElement,
  ),
  row("StringEqualsIfExists", "ec2:InstanceType", ["t2.micro", "t2.small"], undefined, true, OPS),
  row("StringEqualsIfExists", "ec2:InstanceType", ["t2.micro", "t2.small"], "m5.large", false, OPS),
  row("StringEqualsIfExists", "ec2:InstanceType", ["t2.micro", "t2.small"], "t2.small", true, OPS),
  row("StringNotLikeIfExists", "test:Key", "tmp-*", undefined, true, OPS),
  row("StringNotLikeIfExists", "test:Key", "tmp-*", "tmp-1", false, OPS),
  row("StringLikeIfExists", "test:Key", "tmp-*", "tmp-1", true, OPS),
  row("StringEqualsIgnoreCaseIfExists", "test:Key", "ABC", undefined, true, OPS),
  row("StringNotEqualsIgnoreCaseIfExists", "test:Key", "ABC", "abc", false, OPS),
]);

table("numeric operators", [
  row("NumericLessThan", "aws:MultiFactorAuthAge", "3600", 1200, true, AWS.globalKeys),
  row("NumericLessThan", "aws:MultiFactorAuthAge", "3600", 7200, false, AWS.globalKeys),
  row("NumericLessThan", "aws:MultiFactorAuthAge", "3600", undefined, false, AWS.globalKeys),
  row("NumericLessThanEquals", "s3:max-keys", "10", "10", true, OPS),
  row("NumericLessThanEquals", "s3:max-keys", "10", "11", false, OPS),
  row("NumericEquals", "test:Key", "1.5", "1.50", true, OPS),
  row("NumericEquals", "test:Key", 10, 10, true, AWS.grammar), // unquoted numbers are equivalent
  row("NumericGreaterThanEquals", "test:Key", "-5", "-5.0", true, OPS),
  row("NumericGreaterThan", "aws:EpochTime", 1700000000, 1767225600, true, AWS.globalKeys),
  row("NumericNotEquals", "test:Key", ["1", "2"], "3", true, AWS.multiKeys),
  row("NumericNotEquals", "test:Key", ["1", "2"], "2", false, AWS.multiKeys),
  row("NumericNotEquals", "test:Key", "1", undefined, true, AWS.conditionElement),
  row("NumericLessThanIfExists", "test:Key", "5", undefined, true, OPS),
  row("NumericGreaterThanIfExists", "test:Key", "5", "4", false, OPS),
  row(
    "NumericEquals",
    "test:Key",
    "abc",
    "10",
    "unknown",
    "docs/evaluation-rules.md §5.4 Numeric (non-numeric operands: UNCONFIRMED, fail-safe)",
  ),
  row(
    "NumericEquals",
    "test:Key",
    "10",
    "ten",
    "unknown",
    "docs/evaluation-rules.md §5.4 Numeric (non-numeric operands: UNCONFIRMED, fail-safe)",
  ),
]);

table("date operators", [
  row(
    "DateGreaterThan",
    "aws:CurrentTime",
    "2020-04-01T00:00:00Z",
    "2020-06-30T12:00:00Z",
    true,
    OPS,
  ),
  row(
    "DateLessThan",
    "aws:CurrentTime",
    "2020-06-30T00:00:00Z",
    "2020-07-01T00:00:00Z",
    false,
    OPS,
  ),
  row("DateLessThan", "aws:CurrentTime", "2020-06-30T00:00:00Z", "2020-06-29T23:59:59Z", true, OPS),
  row(
    "DateEquals",
    "aws:CurrentTime",
    "2024-01-01",
    "2024-01-01T00:00:00Z",
    true,
    sim("DateEquals.test.ts", "should match if equal"),
  ),
  row("DateEquals", "aws:CurrentTime", "1704067200", "2024-01-01T00:00:00Z", true, OPS), // epoch seconds
  row(
    "DateEquals",
    "aws:CurrentTime",
    "2024-01-01T00:00:00.000Z",
    "2024-01-01T00:00:00Z",
    true,
    OPS,
  ),
  // +02:00 is 22:00Z the day before, so 23:00Z is later.
  row(
    "DateGreaterThan",
    "aws:CurrentTime",
    "2024-01-01T00:00:00+02:00",
    "2023-12-31T23:00:00Z",
    true,
    OPS,
  ),
  row("DateLessThanEquals", "aws:CurrentTime", "2024-02-29", "2024-02-29T00:00:00Z", true, OPS),
  row("DateGreaterThanEquals", "aws:CurrentTime", 1704067200, 1704067199, false, AWS.globalKeys),
  row(
    "DateEquals",
    "aws:CurrentTime",
    "2023-02-29",
    "2023-03-01T00:00:00Z",
    "unknown",
    `${OPS} (Date: W3C profiles of ISO 8601; 2023 has no 29 February)`,
  ),
  row(
    "DateEquals",
    "aws:CurrentTime",
    "2024-01-01",
    "not a date",
    "unknown",
    sim("DateEquals.test.ts", "should not match if test value is not a date"),
  ),
  row(
    "DateNotEquals",
    "aws:CurrentTime",
    ["2024-01-01", "2024-01-02"],
    "2024-01-02T00:00:00Z",
    false,
    AWS.multiKeys,
  ),
  row("DateNotEquals", "aws:TokenIssueTime", "2024-01-01", undefined, true, AWS.conditionElement),
  // aws:TokenIssueTime is absent for long-term credentials.
  row(
    "DateLessThan",
    "aws:TokenIssueTime",
    "2024-01-01T00:00:00Z",
    undefined,
    false,
    AWS.globalKeys,
  ),
  row("DateLessThanIfExists", "aws:TokenIssueTime", "2024-01-01T00:00:00Z", undefined, true, OPS),
  row(
    "DateGreaterThanIfExists",
    "aws:TokenIssueTime",
    "2024-01-01T00:00:00Z",
    "2023-12-31T00:00:00Z",
    false,
    OPS,
  ),
  // Other W3C profiles: year-month, and hours:minutes with an offset (10:00+01:00 is 09:00Z).
  row("DateEquals", "aws:CurrentTime", "2024-01", "2024-01-01T00:00:00Z", true, OPS),
  row(
    "DateGreaterThan",
    "aws:CurrentTime",
    "2024-01-01T10:00+01:00",
    "2024-01-01T09:30:00Z",
    true,
    OPS,
  ),
  row(
    "DateLessThan",
    "aws:CurrentTime",
    "2024-01-01T00:00:00.5Z",
    "2024-01-01T00:00:00Z",
    true,
    OPS,
  ),
]);

table("Bool and BinaryEquals", [
  row("Bool", "aws:SecureTransport", "false", false, true, AWS.examples),
  row("Bool", "aws:SecureTransport", "false", "true", false, AWS.examples),
  row("Bool", "aws:SecureTransport", true, "true", true, AWS.grammar),
  row("Bool", "aws:MultiFactorAuthPresent", "true", undefined, false, AWS.globalKeys),
  row("BoolIfExists", "aws:MultiFactorAuthPresent", "true", undefined, true, OPS),
  row("BoolIfExists", "aws:MultiFactorAuthPresent", "true", false, false, OPS),
  row(
    "BinaryEquals",
    "test:Key",
    "QmluYXJ5VmFsdWVJbkJhc2U2NA==",
    "QmluYXJ5VmFsdWVJbkJhc2U2NA==",
    true,
    OPS,
  ),
  row("BinaryEquals", "test:Key", "QmluYXJ5VmFsdWVJbkJhc2U2NA==", "T3RoZXJWYWx1ZQ==", false, OPS),
  row("BinaryEqualsIfExists", "test:Key", "QmluYXJ5VmFsdWVJbkJhc2U2NA==", undefined, true, OPS),
]);

const V6 = "2001:0db8:85a3:0000:0000:8a2e:0370:7334";
const IPV6 =
  "AWS S3 User Guide: Making requests to Amazon S3 over IPv6 (IP-filtering policies need IPv6 ranges)";
table("IP address operators", [
  row("IpAddress", "aws:SourceIp", "203.0.113.0/24", "203.0.113.255", true, OPS),
  row("IpAddress", "aws:SourceIp", "203.0.113.0/24", "203.0.112.255", false, OPS),
  row(
    "IpAddress",
    "aws:SourceIp",
    "192.168.0.0/16",
    "192.168.10.10",
    true,
    sim("IpAddress.test.ts", "V4: should be true if the IP address is within the CIDR block"),
  ),
  row(
    "IpAddress",
    "aws:SourceIp",
    "192.168.0.0/16",
    "192.169.0.1",
    false,
    sim("IpAddress.test.ts", "V4: should be false if the IP address is not within the CIDR block"),
  ),
  row("IpAddress", "aws:SourceIp", "0.0.0.0/0", "8.8.8.8", true, OPS),
  row(
    "IpAddress",
    "aws:SourceIp",
    "192.168.10.10/32",
    V6,
    false,
    sim("IpAddress.test.ts", "should be false if policy is V4 and the key value is V6"),
  ),
  row(
    "IpAddress",
    "aws:SourceIp",
    `${V6}/128`,
    "192.168.10.10",
    false,
    sim("IpAddress.test.ts", "should be false if policy is V6 and the key value is V4"),
  ),
  row(
    "IpAddress",
    "aws:SourceIp",
    "2001:0db8::/32",
    "2001:0db8:85a3::8a2e:0370:7334",
    true,
    sim("IpAddress.test.ts", "V6: should be true if the IP address is within the CIDR block"),
  ),
  row(
    "IpAddress",
    "aws:SourceIp",
    "2001:0db8::/32",
    "2001:0db9:7335::8a2e:0370:85a3",
    false,
    sim("IpAddress.test.ts", "V6: should be false if the IP address is not within the CIDR block"),
  ),
  row(
    "IpAddress",
    "aws:SourceIp",
    ["2001:0db8::/32", "192.168.0.0/16"],
    "2001:db8:85a3::1",
    true,
    sim(
      "IpAddress.test.ts",
      "V4/V6: should be true if V4 and V6 CIDR blocks are in the policy values",
    ),
  ),
  row("IpAddress", "aws:SourceIp", "2001:DB8::1/128", "2001:db8:0:0:0:0:0:1", true, OPS), // hex case, :: compression
  row(
    "IpAddress",
    "aws:SourceIp",
    "192.168.10.10/32",
    "abcdeft",
    "unknown",
    sim("IpAddress.test.ts", "should be false if the key value is not a valid IP address"),
  ),
  row(
    "IpAddress",
    "aws:SourceIp",
    "123456789012",
    "10.10.72.13",
    "unknown",
    sim("IpAddress.test.ts", "V4: should be false if the policy value is not a valid CIDR block"),
  ),
  row("IpAddress", "aws:SourceIp", "203.0.113.0/24", undefined, false, AWS.globalKeys),
  row(
    "NotIpAddress",
    "aws:SourceIp",
    ["192.0.2.0/24", "203.0.113.0/24"],
    "203.0.113.5",
    false,
    AWS.examples,
  ),
  row(
    "NotIpAddress",
    "aws:SourceIp",
    ["192.0.2.0/24", "203.0.113.0/24"],
    "198.51.100.1",
    true,
    AWS.examples,
  ),
  // Requests through a VPC endpoint have no aws:SourceIp: a Deny with NotIpAddress still applies.
  row(
    "NotIpAddress",
    "aws:SourceIp",
    ["192.0.2.0/24", "203.0.113.0/24"],
    undefined,
    true,
    AWS.globalKeys,
  ),
  // An IPv4-only NotIpAddress is true for every IPv6 caller: IP-filtering policies must add IPv6 ranges.
  row("NotIpAddress", "aws:SourceIp", "10.0.0.1", "2001:db8::5", true, IPV6),
  row("NotIpAddress", "aws:SourceIp", "10.0.0.0/8", "2001:db8::5", true, IPV6),
  row("IpAddressIfExists", "aws:SourceIp", "192.0.2.0/24", undefined, true, OPS),
  row("NotIpAddressIfExists", "aws:SourceIp", "192.0.2.0/24", "192.0.2.7", false, OPS),
]);

const INSTANCE = "arn:aws:ec2:us-east-1:123456789012:instance/i-12345";
table("ARN operators", [
  row(
    "ArnEquals",
    "aws:SourceArn",
    "arn:aws:sns:us-east-1:123456789012:my-topic",
    "arn:aws:sns:us-east-1:123456789012:my-topic",
    true,
    OPS,
  ),
  row(
    "ArnLike",
    "aws:SourceArn",
    "arn:aws:s3:::amzn-s3-demo-bucket",
    "arn:aws:s3:::amzn-s3-demo-bucket",
    true,
    sim("ArnLike.test.ts", "should return true if a match with no region or account id"),
  ),
  row(
    "ArnLike",
    "aws:SourceArn",
    "arn:???:*:*:*:*",
    INSTANCE,
    true,
    sim("ArnLike.test.ts", "should match wildcards in every segment"),
  ),
  row(
    "ArnLike",
    "aws:SourceArn",
    INSTANCE,
    "arn:aws:ec2:us-east-1:123456789012:INSTANCE/I-12345",
    false,
    sim("ArnLike.test.ts", "is case sensitive"),
  ),
  row(
    "ArnLike",
    "aws:SourceArn",
    INSTANCE,
    "arn:::bucket-name",
    false,
    sim("ArnLike.test.ts", "should return false if not a valid request arn"),
  ),
  row(
    "ArnLike",
    "aws:PrincipalArn",
    "arn:aws:iam::*:role/Admin*",
    "arn:aws:iam::111122223333:role/AdminTeam",
    true,
    OPS,
  ),
  row(
    "ArnLike",
    "aws:PrincipalArn",
    "arn:aws:iam::111122223333:role/*",
    "arn:aws:iam::444455556666:role/x",
    false,
    OPS,
  ),
  row(
    "ArnLike",
    "aws:SourceArn",
    "arn:aws:ec2:us-east-1:*:instance/*",
    "arn:aws:ec2:us-east-1::instance/i-1",
    true,
    OPS,
  ), // * matches an empty field
  // A wildcard in the region field does not swallow the account field's colon.
  row(
    "ArnLike",
    "aws:SourceArn",
    "arn:aws:sqs:*:queue",
    "arn:aws:sqs:us-east-1:111122223333:queue",
    false,
    OPS,
  ),
  row(
    "ArnNotLike",
    "aws:PrincipalArn",
    ["arn:aws:iam::111122223333:role/Admin", "arn:aws:iam::111122223333:role/Ops"],
    "arn:aws:iam::111122223333:role/Ops",
    false,
    AWS.multiKeys,
  ),
  row(
    "ArnNotLike",
    "aws:PrincipalArn",
    ["arn:aws:iam::111122223333:role/Admin", "arn:aws:iam::111122223333:role/Ops"],
    "arn:aws:iam::111122223333:role/Dev",
    true,
    AWS.multiKeys,
  ),
  row("ArnNotLike", "aws:SourceArn", "arn:aws:s3:::bucket", undefined, true, AWS.conditionElement),
  row("ArnNotEquals", "aws:SourceArn", "arn:aws:s3:::bucket", "arn:aws:s3:::bucket", false, OPS),
  row("ArnLikeIfExists", "aws:SourceArn", "arn:aws:s3:::bucket", undefined, true, OPS),
  row(
    "ArnNotEqualsIfExists",
    "aws:SourceArn",
    "arn:aws:s3:::bucket",
    "arn:aws:s3:::bucket",
    false,
    OPS,
  ),
]);

table("Null", [
  row("Null", "aws:TokenIssueTime", "true", undefined, true, OPS),
  row("Null", "aws:TokenIssueTime", "true", "2024-01-01T00:00:00Z", false, OPS),
  row("Null", "aws:TokenIssueTime", "false", "2024-01-01T00:00:00Z", true, OPS),
  row("Null", "aws:TokenIssueTime", false, undefined, false, OPS),
  row("Null", "aws:TagKeys", "false", ["environment"], true, AWS.multiExamples),
  row(
    "Null",
    "aws:TagKeys",
    "true",
    ["environment"],
    false,
    sim("condition.test.ts", "Null checks"),
  ),
]);

const TAGS = ["environment", "cost-center"];
table("set operators (ForAllValues / ForAnyValue)", [
  row("ForAllValues:StringEquals", "aws:TagKeys", TAGS, ["environment"], true, AWS.multiExamples),
  row(
    "ForAllValues:StringEquals",
    "aws:TagKeys",
    TAGS,
    ["environment", "cost-center"],
    true,
    AWS.multiExamples,
  ),
  row(
    "ForAllValues:StringEquals",
    "aws:TagKeys",
    TAGS,
    ["environment", "owner"],
    false,
    AWS.multiExamples,
  ),
  row("ForAllValues:StringEquals", "aws:TagKeys", TAGS, undefined, true, AWS.singleVsMulti), // missing key: true
  row("ForAllValues:StringEquals", "aws:TagKeys", TAGS, [], true, AWS.singleVsMulti), // empty set: true
  row(
    "ForAllValues:StringEquals",
    "aws:CalledVia",
    ["A", "B"],
    ["Z", "X"],
    false,
    sim("condition.test.ts", "ForAllValues: should return no match if none of the values match"),
  ),
  row(
    "ForAllValues:StringEquals",
    "aws:PrincipalOrgID",
    ["o-abcdefg", "o-zyxwvu"],
    "o-12345",
    false,
    sim("condition.test.ts", "ForAllValues: should return no match if the value is not an array"),
  ),
  row(
    "ForAllValues:StringEqualsIgnoreCase",
    "aws:TagKeys",
    ["Environment"],
    ["ENVIRONMENT"],
    true,
    OPS,
  ),
  row(
    "ForAllValues:StringLike",
    "aws:TagKeys",
    ["key1*", "key2*"],
    ["key1a", "key2b"],
    true,
    AWS.multiExamples,
  ),
  row(
    "ForAllValues:StringLike",
    "aws:TagKeys",
    ["key1*", "key2*"],
    ["key1a", "key3"],
    false,
    AWS.multiExamples,
  ),
  row(
    "ForAnyValue:StringEquals",
    "aws:TagKeys",
    TAGS,
    ["owner", "environment"],
    true,
    AWS.multiExamples,
  ),
  row("ForAnyValue:StringEquals", "aws:TagKeys", TAGS, ["owner"], false, AWS.multiExamples),
  row("ForAnyValue:StringEquals", "aws:TagKeys", TAGS, undefined, false, AWS.singleVsMulti), // missing key: false
  row("ForAnyValue:StringEquals", "aws:TagKeys", TAGS, [], false, AWS.singleVsMulti),
  row(
    "ForAnyValue:StringEquals",
    "aws:CalledVia",
    ["A", "B"],
    ["B", "A"],
    true,
    sim("condition.test.ts", "ForAnyValue: should return Match if all of the values match"),
  ),
  row("ForAnyValue:StringEquals", "aws:CalledVia", ["a"], ["A"], false, AWS.singleVsMulti), // case-sensitive
  row(
    "ForAnyValue:StringLike",
    "aws:PrincipalOrgPaths",
    "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*",
    ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/"],
    true,
    AWS.globalKeys,
  ),
  row(
    "ForAnyValue:StringLike",
    "aws:PrincipalOrgPaths",
    "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*",
    ["o-a1b2c3d4e5/r-ab12/ou-ab12-33333333/"],
    false,
    AWS.globalKeys,
  ),
  // Negated set forms: ForAllValues:…Not… = no request value matches; ForAnyValue:…Not… = some value matches none.
  row(
    "ForAllValues:StringNotEquals",
    "aws:TagKeys",
    ["secret"],
    ["a", "b"],
    true,
    AWS.singleVsMulti,
  ),
  row(
    "ForAllValues:StringNotEquals",
    "aws:TagKeys",
    ["secret"],
    ["a", "secret"],
    false,
    AWS.singleVsMulti,
  ),
  row("ForAllValues:StringNotLike", "aws:TagKeys", ["tmp*"], [], true, AWS.singleVsMulti),
  row("ForAllValues:StringNotLike", "aws:TagKeys", ["tmp*"], undefined, true, AWS.multiExamples),
  row("ForAnyValue:StringNotLike", "aws:TagKeys", ["tmp*"], ["tmpA", "x"], true, AWS.singleVsMulti),
  row("ForAnyValue:StringNotLike", "aws:TagKeys", ["tmp*"], ["tmpA"], false, AWS.singleVsMulti),
  row("ForAnyValue:StringNotEquals", "aws:TagKeys", ["tmp"], undefined, false, AWS.singleVsMulti),
  row(
    "ForAllValues:ArnLike",
    "test:Arns",
    ["arn:aws:cloudfront::*:distribution/*"],
    [
      "arn:aws:cloudfront::111122223333:distribution/costcenter",
      "arn:aws:cloudfront::111122223333:distribution/admin",
    ],
    true,
    AWS.multiExamples,
  ),
  row(
    "ForAnyValue:ArnLike",
    "test:Arns",
    ["arn:aws:cloudfront::*:distribution/*"],
    ["arn:aws:s3:::b", "arn:aws:cloudfront::111122223333:distribution/admin"],
    true,
    AWS.multiExamples,
  ),
  row(
    "ForAllValues:ArnNotLike",
    "test:Arns",
    ["arn:aws:s3:::secret*"],
    ["arn:aws:s3:::public", "arn:aws:s3:::secret-1"],
    false,
    AWS.singleVsMulti,
  ),
  row("ForAnyValue:NumericGreaterThan", "test:Numbers", "10", [1, 20], true, OPS),
  row("ForAllValues:NumericGreaterThan", "test:Numbers", "10", [1, 20], false, OPS),
  row("ForAllValues:StringEqualsIfExists", "aws:TagKeys", TAGS, undefined, true, OPS),
  row("ForAnyValue:StringEqualsIfExists", "aws:TagKeys", TAGS, ["owner"], false, OPS),
  // A plain operator on a request with several values is undocumented (docs/evaluation-rules.md §5.6).
  row(
    "StringEquals",
    "aws:CalledVia",
    "test",
    ["test", "test2"],
    "unknown",
    sim(
      "condition.test.ts",
      "should return NoMatch if the operation is single value but the key is an array",
    ),
  ),
]);

describe("condition blocks (AND across operators and keys, OR across values)", () => {
  const cases: {
    name: string;
    condition: JsonValue;
    context: Record<string, ContextValue>;
    applies: boolean;
    source: string;
  }[] = [
    {
      name: "two keys under one operator must both match",
      condition: {
        StringEquals: { "aws:PrincipalTag/team": "red", "aws:ResourceTag/team": "red" },
      },
      context: { "aws:PrincipalTag/team": "red", "aws:ResourceTag/team": "blue" },
      applies: false,
      source: AWS.multiKeys,
    },
    {
      name: "two operators must both hold",
      condition: {
        IpAddress: { "aws:SourceIp": "203.0.113.0/24" },
        Bool: { "aws:SecureTransport": "true" },
      },
      context: { "aws:SourceIp": "203.0.113.9", "aws:SecureTransport": true },
      applies: true,
      source: AWS.multiKeys,
    },
    {
      name: "ForAllValues with a Null guard is false when the key is missing",
      condition: {
        "ForAllValues:StringEquals": { "aws:TagKeys": TAGS },
        Null: { "aws:TagKeys": "false" },
      },
      context: {},
      applies: false,
      source: AWS.singleVsMulti,
    },
    {
      name: "ForAllValues with a Null guard holds for allowed tag keys",
      condition: {
        "ForAllValues:StringEquals": { "aws:TagKeys": TAGS },
        Null: { "aws:TagKeys": "false" },
      },
      context: { "aws:TagKeys": ["environment"] },
      applies: true,
      source: AWS.singleVsMulti,
    },
    {
      name: "a variable in one key's value is resolved from another key",
      condition: { StringEquals: { "aws:ResourceTag/owner": "${aws:PrincipalTag/owner}" } },
      context: { "aws:ResourceTag/owner": "alice", "aws:PrincipalTag/owner": "alice" },
      applies: true,
      source: AWS.variables,
    },
    {
      name: "condition key names are case-insensitive",
      condition: { IpAddress: { "AWS:SOURCEIP": "203.0.113.0/24" } },
      context: { "aws:SourceIp": "203.0.113.1" },
      applies: true,
      source: AWS.conditionElement,
    },
    {
      name: "an empty Condition block does not restrict the statement",
      condition: {},
      context: {},
      applies: true,
      source: "AWS UG: Access Analyzer policy check reference (empty object in Condition)",
    },
  ];
  it.each(cases.map((c) => [c.name, c]))("%s", (_name, c) => {
    const extra = { Condition: c.condition };
    const asAllow = decide({
      action: "s3:GetObject",
      context: c.context,
      policies: { identity: [policy(allow(extra))] },
    });
    const asDeny = decide({
      action: "s3:GetObject",
      context: c.context,
      policies: { identity: [policy(allow(), deny(extra))] },
    });
    expect({ asAllow, asDeny }, c.source).toEqual(
      c.applies
        ? { asAllow: "Allowed", asDeny: "ExplicitlyDenied" }
        : { asAllow: "ImplicitlyDenied", asDeny: "Allowed" },
    );
  });
});
