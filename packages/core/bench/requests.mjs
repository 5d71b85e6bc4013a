// 10,000 mixed requests over EC2ImageBuilderExecutionPolicy (issue 3, "Performance"): a quarter each
// that match, carry the wrong context, name the wrong resource, or ask for an action not granted.
import { readFileSync } from "node:fs";

// The seed page's fenced JSON block (policies/EC2ImageBuilderExecutionPolicy.md), byte for byte, as a
// string of its own, as reading a policy file gives it: a regular expression's capture is a view into
// the page, which V8 reads about 10% more slowly character by character (JSON.parse is not affected).
const page = readFileSync(
  new URL("../../../policies/EC2ImageBuilderExecutionPolicy.md", import.meta.url),
  "utf8",
);
export const POLICY_TEXT = Buffer.from(/```\n([\s\S]*?)\n```/.exec(page)[1]).toString("utf8");
export const POLICY = JSON.parse(POLICY_TEXT);
export const ACCOUNT = "111122223333";
export const PRINCIPAL = `arn:aws:iam::${ACCOUNT}:role/ImageBuilderRole`;

const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"];
const TAG = { "aws:RequestTag/CreatedBy": "EC2 Image Builder" };
const RTAG = { "aws:ResourceTag/CreatedBy": "EC2 Image Builder" };

const matching = (r, i) => [
  {
    action: "ec2:RunInstances",
    resource: `arn:aws:ec2:${r}:${ACCOUNT}:instance/i-${i}`,
    context: TAG,
  },
  { action: "ec2:RunInstances", resource: `arn:aws:ec2:${r}::image/ami-${i}` },
  { action: "ec2:DescribeImages", resource: "*" },
  {
    action: "ec2:StopInstances",
    resource: `arn:aws:ec2:${r}:${ACCOUNT}:instance/i-${i}`,
    context: RTAG,
  },
  {
    action: "ec2:CreateTags",
    resource: `arn:aws:ec2:${r}:${ACCOUNT}:volume/vol-${i}`,
    context: { ...TAG, "ec2:CreateAction": "RunInstances" },
  },
  { action: "sns:Publish", resource: `arn:aws:sns:${r}:${ACCOUNT}:topic-${i}` },
  {
    action: "ssm:SendCommand",
    resource: `arn:aws:ssm:${r}:${ACCOUNT}:document/AWS-RunShellScript`,
  },
  {
    action: "kms:Decrypt",
    resource: `arn:aws:kms:${r}:${ACCOUNT}:key/k-${i}`,
    context: {
      "kms:ViaService": `ec2.${r}.amazonaws.com`,
      "kms:EncryptionContextKeys": ["aws:ebs:id"],
    },
  },
  {
    action: "logs:PutLogEvents",
    resource: `arn:aws:logs:${r}:${ACCOUNT}:log-group:/aws/imagebuilder/p${i}:log-stream:s`,
  },
];
const wrongContext = (r, i) => [
  {
    action: "ec2:RunInstances",
    resource: `arn:aws:ec2:${r}:${ACCOUNT}:instance/i-${i}`,
    context: { "aws:RequestTag/CreatedBy": "someone" },
  },
  { action: "ec2:RunInstances", resource: `arn:aws:ec2:${r}:${ACCOUNT}:volume/vol-${i}` },
  {
    action: "ec2:TerminateInstances",
    resource: `arn:aws:ec2:${r}:${ACCOUNT}:instance/i-${i}`,
    context: { "aws:ResourceTag/CreatedBy": "ec2 image builder" },
  },
  {
    action: "kms:CreateGrant",
    resource: `arn:aws:kms:${r}:${ACCOUNT}:key/k-${i}`,
    context: { "kms:ViaService": `ec2.${r}.amazonaws.com`, "kms:GrantIsForAWSResource": "false" },
  },
  {
    action: "iam:PassRole",
    resource: `arn:aws:iam::${ACCOUNT}:role/r${i}`,
    context: { "iam:PassedToService": "lambda.amazonaws.com" },
  },
];
const wrongResource = (r, i) => [
  { action: "ec2:RunInstances", resource: `arn:aws:ec2:${r}:${ACCOUNT}:image/ami-${i}` },
  { action: "ssm:SendCommand", resource: `arn:aws:ssm:${r}:${ACCOUNT}:document/Custom-${i}` },
  {
    action: "logs:PutLogEvents",
    resource: `arn:aws:logs:${r}:${ACCOUNT}:log-group:/other/${i}:log-stream:s`,
  },
  {
    action: "ecr:CreateRepository",
    resource: `arn:aws:ecr:${r}:${ACCOUNT}:repository/other-${i}`,
    context: TAG,
  },
];
const notGranted = (r, i) => [
  { action: "s3:GetObject", resource: `arn:aws:s3:::bucket-${i}/key` },
  { action: "ec2:DeleteVpc", resource: `arn:aws:ec2:${r}:${ACCOUNT}:vpc/vpc-${i}` },
  { action: "iam:CreateUser", resource: `arn:aws:iam::${ACCOUNT}:user/u${i}` },
  { action: "dynamodb:GetItem", resource: `arn:aws:dynamodb:${r}:${ACCOUNT}:table/t${i}` },
];

/** Deterministic: request i takes kind i % 4 and a variant from i. */
export function makeRequests(count = 10_000) {
  const out = [];
  const kinds = [matching, wrongContext, wrongResource, notGranted];
  for (let i = 0; i < count; i++) {
    const region = REGIONS[i % REGIONS.length];
    const variants = kinds[i % 4](region, i);
    const request = variants[Math.floor(i / 4) % variants.length];
    out.push({ id: i, principal: PRINCIPAL, context: {}, ...request });
  }
  return out;
}

/** A request in iam-simulate's `runSimulation` form, with the seed policy as the identity policy. */
export const toSimulation = (r) => ({
  request: {
    principal: r.principal,
    action: r.action,
    resource: { resource: r.resource, accountId: ACCOUNT },
    contextVariables: Object.fromEntries(
      Object.entries(r.context ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v : String(v)]),
    ),
  },
  identityPolicies: [{ name: "EC2ImageBuilderExecutionPolicy", policy: POLICY }],
  serviceControlPolicies: [],
  resourceControlPolicies: [],
});
