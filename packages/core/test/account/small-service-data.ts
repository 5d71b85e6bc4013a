// A few services of the IAM service data, with their resource types' ARN formats, for the `can`
// tests: every answer can be listed.
import type { CompactServiceData } from "../../src/index.js";

export const smallServiceData: CompactServiceData = {
  format: 1,
  updatedAt: "2026-09-26",
  accessLevels: ["List", "Read", "Write", "Permissions management", "Tagging"],
  services: [
    [
      "s3",
      "Amazon S3",
      [],
      [
        ["bucket", "arn:${Partition}:s3:::${BucketName}", []],
        ["object", "arn:${Partition}:s3:::${BucketName}/${ObjectName}", []],
      ],
      [
        ["GetObject", 1, [[1, 1, []]], []],
        ["PutObject", 2, [[1, 1, []]], []],
        ["ListBucket", 0, [[0, 1, []]], []],
        ["ListAllMyBuckets", 0, [], []],
        ["PutBucketPolicy", 3, [[0, 1, []]], []],
      ],
    ],
    [
      "ec2",
      "Amazon EC2",
      [],
      [["instance", "arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}", []]],
      [
        ["DescribeInstances", 0, [], []],
        ["RunInstances", 2, [[0, 1, []]], []],
        ["TerminateInstances", 2, [[0, 1, []]], []],
        ["CreateTags", 4, [[0, 0, []]], []],
      ],
    ],
    [
      "cloudformation",
      "AWS CloudFormation",
      [],
      [
        [
          "stack",
          "arn:${Partition}:cloudformation:${Region}:${Account}:stack/${StackName}/${Id}",
          [],
        ],
      ],
      [
        ["DescribeStacks", 0, [[0, 0, []]], []],
        ["CreateStack", 2, [[0, 1, []]], []],
      ],
    ],
    [
      "sts",
      "AWS Security Token Service",
      [],
      [["role", "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}", []]],
      [
        ["AssumeRole", 2, [[0, 1, []]], []],
        ["GetCallerIdentity", 1, [], []],
      ],
    ],
    [
      "sns",
      "Amazon SNS",
      [],
      [["topic", "arn:${Partition}:sns:${Region}:${Account}:${TopicName}", []]],
      [["Publish", 2, [[0, 1, []]], []]],
    ],
  ],
};
