import { describe, expect, it } from "vitest";
import { fillArnTemplate } from "./request-form.js";

describe("resource suggestions", () => {
  it("fill partition, region and the principal's account into an ARN format", () => {
    expect(
      fillArnTemplate(
        "arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}",
        "arn:aws:iam::444455556666:role/Builder",
      ),
    ).toBe("arn:aws:ec2:us-east-1:444455556666:instance/${InstanceId}");
  });

  it("use an example account when the principal has none", () => {
    expect(fillArnTemplate("arn:${Partition}:s3:::${BucketName}", "")).toBe(
      "arn:aws:s3:::${BucketName}",
    );
    expect(
      fillArnTemplate(
        "arn:${Partition}:sqs:${Region}:${Account}:${QueueName}",
        "ec2.amazonaws.com",
      ),
    ).toBe("arn:aws:sqs:us-east-1:111122223333:${QueueName}");
  });
});
