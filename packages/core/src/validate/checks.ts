// The check catalogue: every code of docs/checks.md the validator reports, with its severity.
// Codes are Access Analyzer issue codes (or parliament / project codes where AA has none).
import type { Severity } from "../types.js";

export interface CheckInfo {
  severity: Severity;
  /** One line: what the check flags. */
  title: string;
}

const E = "ERROR" as const;
const S = "SECURITY_WARNING" as const;
const W = "WARNING" as const;
const G = "SUGGESTION" as const;

export const CHECKS = {
  // A. document, statement and element structure
  JSON_SYNTAX_ERROR: { severity: E, title: "Text is not valid JSON" },
  MISSING_STATEMENT: { severity: E, title: "Document has no Statement" },
  INVALID_POLICY_ELEMENT: { severity: E, title: "Element name not defined by the policy grammar" },
  MISSING_EFFECT: { severity: E, title: "Statement without Effect" },
  INVALID_EFFECT: { severity: E, title: "Effect other than Allow or Deny" },
  MISSING_ACTION: { severity: E, title: "Statement with neither Action nor NotAction" },
  MISSING_RESOURCE: { severity: E, title: "Statement with neither Resource nor NotResource" },
  UNSUPPORTED_ELEMENT_COMBINATION: { severity: E, title: "Mutually exclusive elements together" },
  INVALID_VERSION: { severity: E, title: "Version other than 2012-10-17 or 2008-10-17" },
  DATA_TYPE_MISMATCH: { severity: E, title: "Element holds the wrong JSON type" },
  UNIQUE_SIDS_REQUIRED: {
    severity: E,
    title: "Duplicate Sid where the policy type requires unique ones",
  },
  UNIQUE_SIDS_RECOMMENDED: { severity: W, title: "Duplicate Sid" },
  UNSUPPORTED_SID: { severity: E, title: "Sid with characters outside [A-Za-z0-9]" },
  EMPTY_SID_VALUE: { severity: G, title: "Empty Sid" },
  MISSING_VERSION: { severity: W, title: "No Version: policy variables are literal text" },
  OLD_VERSION: { severity: W, title: "Legacy Version 2008-10-17" },
  DUPLICATE_ELEMENT: { severity: E, title: "Same key twice in one JSON object" },
  POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA: {
    severity: W,
    title: "Identity policy over its size quota",
  },
  POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA: {
    severity: W,
    title: "Resource policy over its size quota",
  },
  POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA: {
    severity: W,
    title: "Role trust policy over its size quota",
  },
  POLICY_SIZE_EXCEEDS_SESSION_POLICY_QUOTA: {
    severity: W,
    title: "Session policy over 2,048 characters",
  },
  POLICY_SIZE_EXCEEDS_SCP_QUOTA: { severity: E, title: "SCP over 5,120 characters" },
  POLICY_SIZE_EXCEEDS_RCP_QUOTA: { severity: E, title: "RCP over 5,120 characters" },
  INVALID_CHARACTER: { severity: E, title: "Character outside the set IAM policies may contain" },

  // B. actions, resources and ARNs
  INVALID_ACTION: { severity: E, title: "Action unknown to the service" },
  INVALID_SERVICE_IN_ACTION: { severity: E, title: "Unknown service prefix in an action" },
  INVALID_SERVICE: { severity: E, title: "Unknown service prefix in a condition key or ARN" },
  INVALID_ACTION_FORMAT: { severity: E, title: "Action not of the form service:Name" },
  WILDCARD_IN_SERVICE_NAME: { severity: G, title: "Wildcard in a service prefix" },
  REDUNDANT_ACTION: { severity: G, title: "Action already covered by another entry" },
  EMPTY_ARRAY_ACTION: { severity: G, title: "Empty Action list" },
  INVALID_ARN_PREFIX: { severity: E, title: "Resource neither * nor an ARN" },
  MISSING_ARN_FIELD: { severity: E, title: "ARN with fewer than six fields" },
  INVALID_ARN_SERVICE_CASE: { severity: E, title: "ARN service not in lower case" },
  INVALID_PARTITION: { severity: E, title: "Unknown ARN partition" },
  INVALID_ARN_ACCOUNT: { severity: E, title: "ARN account not a 12-digit id" },
  INVALID_ARN_REGION: { severity: E, title: "ARN region not a region name" },
  MISSING_ARN_REGION: { severity: E, title: "ARN without the region its resource type needs" },
  ARN_REGION_NOT_ALLOWED: {
    severity: E,
    title: "ARN with a region its resource type does not have",
  },
  ARN_ACCOUNT_NOT_ALLOWED: {
    severity: E,
    title: "ARN with an account its resource type does not have",
  },
  // WARNING, not ERROR: the data's ARN formats miss resources AWS authorises — AWS's own policies name
  // arn:aws:apigateway:*::/tags and /v2/apis, arn:aws:aps:*:*:/workspaces — and IAM never rejects an ARN shape.
  INVALID_ARN_RESOURCE: { severity: W, title: "ARN fits no resource type of its service" },
  RESOURCE_MISMATCH: {
    severity: W,
    title: "No resource fits the resource types the action supports",
  },
  RESOURCE_STAR: { severity: G, title: 'Resource "*" for actions with resource-level permissions' },
  REDUNDANT_RESOURCE: { severity: G, title: "ARN already covered by a wildcard ARN" },
  EMPTY_ARRAY_RESOURCE: { severity: G, title: "Empty Resource list" },
  REDUNDANT_STATEMENT: { severity: G, title: "Two statements with identical permissions" },
  UNSUPPORTED_ACTION_IN_POLICY: {
    severity: E,
    title: "Action of another service than the policy's resource",
  },
  IRRELEVANT_CONDITION_KEY_IN_POLICY: {
    severity: G,
    title: "Key meaningless in this resource policy",
  },
  UNSUPPORTED_RESOURCE_ARN_IN_POLICY: {
    severity: E,
    title: "ARN of another service than the policy's resource",
  },

  // C. principals
  UNSUPPORTED_PRINCIPAL: { severity: E, title: "Principal in a policy type that takes none" },
  MISSING_PRINCIPAL: { severity: E, title: "Resource or trust policy statement without Principal" },
  INVALID_PRINCIPAL_FORMAT: { severity: E, title: 'Principal neither "*" nor an object' },
  INVALID_PRINCIPAL_KEY: { severity: E, title: "Unknown Principal key" },
  UNSUPPORTED_WILDCARD_IN_PRINCIPAL: { severity: E, title: "Partial wildcard in a principal" },
  INVALID_SERVICE_PRINCIPAL_FORMAT: {
    severity: E,
    title: "Service principal not a service domain",
  },
  EMPTY_ARRAY_PRINCIPAL: { severity: G, title: "Empty principal list" },
  EMPTY_OBJECT_PRINCIPAL: { severity: G, title: "Empty Principal object" },
  ALLOW_WITH_NOT_PRINCIPAL: { severity: S, title: "Allow with NotPrincipal" },
  INVALID_USER_REFERENCE: { severity: W, title: "User given by unique id" },
  INVALID_ROLE_REFERENCE: { severity: W, title: "Role given by unique id" },
  FEDERATED_PRINCIPAL_NOT_SUPPORTED: {
    severity: E,
    title: "Federated principal outside a role trust policy",
  },
  ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL: {
    severity: E,
    title: "NotPrincipal in a role trust policy",
  },
  ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE: {
    severity: E,
    title: "Resource in a role trust policy",
  },
  ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL: {
    severity: E,
    title: 'Principal "*" in a role trust policy',
  },
  INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY: {
    severity: E,
    title: "Federated principal neither a domain nor a provider ARN",
  },
  MISMATCHED_ACTION_FOR_PRINCIPAL: {
    severity: E,
    title: "Federated principal with the wrong AssumeRole action",
  },
  MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY: {
    severity: E,
    title: "Roles Anywhere trust without AssumeRole, SetSourceIdentity and TagSession",
  },
  RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL: {
    severity: S,
    title: "Service principal without source conditions",
  },
  MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL: {
    severity: S,
    title: "OIDC trust without audience/subject conditions",
  },
  MISSING_GITHUB_REPO_CONDITION_KEY: {
    severity: S,
    title: "GitHub OIDC trust without a repository condition",
  },
  REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY: {
    severity: G,
    title: "Role session listed next to its role",
  },

  // D. conditions
  INVALID_CONDITION_OPERATOR: { severity: E, title: "Unknown condition operator" },
  NULL_WITH_IF_EXISTS: { severity: E, title: "NullIfExists" },
  NULL_WITH_QUALIFIER: { severity: G, title: "ForAllValues/ForAnyValue with Null" },
  INVALID_CONDITION_KEY_FORMAT: { severity: E, title: "Condition key not prefix:name" },
  INVALID_GLOBAL_CONDITION_KEY: { severity: E, title: "Unknown aws: condition key" },
  // aws:ARN: ERROR where the missing key widens access, WARNING where it only narrows it (legacy-arn-key.ts).
  UNSUPPORTED_GLOBAL_CONDITION_KEY: {
    severity: E,
    title: "aws:ARN where its absence widens access",
  },
  DEPRECATED_GLOBAL_CONDITION_KEY: {
    severity: W,
    title: "aws:ARN where its absence only narrows access",
  },
  INVALID_SERVICE_CONDITION_KEY: {
    severity: E,
    title: "Condition key the service does not define",
  },
  // WARNING, not ERROR: the per-action key lists of the service reference are incomplete — AWS's own
  // AWSIoTTwinMakerServiceRolePolicy uses iottwinmaker:linkedServices with actions the data does not list for it.
  UNSUPPORTED_ACTION_FOR_CONDITION_KEY: {
    severity: W,
    title: "No listed action supports the condition key",
  },
  MISSING_ACTION_FOR_CONDITION_KEY: {
    severity: E,
    title: "Key only evaluated for an action the statement lacks",
  },
  MISSING_TAG_KEY_IN_CONDITION: { severity: E, title: "Tag condition key without the tag key" },
  DUPLICATE_KEYS_WITH_DIFFERENT_CASE: {
    severity: E,
    title: "Same condition key twice, differing in case",
  },
  INVALID_CONDITION_DATA_TYPE: { severity: E, title: "Condition values of mixed JSON types" },
  INVALID_CONDITION_MULTIPLE_BOOLEAN: { severity: E, title: "Several Boolean values for one key" },
  // WARNING, not ERROR: a plain operator on a multivalued key is undocumented (docs/evaluation-rules.md §5.6, §11.7), and
  // AWS's own CloudTrailEventContext uses StringEquals on events:detail-type, which the data types ArrayOfString.
  MISSING_QUALIFIER: { severity: W, title: "Multivalued key without ForAllValues/ForAnyValue" },
  FORALLVALUES_WITH_SINGLE_VALUED_KEY: {
    severity: S,
    title: "ForAllValues on a single-valued key",
  },
  TYPE_MISMATCH: { severity: W, title: "Operator does not fit the key's type" },
  TYPE_MISMATCH_BOOLEAN: { severity: W, title: "Bool value other than true/false" },
  TYPE_MISMATCH_DATE: { severity: W, title: "Date operator with a value that is not a date" },
  TYPE_MISMATCH_NUMBER: { severity: W, title: "Numeric operator with a non-numeric value" },
  TYPE_MISMATCH_IP_RANGE: {
    severity: W,
    title: "IP operator with a value that is not an address/CIDR",
  },
  TYPE_MISMATCH_STRING: { severity: W, title: "BinaryEquals value that is not base-64" },
  INVALID_DATE_VALUE: { severity: W, title: "Date that may not resolve as intended" },
  WILDCARD_WITHOUT_LIKE_OPERATOR: { severity: W, title: "Wildcard in a non-Like operator" },
  PRIVATE_IP_ADDRESS: { severity: E, title: "aws:SourceIp with only private ranges" },
  PRIVATE_NOT_IP_ADDRESS: {
    severity: E,
    title: "NotIpAddress aws:SourceIp with only private ranges",
  },
  PRIVATE_IP_ADDRESS_SUBSET: {
    severity: G,
    title: "aws:SourceIp mixing private and public ranges",
  },
  PRIVATE_NOT_IP_ADDRESS_SUBSET: {
    severity: G,
    title: "NotIpAddress mixing private and public ranges",
  },
  IMPROVE_IP_RANGE: { severity: G, title: "CIDR with host bits set" },
  INVALID_VPC_FORMAT: { severity: E, title: "aws:SourceVpc value not vpc-…" },
  INVALID_VPCE_FORMAT: { severity: E, title: "aws:SourceVpce value not vpce-…" },
  INVALID_REGION: { severity: E, title: "aws:RequestedRegion value not a region" },
  EMPTY_OBJECT_CONDITION: { severity: G, title: "Empty Condition" },
  EMPTY_ARRAY_CONDITION: { severity: G, title: "Empty condition value list" },
  EMPTY_ARRAY_CONDITION_FORALLVALUES: { severity: G, title: "Empty value list with ForAllValues" },
  EMPTY_ARRAY_CONDITION_FORANYVALUE: { severity: G, title: "Empty value list with ForAnyValue" },
  EMPTY_ARRAY_CONDITION_IFEXISTS: { severity: G, title: "Empty value list with IfExists" },
  REDUNDANT_CONDITION_VALUE_NUM: { severity: G, title: "Numeric thresholds where one dominates" },
  MISSING_PAIRED_CONDITION_KEYS: { severity: S, title: "Key that is only safe with its pair" },
  DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: {
    severity: S,
    title: "Deny on a tag key some services do not support",
  },
  DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: {
    severity: S,
    title: "Deny + NotAction on a tag key some services do not support",
  },
  ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: {
    severity: G,
    title: "Allow on a tag key some services do not support",
  },
  ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: {
    severity: G,
    title: "Allow + NotAction on a tag key some services do not support",
  },
  CONFIRM_AUDIENCE_CLAIM_TYPE: { severity: G, title: "OIDC aud: confirm single vs multivalued" },
  BAD_PATTERN_FOR_MFA: { severity: W, title: "MFA check that misses long-term keys" },
  WILDCARD_USAGE_TOO_PERMISSIVE: { severity: E, title: "Wildcard in a sensitive condition key" },
  VARIABLE_USAGE_TOO_PERMISSIVE: {
    severity: E,
    title: "Policy variable in a sensitive condition key",
  },

  // E. policy variables
  MISSING_BRACE_IN_VARIABLE: { severity: E, title: "${ without }" },
  MISSING_QUOTE_IN_VARIABLE: { severity: E, title: "Variable default not in single quotes" },
  UNSUPPORTED_SPACE_IN_VARIABLE: { severity: E, title: "Space in a variable name" },
  EMPTY_VARIABLE: { severity: E, title: "${}" },
  VARIABLE_UNSUPPORTED_IN_ELEMENT: {
    severity: E,
    title: "Variable where variables are not allowed",
  },
  VARIABLE_UNSUPPORTED_IN_VERSION: { severity: E, title: "Variable under Version 2008-10-17" },
  INVALID_VARIABLE_FOR_OPERATOR: {
    severity: E,
    title: "Variable in a value of a non-string operator",
  },
  // WARNING, not ERROR: the variables page allows variables only after the fifth colon, yet the AWS managed
  // AmazonTimestreamInfluxDBServiceRolePolicy has ${aws:PrincipalAccount} in the account field, so IAM accepts it.
  VARIABLE_IN_ARN_PREFIX: { severity: W, title: "Variable before the resource part of an ARN" },

  // F. Organizations policy types
  SCP_SYNTAX_ERROR_PRINCIPAL: { severity: E, title: "Principal in an SCP" },
  SCP_SYNTAX_ERROR_ACTION_WILDCARD: { severity: E, title: "SCP action wildcard not at the end" },
  RCP_ALLOW_NOT_SUPPORTED: { severity: E, title: "Allow in a custom RCP" },
  RCP_PRINCIPAL_NOT_STAR: { severity: E, title: 'RCP Principal other than "*"' },
  RCP_VERSION_REQUIRED: { severity: E, title: 'RCP without "Version": "2012-10-17"' },

  // G. security warnings on specific actions
  PASS_ROLE_WITH_STAR_IN_RESOURCE: { severity: S, title: "iam:PassRole on all roles" },
  PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE: {
    severity: S,
    title: "PassRole through Action * on *",
  },
  PASS_ROLE_WITH_NOTRESOURCE: { severity: S, title: "iam:PassRole with NotResource" },
  PASS_ROLE_WITH_NOTACTION_AND_NOTRESOURCE: {
    severity: S,
    title: "PassRole through NotAction + NotResource",
  },
  PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOTACTION: {
    severity: S,
    title: "PassRole through NotAction on *",
  },
  PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOTRESOURCE: {
    severity: S,
    title: "PassRole through * with NotResource",
  },
  CREATE_SLR_WITH_STAR_IN_RESOURCE: { severity: W, title: "CreateServiceLinkedRole on *" },
  CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE: {
    severity: W,
    title: "CreateServiceLinkedRole through * on *",
  },
  CREATE_SLR_WITH_NOTRESOURCE: { severity: W, title: "CreateServiceLinkedRole with NotResource" },
  CREATE_SLR_WITH_NOTACTION_AND_NOTRESOURCE: {
    severity: W,
    title: "CreateServiceLinkedRole through NotAction + NotResource",
  },
  CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOTACTION: {
    severity: W,
    title: "CreateServiceLinkedRole through NotAction on *",
  },
  CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOTRESOURCE: {
    severity: W,
    title: "CreateServiceLinkedRole through * with NotResource",
  },
  NOTRESOURCE_WITH_ALLOW: { severity: W, title: "Allow with NotResource" },
  NOTACTION_WITH_ALLOW: { severity: W, title: "Allow with NotAction" },
  FULL_ADMIN_ACCESS: { severity: S, title: 'Allow of every action on every resource ("*" on "*")' },

  // parliament's opinionated checks (not AWS-documented; the catalogue gives no severity).
  // SUGGESTION: these two flag a capability, not a mistake — most policies that hold it mean to (IAMFullAccess
  // and every role that assumes another). SECURITY_WARNING would fail --fail-on security-warning for them.
  PERMISSIONS_MANAGEMENT_ACTIONS: {
    severity: G,
    title: 'Allow of "Permissions management" actions',
  },
  CREDENTIALS_EXPOSURE: { severity: G, title: "Allow of actions that return credentials" },
  // SECURITY_WARNING: the user named these resources as sensitive, so a grant on them is what they asked to see.
  SENSITIVE_ACCESS: { severity: S, title: "Allow that reaches a configured sensitive resource" },
  // SECURITY_WARNING: the policy grants more than it reads — a bucket policy/ACL/lifecycle write turns into
  // object access the policy withholds ("grants more than the author probably meant").
  RESOURCE_POLICY_PRIVILEGE_ESCALATION: {
    severity: S,
    title: "S3 bucket privilege that can grant withheld object access",
  },
} as const satisfies Record<string, CheckInfo>;

export type CheckCode = keyof typeof CHECKS;
