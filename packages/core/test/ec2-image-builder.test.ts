// A table of requests over the seed policy EC2ImageBuilderExecutionPolicy (docs/architecture.md), touching every
// statement: allowed with its conditions met; denied when a condition key is missing or wrong; action
// and resource case rules; ${aws:PrincipalAccount}; ForAllValues with missing and empty keys; Bool with
// JSON true and "true". Expectations come from the IAM rules (docs/evaluation-rules.md sections in comments).
import { describe, expect, it } from "vitest";
import { compile, evaluate } from "../src/evaluation/index.js";
import { parsePolicy } from "../src/policy/index.js";
import type { ContextValue, EvaluationResult } from "../src/types.js";
import { EC2_IMAGE_BUILDER_TEXT } from "./helpers.js";

const A = "111122223333";
const R = "us-east-1";
const PRINCIPAL = `arn:aws:iam::${A}:role/ImageBuilderRole`;
const ec2 = (type: string, id: string, account = A) => `arn:aws:ec2:${R}:${account}:${type}/${id}`;
const ec2NoAccount = (type: string, id: string) => `arn:aws:ec2:${R}::${type}/${id}`;
const CREATED = { "aws:RequestTag/CreatedBy": "EC2 Image Builder" };
const FAST = { "aws:RequestTag/CreatedBy": "EC2 Fast Launch" };
const RTAG = { "aws:ResourceTag/CreatedBy": "EC2 Image Builder" };
const VIA = { "kms:ViaService": `ec2.${R}.amazonaws.com` };

type Row = [
  what: string,
  action: string,
  resource: string,
  context: Record<string, ContextValue>,
  sid: string | null,
];

