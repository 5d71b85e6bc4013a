// A deterministic synthetic account, as `aws iam get-account-authorization-details` prints it, for
// the account-mode benchmark (bench/account.bench.mjs): roles, users, groups and customer managed
// policies in a realistic mix (concrete actions and ARNs, service wildcards, NotAction, conditions
// with policy variables, explicit denies, permissions boundaries, inline policies, tags, trust
// policies naming services, the account, users and roles) plus attached AWS managed policies.
// Actions come from the IAM service data, so every statement names real actions.

export const ACCOUNT_ID = "111122223333";

/** AWS managed policies attached here and there (all in the bundled corpus). */
export const AWS_MANAGED = [
  "ReadOnlyAccess",
  "AdministratorAccess",
  "PowerUserAccess",
  "ViewOnlyAccess",
  "SecurityAudit",
  "AmazonS3ReadOnlyAccess",
  "AmazonS3FullAccess",
  "AmazonEC2FullAccess",
  "AmazonEC2ReadOnlyAccess",
  "AWSLambdaBasicExecutionRole",
  "AWSLambda_FullAccess",
  "AmazonDynamoDBFullAccess",
  "AmazonDynamoDBReadOnlyAccess",
  "CloudWatchLogsFullAccess",
  "CloudWatchReadOnlyAccess",
  "AmazonSSMManagedInstanceCore",
  "AmazonSQSFullAccess",
  "AmazonSNSFullAccess",
  "AmazonRDSReadOnlyAccess",
  "IAMReadOnlyAccess",
  "AWSCloudFormationReadOnlyAccess",
  "AmazonECS_FullAccess",
  "AWSCodeBuildDeveloperAccess",
  "AmazonKinesisReadOnlyAccess",
  "AWSKeyManagementServicePowerUser",
  "AmazonVPCReadOnlyAccess",
  "AmazonAthenaFullAccess",
  "AWSSupportAccess",
];

/** The services most statements are about (the rest of the data appears through wildcards). */
const SERVICES = [
  "s3",
  "ec2",
  "iam",
  "lambda",
  "dynamodb",
  "sqs",
  "sns",
  "kms",
  "logs",
  "cloudwatch",
  "rds",
  "ecs",
  "ecr",
  "eks",
  "cloudformation",
  "ssm",
  "secretsmanager",
  "kinesis",
  "athena",
  "glue",
  "states",
  "events",
  "route53",
  "elasticloadbalancing",
  "autoscaling",
  "codebuild",
  "codepipeline",
  "sts",
  "apigateway",
  "cloudfront",
];

/** mulberry32: a small seeded generator, the same sequence on every machine. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const doc = (Statement) => ({ Version: "2012-10-17", Statement });

/**
 * The account: `roles`, `users`, `groups` and `policies` (customer managed; one in 25 is written as
 * a permissions boundary). `serviceData` is @iamspec/policies' IAM data, `awsManagedArns` the ARNs of
 * AWS_MANAGED.
 */
