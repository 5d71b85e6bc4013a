// no-public-access: whether a resource-based policy (bucket policy, key policy, role trust policy,
// queue, topic, function, secret…) grants access to anyone outside a known account, organization
// or service, after IAM Access Analyzer's reading of public access:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html
// (the `condition.*` filter keys are the condition keys Access Analyzer reads as restricting
// who has access) and
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-preview-access-apis.html
// Reading chosen where AWS is silent (sound: when unsure, FAIL): docs/access-checks.md.
import type { Condition, IamServiceData, Policy, Statement } from "../types.js";
import type { CheckResult, CheckStatementRef } from "./checks.js";
import { expandActionPattern, expandNotAction } from "./expand-actions.js";
import type { AccessCondition } from "./types.js";

/** The resource types of Access Analyzer's CheckNoPublicAccess (plus a few it analyzes for findings). */
export const PUBLIC_ACCESS_RESOURCE_TYPES = [
  "AWS::S3::Bucket",
  "AWS::S3::AccessPoint",
  "AWS::S3::MultiRegionAccessPoint",
  "AWS::S3Express::DirectoryBucket",
  "AWS::S3Express::AccessPoint",
  "AWS::S3Tables::TableBucket",
  "AWS::S3Tables::Table",
  "AWS::S3ObjectLambda::AccessPoint",
  "AWS::KMS::Key",
  "AWS::IAM::AssumeRolePolicyDocument",
  "AWS::SQS::Queue",
  "AWS::SNS::Topic",
  "AWS::Lambda::Function",
  "AWS::Lambda::LayerVersion",
  "AWS::SecretsManager::Secret",
  "AWS::ECR::Repository",
  "AWS::EFS::FileSystem",
  "AWS::DynamoDB::Table",
  "AWS::DynamoDB::Stream",
  "AWS::Kinesis::Stream",
  "AWS::Kinesis::StreamConsumer",
  "AWS::ApiGateway::RestApi",
  "AWS::Glacier::Vault",
  "AWS::CodeArtifact::Domain",
  "AWS::Backup::BackupVault",
  "AWS::CloudTrail::Dashboard",
  "AWS::CloudTrail::EventDataStore",
  "AWS::OpenSearchService::Domain",
] as const;

export type PublicAccessResourceType = (typeof PUBLIC_ACCESS_RESOURCE_TYPES)[number];

/**
 * Condition keys that tie a grant to a known account, organization, service or network, each with
 * its source. A key counts only under a positive operator (no `IfExists`, no `ForAllValues`, no
 * `Not…`) and with values that fix an account, organization or endpoint (see `restricts`).
 */
export const RESTRICTING_CONDITION_KEYS: Readonly<Record<string, string>> = {
  "aws:principalaccount":
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalaccount",
  "aws:principalarn":
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html",
  "aws:principalorgid":
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html",
  "aws:principalorgpaths":
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html",
  "aws:sourceaccount":
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html",
  "aws:sourcearn":
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html",
  "aws:sourceowner":
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html",
  "aws:sourceorgid":
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceorgid",
  "aws:sourceorgpaths":
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceorgpaths",
  "aws:sourcevpc":
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html",
  "aws:sourcevpce":
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html",
  "aws:userid":
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html",
  "aws:username":
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html",
  "kms:calleraccount":
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html",
  "s3:dataaccesspointaccount":
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html",
  "s3:dataaccesspointarn":
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html",
  "lambda:eventsourcetoken":
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html",
  "cognito-identity.amazonaws.com:aud":
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_oidc_user-id.html",
};

const POSITIVE_OPERATORS = new Set([
  "stringequals",
  "stringequalsignorecase",
  "stringlike",
  "arnequals",
  "arnlike",
]);

const ARN_KEYS = new Set(["aws:principalarn", "aws:sourcearn", "s3:dataaccesspointarn"]);

/** Web identity providers: a role trusting one of them trusts anyone who signs in there. */
const PUBLIC_FEDERATED = new Set([
  "cognito-identity.amazonaws.com",
  "accounts.google.com",
  "graph.facebook.com",
  "www.amazon.com",
]);

export interface PublicGrant {
  actions: string[];
  resources?: string[];
  notResources?: string[];
  /** The principal as written: `*`, `AWS:*`, `Federated:…`, or `NotPrincipal …`. */
  principal: string;
  conditions: AccessCondition[];
  statement: CheckStatementRef;
  explanation: string;
  /** Conditions present that were not counted as restricting, each with why. */
  ignoredConditions: { condition: AccessCondition; why: string }[];
}

export interface RestrictingCondition {
  condition: AccessCondition;
  statement: CheckStatementRef;
  /** Where AWS documents the key as restricting access. */
  source: string;
}