// sid = the statement expected to allow, or null for ImplicitlyDenied.
const rows: Row[] = [
  // 0 RunInstancesPermissions
  [
    "RunInstances on an AMI (no account field)",
    "ec2:RunInstances",
    ec2NoAccount("image", "ami-1"),
    {},
    "RunInstancesPermissions",
  ],
  [
    "RunInstances on a snapshot",
    "ec2:RunInstances",
    ec2NoAccount("snapshot", "snap-1"),
    {},
    "RunInstancesPermissions",
  ],
  [
    "RunInstances on a subnet",
    "ec2:RunInstances",
    ec2("subnet", "subnet-1"),
    {},
    "RunInstancesPermissions",
  ],
  [
    "RunInstances on a security group",
    "ec2:RunInstances",
    ec2("security-group", "sg-1"),
    {},
    "RunInstancesPermissions",
  ],
  [
    "RunInstances on a key pair",
    "ec2:RunInstances",
    ec2("key-pair", "kp"),
    {},
    "RunInstancesPermissions",
  ],
  [
    "RunInstances on a network interface",
    "ec2:RunInstances",
    ec2("network-interface", "eni-1"),
    {},
    "RunInstancesPermissions",
  ],
  [
    "RunInstances on a launch template",
    "ec2:RunInstances",
    ec2("launch-template", "lt-1"),
    {},
    "RunInstancesPermissions",
  ],
  [
    "RunInstances on a license configuration (colon-separated resource)",
    "ec2:RunInstances",
    `arn:aws:license-manager:${R}:${A}:license-configuration:lic-1`,
    {},
    "RunInstancesPermissions",
  ],
  [
    "RunInstances on an AMI with an account field: image/* requires an empty account (docs/evaluation-rules.md §3.2)",
    "ec2:RunInstances",
    ec2("image", "ami-1"),
    {},
    null,
  ],
  [
    "action names are case-insensitive (docs/evaluation-rules.md §2)",
    "EC2:runinstances",
    ec2NoAccount("image", "ami-1"),
    {},
    "RunInstancesPermissions",
  ],
  [
    "resource type is case-sensitive (docs/evaluation-rules.md §3.2)",
    "ec2:RunInstances",
    ec2NoAccount("Image", "ami-1"),
    {},
    null,
  ],
  // 1 RunInstancesWithEC2ImageBuilderRequestTagsPermissions
  [
    "RunInstances on an instance tagged by Image Builder",
    "ec2:RunInstances",
    ec2("instance", "i-1"),
    CREATED,
    "RunInstancesWithEC2ImageBuilderRequestTagsPermissions",
  ],
  [
    "RunInstances on a volume tagged by Fast Launch",
    "ec2:RunInstances",
    ec2("volume", "vol-1"),
    FAST,
    "RunInstancesWithEC2ImageBuilderRequestTagsPermissions",
  ],
  [
    "RunInstances on an instance without the request tag (docs/evaluation-rules.md §5.3)",
    "ec2:RunInstances",
    ec2("instance", "i-1"),
    {},
    null,
  ],
  [
    "RunInstances on an instance with another tag value",
    "ec2:RunInstances",
    ec2("instance", "i-1"),
    { "aws:RequestTag/CreatedBy": "me" },
    null,
  ],
  [
    "tag values are case-sensitive (docs/evaluation-rules.md §5.2)",
    "ec2:RunInstances",
    ec2("instance", "i-1"),
    { "aws:RequestTag/CreatedBy": "ec2 image builder" },
    null,
  ],
  [
    "tag keys are case-insensitive (docs/evaluation-rules.md §5.2)",
    "ec2:RunInstances",
    ec2("instance", "i-1"),
    { "aws:requesttag/createdby": "EC2 Image Builder" },
    "RunInstancesWithEC2ImageBuilderRequestTagsPermissions",
  ],
  // 2 IAMPassRolePermissions
  [
    "PassRole to EC2",
    "iam:PassRole",
    `arn:aws:iam::${A}:role/Instance`,
    { "iam:PassedToService": "ec2.amazonaws.com" },
    "IAMPassRolePermissions",
  ],
  [
    "PassRole to VM Import",
    "iam:PassRole",
    `arn:aws:iam::${A}:role/Instance`,
    { "iam:PassedToService": "vmie.amazonaws.com" },
    "IAMPassRolePermissions",
  ],
  [
    "PassRole to Lambda",
    "iam:PassRole",
    `arn:aws:iam::${A}:role/Instance`,
    { "iam:PassedToService": "lambda.amazonaws.com" },
    null,
  ],
  [
    "PassRole without iam:PassedToService",
    "iam:PassRole",
    `arn:aws:iam::${A}:role/Instance`,
    {},
    null,
  ],
  // 3 EC2InstanceStateChangePermissions
  [
    "StopInstances on an Image Builder instance",
    "ec2:StopInstances",
    ec2("instance", "i-1"),
    RTAG,
    "EC2InstanceStateChangePermissions",
  ],
  [
    "TerminateInstances on an untagged instance",
    "ec2:TerminateInstances",
    ec2("instance", "i-1"),
    {},
    null,
  ],
  [
    "StartInstances on an instance tagged by someone else",
    "ec2:StartInstances",
    ec2("instance", "i-1"),
    { "aws:ResourceTag/CreatedBy": "someone" },
    null,
  ],
  // 4 EC2ReadOnlyPermissions
  ["DescribeImages", "ec2:DescribeImages", "*", {}, "EC2ReadOnlyPermissions"],
  [
    "DescribeInstanceTypeOfferings",
    "ec2:DescribeInstanceTypeOfferings",
    "*",
    {},
    "EC2ReadOnlyPermissions",
  ],
  ["DescribeVpcs is not granted", "ec2:DescribeVpcs", "*", {}, null],
  // 5 EC2CopyPermissions
  ["CopyImage", "ec2:CopyImage", ec2NoAccount("image", "ami-1"), {}, "EC2CopyPermissions"],
  // 6, 7 CreateImage
  [
    "CreateImage of a tagged image",
    "ec2:CreateImage",
    ec2NoAccount("image", "ami-1"),
    CREATED,
    "EC2CreateImagePermissionsForImage",
  ],
  [
    "CreateImage of an untagged image",
    "ec2:CreateImage",
    ec2NoAccount("snapshot", "snap-1"),
    {},
    null,
  ],
  [
    "CreateImage from an Image Builder instance",
    "ec2:CreateImage",
    ec2("instance", "i-1"),
    RTAG,
    "EC2CreateImagePermissionsForInstance",
  ],
  [
    "CreateImage from an instance with only a request tag",
    "ec2:CreateImage",
    ec2("instance", "i-1"),
    CREATED,
    null,
  ],
  // 8 EC2DeregisterImagePermissions
  [
    "DeregisterImage of an Image Builder AMI",
    "ec2:DeregisterImage",
    ec2NoAccount("image", "ami-1"),
    RTAG,
    "EC2DeregisterImagePermissions",
  ],
  [
    "DeregisterImage of another AMI",
    "ec2:DeregisterImage",
    ec2NoAccount("image", "ami-1"),
    {},
    null,
  ],
  // 9, 10 RegisterImage
  [
    "RegisterImage with the request tag",
    "ec2:RegisterImage",
    ec2NoAccount("image", "ami-1"),
    CREATED,
    "EC2RegisterImagePermissionsForImage",
  ],
  [
    "RegisterImage from an Image Builder snapshot",
    "ec2:RegisterImage",
    ec2NoAccount("snapshot", "snap-1"),
    RTAG,
    "EC2RegisterImagePermissionsForSnapshot",
  ],
  [
    "RegisterImage of a snapshot with only a request tag",
    "ec2:RegisterImage",
    ec2NoAccount("snapshot", "snap-1"),
    CREATED,
    null,
  ],
  // 11 EC2ModifyImageAttributePermissions
  [
    "ModifyImageAttribute of an Image Builder AMI",
    "ec2:ModifyImageAttribute",
    ec2NoAccount("image", "ami-1"),
    RTAG,
    "EC2ModifyImageAttributePermissions",
  ],
  [
    "ModifyImageAttribute of another AMI",
    "ec2:ModifyImageAttribute",
    ec2NoAccount("image", "ami-1"),
    {},
    null,
  ],
  // 12 EC2SnapshotAttributeModificationPermissions
  [
    "ModifySnapshotAttribute of an Image Builder snapshot",
    "ec2:ModifySnapshotAttribute",
    ec2NoAccount("snapshot", "snap-1"),
    RTAG,
    "EC2SnapshotAttributeModificationPermissions",
  ],
  // 13 CreateTagsOnCreatePermissions (two keys under one operator: AND, docs/evaluation-rules.md §5.1)
  [
    "CreateTags on create with both keys",
    "ec2:CreateTags",
    ec2("volume", "vol-1"),
    { ...CREATED, "ec2:CreateAction": "RunInstances" },
    "CreateTagsOnCreatePermissions",
  ],
  [
    "CreateTags on create without ec2:CreateAction",
    "ec2:CreateTags",
    ec2("volume", "vol-1"),
    CREATED,
    null,
  ],
  [
    "CreateTags on create with another create action",
    "ec2:CreateTags",
    ec2("volume", "vol-1"),
    { ...CREATED, "ec2:CreateAction": "CreateVolume" },
    null,
  ],
  // 14 CreateCustomerTagsPermissions
  [
    "CreateTags on an AMI needs no condition",
    "ec2:CreateTags",
    ec2NoAccount("image", "ami-1"),
    {},
    "CreateCustomerTagsPermissions",
  ],
  [
    "CreateTags on an export task",
    "ec2:CreateTags",
    ec2("export-image-task", "t-1"),
    {},
    "CreateCustomerTagsPermissions",
  ],
  // 15 CreateEC2ImageBuilderTagsPermissions
  [
    "CreateTags on a launch template with the request tag",
    "ec2:CreateTags",
    ec2("launch-template", "lt-1"),
    FAST,
    "CreateEC2ImageBuilderTagsPermissions",
  ],
  [
    "CreateTags on a snapshot without the request tag",
    "ec2:CreateTags",
    ec2NoAccount("snapshot", "snap-1"),
    {},
    null,
  ],
  // 16 UpdateCustomerLicensePermissions
  [
    "UpdateLicenseSpecificationsForResource",
    "license-manager:UpdateLicenseSpecificationsForResource",
    `arn:aws:license-manager:${R}:${A}:license-configuration:lic-1`,
    {},
    "UpdateCustomerLicensePermissions",
  ],
  // 17 PublishNotificationToCustomerSNSPermissions: ${aws:PrincipalAccount} (docs/evaluation-rules.md §6) vs derived aws:ResourceAccount
  [
    "Publish to a topic in the caller's account",
    "sns:Publish",
    `arn:aws:sns:${R}:${A}:topic`,
    {},
    "PublishNotificationToCustomerSNSPermissions",
  ],
  [
    "Publish to a topic in another account",
    "sns:Publish",
    `arn:aws:sns:${R}:444455556666:topic`,
    {},
    null,
  ],
  [
    "Publish when aws:ResourceAccount is given and differs",
    "sns:Publish",
    `arn:aws:sns:${R}:${A}:topic`,
    { "aws:ResourceAccount": "444455556666" },
    null,
  ],
  // 18-20 Systems Manager
  ["GetCommandInvocation", "ssm:GetCommandInvocation", "*", {}, "SystemsManagerPermissions"],
  [
    "DescribeAssociationExecutions",
    "ssm:DescribeAssociationExecutions",
    `arn:aws:ssm:${R}:${A}:association/a-1`,
    {},
    "SystemsManagerPermissionsForAssociation",
  ],
  [
    "DescribeInstanceAssociationsStatus",
    "ssm:DescribeInstanceAssociationsStatus",
    ec2("instance", "i-1"),
    {},
    "SystemsManagerPermissionsForInstance",
  ],
  // 21, 22 SendCommand
  [
    "SendCommand with AWS-RunShellScript",
    "ssm:SendCommand",
    `arn:aws:ssm:${R}:${A}:document/AWS-RunShellScript`,
    {},
    "SendCommandDocumentPermissions",
  ],
  [
    "SendCommand with another document",
    "ssm:SendCommand",
    `arn:aws:ssm:${R}:${A}:document/AWS-RunShellScriptX`,
    {},
    null,
  ],
  [
    "SendCommand document names are case-sensitive (docs/evaluation-rules.md §3.2)",
    "ssm:SendCommand",
    `arn:aws:ssm:${R}:${A}:document/aws-runshellscript`,
    {},
    null,
  ],
  [
    "SendCommand to an Image Builder instance",
    "ssm:SendCommand",
    ec2("instance", "i-1"),
    RTAG,
    "SendCommandEC2ImageBuilderInstancePermissions",
  ],
  ["SendCommand to another instance", "ssm:SendCommand", ec2("instance", "i-1"), {}, null],
  // 23-26 Inventory
  [
    "CreateAssociation for the inventory document",
    "ssm:CreateAssociation",
    `arn:aws:ssm:${R}:${A}:document/AWS-GatherSoftwareInventory`,
    {},
    "InventoryCollectionAssociationPermissions",
  ],
  [
    "CreateAssociation on an Image Builder instance",
    "ssm:CreateAssociation",
    ec2("instance", "i-1"),
    RTAG,
    "InventoryCollectionInstancePermissions",
  ],
  [
    "AddTagsToResource on an association with the tag",
    "ssm:AddTagsToResource",
    `arn:aws:ssm:${R}:${A}:association/a-1`,
    CREATED,
    "InventoryCollectionTagPermissions",
  ],
  [
    "AddTagsToResource without the tag",
    "ssm:AddTagsToResource",
    `arn:aws:ssm:${R}:${A}:association/a-1`,
    {},
    null,
  ],
  [
    "DeleteAssociation",
    "ssm:DeleteAssociation",
    `arn:aws:ssm:${R}:${A}:association/a-1`,
    {},
    "DeleteInventoryCollectionAssociationPermissions",
  ],
  // 27 EC2KMSPermissions: ForAllValues with missing and empty keys (docs/evaluation-rules.md §5.7)
  [
    "Decrypt via EC2 with the EBS context key",
    "kms:Decrypt",
    `arn:aws:kms:${R}:${A}:key/k`,
    { ...VIA, "kms:EncryptionContextKeys": ["aws:ebs:id"] },
    "EC2KMSPermissions",
  ],
  [
    "Decrypt via EC2 without encryption context keys (ForAllValues: missing is true)",
    "kms:Decrypt",
    `arn:aws:kms:${R}:${A}:key/k`,
    VIA,
    "EC2KMSPermissions",
  ],
  [
    "Decrypt via EC2 with an empty key list (ForAllValues: empty is true)",
    "kms:Decrypt",
    `arn:aws:kms:${R}:${A}:key/k`,
    { ...VIA, "kms:EncryptionContextKeys": [] },
    "EC2KMSPermissions",
  ],
  [
    "Decrypt via EC2 with another context key",
    "kms:Decrypt",
    `arn:aws:kms:${R}:${A}:key/k`,
    { ...VIA, "kms:EncryptionContextKeys": ["aws:ebs:id", "other"] },
    null,
  ],
  [
    "Decrypt not via EC2",
    "kms:Decrypt",
    `arn:aws:kms:${R}:${A}:key/k`,
    { "kms:ViaService": `s3.${R}.amazonaws.com` },
    null,
  ],
  ["Decrypt without kms:ViaService", "kms:Decrypt", `arn:aws:kms:${R}:${A}:key/k`, {}, null],
  // 28 EC2KMSDescribeKeyPermissions
  [
    "DescribeKey via EC2",
    "kms:DescribeKey",
    `arn:aws:kms:${R}:${A}:key/k`,
    VIA,
    "EC2KMSDescribeKeyPermissions",
  ],
  ["DescribeKey on an alias ARN", "kms:DescribeKey", `arn:aws:kms:${R}:${A}:alias/a`, VIA, null],
  // 29 EC2KMSGrantKeyPermissions: Bool with JSON true in the policy (docs/evaluation-rules.md §5.4 Boolean)
  [
    "CreateGrant for an AWS resource (context boolean true)",
    "kms:CreateGrant",
    `arn:aws:kms:${R}:${A}:key/k`,
    { ...VIA, "kms:GrantIsForAWSResource": true },
    "EC2KMSGrantKeyPermissions",
  ],
  [
    'CreateGrant for an AWS resource (context string "true")',
    "kms:CreateGrant",
    `arn:aws:kms:${R}:${A}:key/k`,
    { ...VIA, "kms:GrantIsForAWSResource": "true" },
    "EC2KMSGrantKeyPermissions",
  ],
  [
    "CreateGrant not for an AWS resource",
    "kms:CreateGrant",
    `arn:aws:kms:${R}:${A}:key/k`,
    { ...VIA, "kms:GrantIsForAWSResource": false },
    null,
  ],
  [
    "CreateGrant without kms:GrantIsForAWSResource",
    "kms:CreateGrant",
    `arn:aws:kms:${R}:${A}:key/k`,
    VIA,
    null,
  ],
  // 30 CrossAccountAssumeRolePermissions
  [
    "AssumeRole of the distribution role in another account",
    "sts:AssumeRole",
    "arn:aws:iam::444455556666:role/EC2ImageBuilderDistributionCrossAccountRole",
    {},
    "CrossAccountAssumeRolePermissions",
  ],
  [
    "AssumeRole of another role",
    "sts:AssumeRole",
    "arn:aws:iam::444455556666:role/Admin",
    {},
    null,
  ],
  // 31 CloudWatchLogsPermissions
  [
    "PutLogEvents to an Image Builder log stream",
    "logs:PutLogEvents",
    `arn:aws:logs:${R}:${A}:log-group:/aws/imagebuilder/p:log-stream:s`,
    {},
    "CloudWatchLogsPermissions",
  ],
  [
    "CreateLogGroup outside /aws/imagebuilder",
    "logs:CreateLogGroup",
    `arn:aws:logs:${R}:${A}:log-group:/aws/lambda/x`,
    {},
    null,
  ],
  // 32 LaunchTemplatePermissions
  [
    "ModifyLaunchTemplate",
    "ec2:ModifyLaunchTemplate",
    ec2("launch-template", "lt-1"),
    {},
    "LaunchTemplatePermissions",
  ],
  // 33-35 Export
  [
    "ExportImage of an Image Builder AMI",
    "ec2:ExportImage",
    ec2NoAccount("image", "ami-1"),
    RTAG,
    "ExportImageBuilderImagePermissions",
  ],
  [
    "ExportImage creating an export task",
    "ec2:ExportImage",
    ec2("export-image-task", "t-1"),
    {},
    "CreateExportImageTaskPermissions",
  ],
  [
    "CancelExportTask of an Image Builder task",
    "ec2:CancelExportTask",
    ec2("export-image-task", "t-1"),
    RTAG,
    "CancelExportImageTaskPermissions",
  ],
  [
    "CancelExportTask of another task",
    "ec2:CancelExportTask",
    ec2("export-image-task", "t-1"),
    {},
    null,
  ],
  // 36 CreateSLRForOtherServicesPermissions
  [
    "CreateServiceLinkedRole for SSM",
    "iam:CreateServiceLinkedRole",
    `arn:aws:iam::${A}:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM`,
    { "iam:AWSServiceName": "ssm.amazonaws.com" },
    "CreateSLRForOtherServicesPermissions",
  ],
  [
    "CreateServiceLinkedRole for another service",
    "iam:CreateServiceLinkedRole",
    `arn:aws:iam::${A}:role/aws-service-role/x`,
    { "iam:AWSServiceName": "rds.amazonaws.com" },
    null,
  ],
  // 37 EnableFastLaunchPermissions
  [
    "EnableFastLaunch on an Image Builder AMI",
    "ec2:EnableFastLaunch",
    ec2NoAccount("image", "ami-1"),
    RTAG,
    "EnableFastLaunchPermissions",
  ],
  // 38 ListInspectorFindingsPermissions
  [
    "inspector2:ListFindings",
    "inspector2:ListFindings",
    "*",
    {},
    "ListInspectorFindingsPermissions",
  ],
  // 39, 40 ECR
  [
    "CreateRepository named image-builder-*",
    "ecr:CreateRepository",
    `arn:aws:ecr:${R}:${A}:repository/image-builder-x`,
    CREATED,
    "CreateECRImageForInspectorScanningPermissions",
  ],
  [
    "CreateRepository with another name",
    "ecr:CreateRepository",
    `arn:aws:ecr:${R}:${A}:repository/other`,
    CREATED,
    null,
  ],
  [
    "BatchDeleteImage in an Image Builder repository",
    "ecr:BatchDeleteImage",
    `arn:aws:ecr:${R}:${A}:repository/image-builder-x`,
    RTAG,
    "DeleteECRImageForInspectorScanningPermissions",
  ],
  // 41 EventBridgePermissionsForInspectorScanning
  [
    "PutRule ImageBuilder-*",
    "events:PutRule",
    `arn:aws:events:${R}:${A}:rule/ImageBuilder-scan`,
    {},
    "EventBridgePermissionsForInspectorScanning",
  ],
  [
    "PutRule with a lower-case name",
    "events:PutRule",
    `arn:aws:events:${R}:${A}:rule/imagebuilder-scan`,
    {},
    null,
  ],
  // 42, 43 Parameter Store
  [
    "PutParameter under /imagebuilder",
    "ssm:PutParameter",
    `arn:aws:ssm:${R}:${A}:parameter/imagebuilder/x`,
    {},
    "ParameterStorePermissionsForImageBuilderParameters",
  ],
  [
    "GetParameter of an AWS public parameter",
    "ssm:GetParameter",
    `arn:aws:ssm:${R}::parameter/aws/service/ami-amazon-linux-latest/x`,
    {},
    "ParameterStorePermissionsForServiceManagedParameters",
  ],
  [
    "PutParameter of an AWS public parameter",
    "ssm:PutParameter",
    `arn:aws:ssm:${R}::parameter/aws/service/x`,
    {},
    null,
  ],
  // 44 StartImagePipelineExecutionPermissions
  [
    "StartImagePipelineExecution in the caller's account",
    "imagebuilder:StartImagePipelineExecution",
    `arn:aws:imagebuilder:${R}:${A}:image-pipeline/p`,
    {},
    "StartImagePipelineExecutionPermissions",
  ],
  [
    "StartImagePipelineExecution in another account",
    "imagebuilder:StartImagePipelineExecution",
    `arn:aws:imagebuilder:${R}:444455556666:image-pipeline/p`,
    {},
    null,
  ],
  // Not granted at all
  ["s3:GetObject is not granted", "s3:GetObject", "arn:aws:s3:::bucket/key", {}, null],
  ["ec2:DeleteVpc is not granted", "ec2:DeleteVpc", ec2("vpc", "vpc-1"), {}, null],
];