export function syntheticAccount({
  roles = 5000,
  users = 1000,
  groups = 200,
  policies = 2000,
  seed = 18,
  serviceData,
  awsManagedArns,
}) {
  const rand = random(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const some = (list, min, max) => {
    const n = min + Math.floor(rand() * (max - min + 1));
    return Array.from({ length: n }, () => pick(list));
  };
  const chance = (p) => rand() < p;
  const A = ACCOUNT_ID;

  const services = SERVICES.filter((s) => serviceData.service(s) !== undefined);
  const actionsOf = new Map(
    services.map((s) => {
      const info = serviceData.service(s);
      return [s, Object.values(info.actions).map((a) => `${info.prefix}:${a.name}`)];
    }),
  );
  const bucket = () => `arn:aws:s3:::bucket-${Math.floor(rand() * 400)}`;
  const arnFor = (service) => {
    const n = Math.floor(rand() * 500);
    switch (service) {
      case "s3":
        return chance(0.5) ? `${bucket()}/*` : bucket();
      case "dynamodb":
        return `arn:aws:dynamodb:us-east-1:${A}:table/table-${n}`;
      case "sqs":
        return `arn:aws:sqs:us-east-1:${A}:queue-${n}`;
      case "sns":
        return `arn:aws:sns:us-east-1:${A}:topic-${n}`;
      case "lambda":
        return `arn:aws:lambda:us-east-1:${A}:function:fn-${n}`;
      case "kms":
        return `arn:aws:kms:us-east-1:${A}:key/key-${n}`;
      case "iam":
        return `arn:aws:iam::${A}:role/app-${n}-*`;
      case "logs":
        return `arn:aws:logs:us-east-1:${A}:log-group:/app/${n}:*`;
      default:
        return chance(0.5) ? "*" : `arn:aws:${service}:us-east-1:${A}:*`;
    }
  };
  const condition = () =>
    pick([
      { StringEquals: { "aws:RequestedRegion": pick(["us-east-1", "eu-west-1"]) } },
      { StringEquals: { "aws:ResourceTag/team": "${aws:PrincipalTag/team}" } },
      { Bool: { "aws:MultiFactorAuthPresent": "true" } },
      { IpAddress: { "aws:SourceIp": ["10.0.0.0/8", "192.0.2.0/24"] } },
      { StringLike: { "s3:prefix": ["home/${aws:username}/*"] } },
      { "ForAllValues:StringEquals": { "aws:TagKeys": ["team", "env"] } },
      { StringEqualsIfExists: { "aws:RequestTag/env": ["dev", "test"] } },
      { Null: { "aws:ResourceTag/owner": "false" } },
    ]);

  function statement() {
    const service = pick(services);
    const actions = actionsOf.get(service);
    const roll = rand();
    if (roll < 0.38)
      return {
        Effect: "Allow",
        Action: some(actions, 2, 12),
        Resource: chance(0.6)
          ? "*"
          : some(
              [0, 0, 0].map(() => arnFor(service)),
              1,
              3,
            ),
      };
    if (roll < 0.6)
      return {
        Effect: "Allow",
        Action: some(
          [`${service}:Get*`, `${service}:List*`, `${service}:Describe*`, `${service}:*`],
          1,
          2,
        ),
        Resource: chance(0.7) ? "*" : arnFor(service),
      };
    if (roll < 0.75)
      return {
        Effect: "Allow",
        Action: some(actions, 1, 6),
        Resource: arnFor(service),
        Condition: condition(),
      };
    if (roll < 0.8)
      return {
        Effect: "Allow",
        NotAction: some(["iam:*", "organizations:*", "account:*", "billing:*"], 1, 3),
        Resource: "*",
        ...(chance(0.5) && { Condition: condition() }),
      };
    if (roll < 0.93)
      return {
        Effect: "Deny",
        Action: chance(0.5) ? some(actions, 1, 4) : [`${service}:Delete*`],
        Resource: chance(0.5) ? "*" : arnFor(service),
        ...(chance(0.4) && { Condition: condition() }),
      };
    return {
      Effect: "Deny",
      NotAction: ["iam:*", "sts:*", "support:*"],
      Resource: "*",
      Condition: {
        StringNotEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] },
      },
    };
  }
  const document = () =>
    doc(
      Array.from({ length: 1 + Math.floor(rand() * 6) }, (_, i) => ({
        Sid: `S${i}`,
        ...statement(),
      })),
    );
  const boundaryDocument = () =>
    doc([
      {
        Sid: "Services",
        Effect: "Allow",
        Action: some(services, 3, 10).map((s) => `${s}:*`),
        Resource: "*",
      },
      {
        Sid: "NoIamWrites",
        Effect: "Deny",
        Action: ["iam:Create*", "iam:Delete*", "iam:Put*", "iam:Attach*"],
        Resource: "*",
      },
    ]);

  const customer = [];
  const boundaries = [];
  const policyList = [];
  for (let i = 0; i < policies; i++) {
    const isBoundary = i % 25 === 0;
    const name = isBoundary ? `boundary-${i}` : `policy-${i}`;
    const arn = `arn:aws:iam::${A}:policy/${name}`;
    (isBoundary ? boundaries : customer).push(arn);
    policyList.push({
      PolicyName: name,
      PolicyId: `ANPA${String(i).padStart(17, "0")}`,
      Arn: arn,
      Path: "/",
      DefaultVersionId: "v1",
      AttachmentCount: 1,
      IsAttachable: true,
      PolicyVersionList: [
        {
          Document: isBoundary ? boundaryDocument() : document(),
          VersionId: "v1",
          IsDefaultVersion: true,
        },
      ],
    });
  }
  const attached = (arns) =>
    [...new Set(arns)].map((arn) => ({
      PolicyName: arn.slice(arn.lastIndexOf("/") + 1),
      PolicyArn: arn,
    }));
  const managedMix = () => [
    ...some(customer, 0, 3),
    ...(chance(0.3) ? [pick(awsManagedArns)] : []),
  ];
  const inline = (owner) =>
    chance(0.35)
      ? Array.from({ length: 1 + Math.floor(rand() * 2) }, (_, i) => ({
          PolicyName: `${owner}-inline-${i}`,
          PolicyDocument: document(),
        }))
      : [];
  const tags = () =>
    chance(0.6)
      ? [
          { Key: "team", Value: pick(["data", "web", "ops", "ml"]) },
          { Key: "env", Value: pick(["dev", "test", "prod"]) },
        ]
      : [];
  const boundary = (p) =>
    chance(p)
      ? {
          PermissionsBoundary: {
            PermissionsBoundaryType: "Policy",
            PermissionsBoundaryArn: pick(boundaries),
          },
        }
      : {};

  const groupList = Array.from({ length: groups }, (_, i) => ({
    Path: "/",
    GroupName: `group-${i}`,
    GroupId: `AGPA${String(i).padStart(17, "0")}`,
    Arn: `arn:aws:iam::${A}:group/group-${i}`,
    GroupPolicyList: inline(`group-${i}`),
    AttachedManagedPolicies: attached(managedMix()),
  }));
  const userList = Array.from({ length: users }, (_, i) => ({
    Path: i % 10 === 0 ? "/ops/" : "/",
    UserName: `user-${i}`,
    UserId: `AIDA${String(i).padStart(17, "0")}`,
    Arn: `arn:aws:iam::${A}:user${i % 10 === 0 ? "/ops" : ""}/user-${i}`,
    GroupList: [...new Set(some(groupList, 0, 3).map((g) => g.GroupName))],
    UserPolicyList: inline(`user-${i}`),
    AttachedManagedPolicies: attached(chance(0.5) ? managedMix() : []),
    ...boundary(0.2),
    Tags: tags(),
  }));
  const trust = () => {
    const roll = rand();
    const Principal =
      roll < 0.5
        ? {
            Service: pick(["ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com"]),
          }
        : roll < 0.75
          ? { AWS: `arn:aws:iam::${A}:root` }
          : roll < 0.9
            ? { AWS: pick(userList).Arn }
            : { AWS: `arn:aws:iam::${A}:role/role-${Math.floor(rand() * roles)}` };
    return doc([
      {
        Effect: "Allow",
        Principal,
        Action: "sts:AssumeRole",
        ...(roll >= 0.5 &&
          roll < 0.75 &&
          chance(0.5) && { Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }),
      },
    ]);
  };
  const roleList = Array.from({ length: roles }, (_, i) => ({
    Path: i % 7 === 0 ? "/service/" : "/",
    RoleName: `role-${i}`,
    RoleId: `AROA${String(i).padStart(17, "0")}`,
    Arn: `arn:aws:iam::${A}:role${i % 7 === 0 ? "/service" : ""}/role-${i}`,
    AssumeRolePolicyDocument: trust(),
    RolePolicyList: inline(`role-${i}`),
    AttachedManagedPolicies: attached(managedMix()),
    ...boundary(0.25),
    Tags: tags(),
  }));
  return {
    UserDetailList: userList,
    GroupDetailList: groupList,
    RoleDetailList: roleList,
    Policies: policyList,
    IsTruncated: false,
  };
}