export interface NoPublicAccessResult {
  check: "no-public-access";
  result: CheckResult;
  resourceType: string;
  publicGrants: PublicGrant[];
  /** Conditions that made a grant to everyone not public. */
  restrictedBy: RestrictingCondition[];
  serviceDataDate: string;
}

function asAccessCondition(condition: Condition): AccessCondition {
  return {
    operator: condition.operator,
    key: condition.key,
    values: condition.values.map((v) => v.text),
  };
}

/** Why a condition does not restrict (undefined when it does). */
function whyNotRestricting(condition: Condition): string | undefined {
  const key = condition.key.toLowerCase();
  if (!(key in RESTRICTING_CONDITION_KEYS))
    return "its key does not name an account, organization, service or network";
  if (condition.ifExists) return "IfExists holds when the key is absent";
  if (condition.qualifier === "ForAllValues") return "ForAllValues holds when the key is absent";
  if (!POSITIVE_OPERATORS.has(condition.baseOperator.toLowerCase()))
    return `${condition.operator} does not limit the key to listed values`;
  for (const value of condition.values) {
    const text = value.text;
    if (ARN_KEYS.has(key)) {
      const fields = text.split(":");
      const account = fields[4] ?? "";
      const fixed = /^\d{12}$/.test(account) || (fields.length >= 6 && !/[*?]/.test(text));
      if (!fixed) return `the value ${JSON.stringify(text)} does not fix an account`;
    } else if (/[*?]/.test(text) || text.includes("${")) {
      return `the value ${JSON.stringify(text)} has a wildcard or variable`;
    }
  }
  return undefined;
}

function publicPrincipal(statement: Statement): string | undefined {
  if (statement.notPrincipal)
    return `NotPrincipal ${statement.notPrincipal.wildcard ? "*" : statement.notPrincipal.entries.map((e) => `${e.kind}:${e.value}`).join(", ")}`;
  const block = statement.principal;
  if (!block) return undefined;
  if (block.wildcard) return "*";
  for (const entry of block.entries) {
    if (entry.value === "*") return `${entry.kind}:*`;
    if (entry.kind === "Federated" && PUBLIC_FEDERATED.has(entry.value.toLowerCase()))
      return `Federated:${entry.value}`;
  }
  return undefined;
}

/**
 * FAIL when an Allow statement grants access to everyone (`*`, `{"AWS": "*"}`, NotPrincipal, a
 * public web identity provider) and no condition of that statement restricts it to a known
 * account, organization, service or network.
 */
export function checkNoPublicAccess(
  policy: Policy,
  resourceType: string,
  options: { serviceData: IamServiceData },
): NoPublicAccessResult {
  const publicGrants: PublicGrant[] = [];
  const restrictedBy: RestrictingCondition[] = [];
  for (const statement of policy.statements) {
    if (statement.effect !== "Allow") continue;
    const principal = publicPrincipal(statement);
    if (principal === undefined) continue;
    const ignored: PublicGrant["ignoredConditions"] = [];
    const restricting: RestrictingCondition[] = [];
    for (const condition of statement.conditions) {
      const why = whyNotRestricting(condition);
      if (why === undefined)
        restricting.push({
          condition: asAccessCondition(condition),
          statement: {
            statementIndex: statement.index,
            ...(statement.sid !== undefined && { sid: statement.sid }),
          },
          source: RESTRICTING_CONDITION_KEYS[condition.key.toLowerCase()]!,
        });
      else ignored.push({ condition: asAccessCondition(condition), why });
    }
    if (restricting.length > 0) {
      restrictedBy.push(...restricting);
      continue;
    }
    const actions = statement.action
      ? statement.action.patterns.flatMap((p) =>
          expandActionPattern(p, options.serviceData).map((a) => a.action),
        )
      : statement.notAction
        ? expandNotAction(statement.notAction.patterns, options.serviceData).map((a) => a.action)
        : [];
    publicGrants.push({
      actions: [...new Set(actions)],
      ...(statement.resource && { resources: [...statement.resource.patterns] }),
      ...(statement.notResource && { notResources: [...statement.notResource.patterns] }),
      principal,
      conditions: statement.conditions.map(asAccessCondition),
      statement: {
        statementIndex: statement.index,
        ...(statement.sid !== undefined && { sid: statement.sid }),
      },
      explanation:
        statement.conditions.length === 0
          ? `Principal ${principal} without conditions: anyone`
          : `Principal ${principal}, and no condition limits it to a known account, organization, service or network`,
      ignoredConditions: ignored,
    });
  }
  return {
    check: "no-public-access",
    result: publicGrants.length > 0 ? "FAIL" : "PASS",
    resourceType,
    publicGrants,
    restrictedBy,
    serviceDataDate: options.serviceData.updatedAt,
  };
}
