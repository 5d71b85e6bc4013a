// The global condition keys (AWS "global condition context keys" page; docs/evaluation-rules.md §8) with their
// IAM data types. `ArrayOf…` types are multivalued. Small enough to embed: no service data needed.

export interface KeyType {
  /** IAM data type: String, ARN, Numeric, Date, Bool, IPAddress, Binary, or ArrayOf… */
  type: string;
  /** Some keys take two operator families (aws:EpochTime: Date and Numeric). */
  alsoType?: string;
}

const GLOBAL_KEYS = {
  // principal properties
  "aws:PrincipalArn": { type: "ARN" },
  "aws:PrincipalAccount": { type: "String" },
  "aws:PrincipalOrgPaths": { type: "ArrayOfString" },
  "aws:PrincipalOrgID": { type: "String" },
  "aws:PrincipalIsAWSService": { type: "Bool" },
  "aws:PrincipalServiceName": { type: "String" },
  "aws:PrincipalServiceNamesList": { type: "ArrayOfString" },
  "aws:PrincipalType": { type: "String" },
  "aws:userid": { type: "String" },
  "aws:username": { type: "String" },
  "aws:AssumedRoot": { type: "Bool" },
  // role session properties
  "aws:FederatedProvider": { type: "String" },
  "aws:TokenIssueTime": { type: "Date" },
  "aws:MultiFactorAuthAge": { type: "Numeric" },
  "aws:MultiFactorAuthPresent": { type: "Bool" },
  "aws:ChatbotSourceArn": { type: "ARN" },
  "aws:Ec2InstanceSourceVpc": { type: "String" },
  "aws:Ec2InstanceSourcePrivateIPv4": { type: "IPAddress" },
  "aws:SourceIdentity": { type: "String" },
  // network properties
  "aws:SourceIp": { type: "IPAddress" },
  "aws:SourceVpc": { type: "String" },
  "aws:SourceVpcArn": { type: "ARN" },
  "aws:SourceVpce": { type: "String" },
  "aws:VpceAccount": { type: "String" },
  "aws:VpceOrgID": { type: "String" },
  "aws:VpceOrgPaths": { type: "ArrayOfString" },
  "aws:VpcSourceIp": { type: "IPAddress" },
  // resource properties
  "aws:ResourceAccount": { type: "String" },
  "aws:ResourceOrgID": { type: "String" },
  "aws:ResourceOrgPaths": { type: "ArrayOfString" },
  // request properties
  "aws:CalledVia": { type: "ArrayOfString" },
  "aws:CalledViaFirst": { type: "String" },
  "aws:CalledViaLast": { type: "String" },
  "aws:ViaAWSService": { type: "Bool" },
  "aws:CurrentTime": { type: "Date" },
  "aws:EpochTime": { type: "Date", alsoType: "Numeric" },
  "aws:referer": { type: "String" },
  "aws:RequestedRegion": { type: "String" },
  "aws:TagKeys": { type: "ArrayOfString" },
  "aws:SecureTransport": { type: "Bool" },
  "aws:SourceAccount": { type: "String" },
  "aws:SourceArn": { type: "ARN" },
  "aws:SourceOrgID": { type: "String" },
  "aws:SourceOrgPaths": { type: "ArrayOfString" },
  "aws:UserAgent": { type: "String" },
  // used by AWS managed policies (AWSMcpServiceActionsFullAccess and others)
  "aws:IsMcpServiceAction": { type: "Bool" },
  // legacy key still accepted (SNS / SQS); aws:ARN is handled by legacy-arn-key.ts
  "aws:SourceOwner": { type: "String" },
  // legacy Organizations key still used by the AWS managed AWSSSOServiceRolePolicy
  "aws:PrincipalOrgMasterAccountId": { type: "String" },
} as const satisfies Record<string, KeyType>;

/** Keys with a `/tag-key` part; single-valued String keys. */
export const TAG_KEY_PREFIXES = ["aws:RequestTag", "aws:ResourceTag", "aws:PrincipalTag"] as const;

/**
 * A global condition key, as a request's `context` names it: the typed form of the list above,
 * with the tag keys' `/tag-key` part as any text. Use it to type a request's context keys.
 */
export type GlobalConditionKey =
  keyof typeof GLOBAL_KEYS | `${(typeof TAG_KEY_PREFIXES)[number]}/${string}`;

/**
 * Principal-property keys that have a service prefix but are set by AWS for every request of that kind
 * (global condition keys page, "role session properties"): not in the per-service condition key lists.
 */
export const SERVICE_PREFIXED_GLOBAL_KEYS: Record<string, KeyType> = {
  "ec2:RoleDelivery": { type: "Numeric" },
  "ec2:SourceInstanceArn": { type: "ARN" },
  "glue:RoleAssumedBy": { type: "String" },
  "glue:CredentialIssuingService": { type: "String" },
  "lambda:SourceFunctionArn": { type: "ARN" },
  "ssm:SourceInstanceArn": { type: "ARN" },
  "identitystore:UserId": { type: "String" },
};

const BY_LOWER = new Map<string, { name: string; type: KeyType }>(
  [...Object.entries(GLOBAL_KEYS), ...Object.entries(SERVICE_PREFIXED_GLOBAL_KEYS)].map(
    ([name, type]) => [name.toLowerCase(), { name, type }],
  ),
);

export const GLOBAL_KEY_NAMES: readonly string[] = Object.keys(GLOBAL_KEYS);

/** The type of a global key (case-insensitive, tag keys by their prefix), or undefined. */
export function globalKeyType(key: string): KeyType | undefined {
  const lower = key.toLowerCase();
  const slash = lower.indexOf("/");
  if (slash > 0 && TAG_KEY_PREFIXES.some((p: string) => p.toLowerCase() === lower.slice(0, slash)))
    return { type: "String" };
  return BY_LOWER.get(lower)?.type;
}

/** Sensitive keys: wildcards or variables in their values are too permissive (docs/evaluation-rules.md §8). */
export const SENSITIVE_KEYS = new Set(
  [
    "aws:PrincipalAccount",
    "aws:PrincipalOrgID",
    "aws:ResourceAccount",
    "aws:ResourceOrgID",
    "aws:SourceAccount",
    "aws:SourceOrgID",
    "aws:SourceVpc",
    "aws:SourceVpce",
    "aws:VpceAccount",
    "aws:VpceOrgID",
  ].map((k) => k.toLowerCase()),
);
