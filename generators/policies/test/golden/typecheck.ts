// Compiled (not run) by typecheck.test.ts: the generated types accept what the policies say and
// reject misspellings. Each @ts-expect-error fails the compile if its line stops being an error.
import {
  EC2ImageBuilderExecutionPolicy,
  type EC2ImageBuilderExecutionPolicyAction,
  type EC2ImageBuilderExecutionPolicyConditionKey,
  type EC2ImageBuilderExecutionPolicyGrantedAction,
  type EC2ImageBuilderExecutionPolicySid,
} from "./generated/policies/EC2ImageBuilderExecutionPolicy.js";
import { type AmazonEC2ReadOnlyAccessGrantedAction } from "./generated/policies/AmazonEC2ReadOnlyAccess.js";
import { Ec2, Ec2Actions, type Ec2Action, type Ec2InstanceArn } from "./generated/services/ec2.js";

export const action: EC2ImageBuilderExecutionPolicyAction = "ec2:RunInstances";
// @ts-expect-error a misspelled action is not an action of the policy
export const misspelledAction: EC2ImageBuilderExecutionPolicyAction = "ec2:RunInstance";

export const sid: EC2ImageBuilderExecutionPolicySid = "RunInstancesPermissions";
// @ts-expect-error a misspelled Sid is not a Sid of the policy
export const misspelledSid: EC2ImageBuilderExecutionPolicySid = "RunInstancePermissions";

export const key: EC2ImageBuilderExecutionPolicyConditionKey = "aws:RequestTag/CreatedBy";
// @ts-expect-error a condition key the policy does not use
export const otherKey: EC2ImageBuilderExecutionPolicyConditionKey = "aws:SourceIp";

// The document is a deeply readonly literal: Effect is "Allow", not string.
export const effect: "Allow" = EC2ImageBuilderExecutionPolicy.versions.v1.document.Statement[0].Effect;
// @ts-expect-error documents are readonly
EC2ImageBuilderExecutionPolicy.document.Statement[0].Effect = "Deny";
export const defaultVersion: "v2" = EC2ImageBuilderExecutionPolicy.defaultVersion;

// Service constants and their types come from the IAM reference data.
export const run: "ec2:RunInstances" = Ec2.RunInstances;
// @ts-expect-error no such EC2 action
export const missing = Ec2.RunInstance;
export const level: "List" | "Read" | "Write" | "Permissions management" | "Tagging" = Ec2Actions.RunInstances.accessLevel;
export const anyEc2: Ec2Action = "ec2:DescribeImages";
export const instanceArn: Ec2InstanceArn = "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc";
// @ts-expect-error an image ARN is not an instance ARN
export const notInstance: Ec2InstanceArn = "arn:aws:ec2:us-east-1::image/ami-0abc";

// Wildcards are expanded: ec2:Describe* grants ec2:DescribeImages, not ec2:RunInstances.
export const described: AmazonEC2ReadOnlyAccessGrantedAction = "ec2:DescribeImages";
// @ts-expect-error ec2:Describe* does not grant RunInstances
export const notGranted: AmazonEC2ReadOnlyAccessGrantedAction = "ec2:RunInstances";
export const granted: EC2ImageBuilderExecutionPolicyGrantedAction = "ec2:AttachImageWatermark";