const engine = compile({
  identity: [{ name: "EC2ImageBuilderExecutionPolicy", document: EC2_IMAGE_BUILDER_TEXT }],
});

describe("EC2ImageBuilderExecutionPolicy", () => {
  it.each(rows)("%s", (_what, action, resource, context, sid) => {
    const outcome = engine.evaluate({ principal: PRINCIPAL, action, resource, context });
    if ("error" in outcome) throw new Error(outcome.error.message);
    expect(outcome.decision).toBe(sid === null ? "ImplicitlyDenied" : "Allowed");
    if (sid !== null) expect(outcome.decidedBy.map((d) => d.sid)).toContain(sid);
  });

  it("has at least 60 requests and an allowed request for every statement", () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
    const parsed = parsePolicy(EC2_IMAGE_BUILDER_TEXT);
    if (!parsed.ok) throw new Error("seed does not parse");
    const sids = parsed.policy.statements.map((s) => s.sid);
    const allowedBy = new Set(rows.map((r) => r[4]).filter((s) => s !== null));
    expect(sids.filter((s) => !allowedBy.has(s!))).toEqual([]);
  });

  it("explains a denial with the nearest statement and what it misses", () => {
    const outcome = evaluate(
      {
        principal: PRINCIPAL,
        action: "ec2:RunInstances",
        resource: ec2("instance", "i-1"),
        context: { "aws:RequestTag/CreatedBy": "me" },
        policies: { identity: [EC2_IMAGE_BUILDER_TEXT] },
      },
      { explain: true },
    ) as EvaluationResult;
    expect(outcome.decision).toBe("ImplicitlyDenied");
    const first = outcome.explain!.suggestions![0]!;
    expect(first).toMatchObject({
      sid: "RunInstancesWithEC2ImageBuilderRequestTagsPermissions",
      line: 21,
    });
    expect(first.missing).toEqual([
      'aws:RequestTag/CreatedBy were one of "EC2 Image Builder", "EC2 Fast Launch"',
    ]);
  });

  it("explains each condition with key, operator, policy values and request values", () => {
    const outcome = evaluate(
      {
        principal: PRINCIPAL,
        action: "kms:CreateGrant",
        resource: `arn:aws:kms:${R}:${A}:key/k`,
        context: { ...VIA, "kms:GrantIsForAWSResource": true },
        policies: { identity: [EC2_IMAGE_BUILDER_TEXT] },
      },
      { explain: true },
    ) as EvaluationResult;
    const statement = outcome.explain!.policies[0]!.statements.find(
      (s) => s.sid === "EC2KMSGrantKeyPermissions",
    )!;
    expect(statement.applies).toBe(true);
    expect(statement.conditions).toEqual([
      {
        operator: "Bool",
        key: "kms:GrantIsForAWSResource",
        policyValues: ["true"],
        requestValues: ["true"],
        matched: true,
        line: 443,
        column: 11,
      },
      {
        operator: "StringLike",
        key: "kms:ViaService",
        policyValues: ["ec2.*.amazonaws.com"],
        requestValues: [`ec2.${R}.amazonaws.com`],
        matched: true,
        line: 446,
        column: 11,
      },
    ]);
    expect(outcome.decidedBy[0]).toMatchObject({ sid: "EC2KMSGrantKeyPermissions", line: 432 });
  });
});
