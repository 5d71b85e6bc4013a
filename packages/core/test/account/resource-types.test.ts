// `can --resource`: whether an ARN is of a resource type, by the type's ARN format.
import { describe, expect, it } from "vitest";
import { arnFitsFormat } from "../../src/account/resource-types.js";

const BUCKET = "arn:${Partition}:s3:::${BucketName}";
const OBJECT = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
const ROLE = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}";
const STREAM =
  "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}";
const IMAGE = "arn:${Partition}:ec2:${Region}::image/${ImageId}";
const APIGW =
  "arn:${Partition}:apigateway:${Region}::/restapis/${RestApiId}, arn:${Partition}:apigateway:${Region}::/apis/${ApiId}";

describe("arnFitsFormat", () => {
  it("tells a bucket from an object: a lone variable takes no / or :", () => {
    expect(arnFitsFormat("arn:aws:s3:::data", BUCKET)).toBe(true);
    expect(arnFitsFormat("arn:aws:s3:::data/report.csv", BUCKET)).toBe(false);
    expect(arnFitsFormat("arn:aws:s3:::data/report.csv", OBJECT)).toBe(true);
    expect(arnFitsFormat("arn:aws:s3:::data/2026/q1/report.csv", OBJECT)).toBe(true);
    expect(arnFitsFormat("arn:aws:s3:::data", OBJECT)).toBe(false);
  });

  it("lets a variable among literal text span / and : (paths, log streams)", () => {
    expect(arnFitsFormat("arn:aws:iam::111122223333:role/service/worker", ROLE)).toBe(true);
    expect(arnFitsFormat("arn:aws:iam::111122223333:user/alice", ROLE)).toBe(false);
    expect(
      arnFitsFormat("arn:aws:logs:us-east-1:111122223333:log-group:/app/a:log-stream:x/1", STREAM),
    ).toBe(true);
  });

  it("matches each field: the service, an empty account, a variable needing a value", () => {
    expect(arnFitsFormat("arn:aws:ec2:us-east-1::image/ami-0abc", IMAGE)).toBe(true);
    expect(arnFitsFormat("arn:aws:ec2:us-east-1:111122223333:image/ami-0abc", IMAGE)).toBe(false);
    expect(arnFitsFormat("arn:aws:ec2:::image/ami-0abc", IMAGE)).toBe(false);
    expect(arnFitsFormat("arn:aws:s4:::data", BUCKET)).toBe(false);
    expect(arnFitsFormat("arn:aws-cn:s3:::data", BUCKET)).toBe(true);
  });

  it("reads formats that join several ARNs, literal text in any case, and no ARN at all", () => {
    expect(arnFitsFormat("arn:aws:apigateway:us-east-1::/apis/abc", APIGW)).toBe(true);
    expect(arnFitsFormat("arn:aws:apigateway:us-east-1::/restapis/abc", APIGW)).toBe(true);
    expect(arnFitsFormat("arn:aws:apigateway:us-east-1::/domainnames/x", APIGW)).toBe(false);
    expect(arnFitsFormat("arn:aws:iam::111122223333:ROLE/x", ROLE)).toBe(true);
    expect(arnFitsFormat("data", BUCKET)).toBe(false);
    expect(arnFitsFormat("arn:aws:s3:::data", "*")).toBe(false);
  });
});

describe("arnFitsFormat on hostile ARNs", () => {
  it("answers a 1 MB ARN against formats with many variables (linear globs, no backtracking)", () => {
    const many = "arn:${Partition}:s3:::${A}/${B}/${C}/${D}/${E}/${F}x";
    const long = `arn:aws:s3:::${"a/".repeat(500_000)}`;
    expect(arnFitsFormat(long, many)).toBe(false);
    expect(arnFitsFormat(`${long}x`, many)).toBe(true);
    expect(arnFitsFormat(long, OBJECT)).toBe(true);
    expect(arnFitsFormat(`arn:${":".repeat(500_000)}`, OBJECT)).toBe(false);
  });
});
