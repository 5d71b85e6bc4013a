// Resource / NotResource checks (docs/checks.md; docs/evaluation-rules.md §3, §6): ARN syntax, variables in the
// ARN prefix, redundancy, and — with the IAM data — ARN formats and action/resource fit.
import type { SourceLocation } from "../types.js";
import type { ValidationContext } from "./context.js";
import type { LocatedList, LocatedPattern, LocatedStatement } from "../policy/located-policy.js";
import {
  type ArnFormat,
  globsIntersect,
  resourceTypeOf,
  serviceIndex,
  splitArn,
} from "./service-index.js";
import {
  isPartition,
  lookupRegion,
  PARTITION_NAMES,
  REGION_LIST_DATE,
  regionSample,
} from "./regions.js";
import { checkVariableKeys, containsVariable, variablesAsWildcards } from "./variables.js";
import { globCovers, hasWildcard } from "./wildcards.js";

interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** A literal ARN region: a region name, of the ARN's own partition (regions table of regions.ts). */
function checkArnRegion(
  ctx: ValidationContext,
  place: SourceLocation,
  region: string,
  partition: string,
): void {
  const found = lookupRegion(region);
  if (found.kind === "invalid")
    ctx.report(
      "INVALID_ARN_REGION",
      place,
      `"${region}" is not a region name.`,
      "Region names look like us-east-1; leave the field empty for global resources.",
    );
  else if (isPartition(partition) && found.partition !== partition)
    ctx.report(
      "INVALID_ARN_REGION",
      place,
      `"${region}" is a region of the ${found.partition} partition, not of ${partition}.`,
      `Use a ${partition} region or the ${found.partition} partition.`,
    );
  else if (found.kind === "unlisted")
    ctx.report(
      "INVALID_ARN_REGION",
      place,
      `"${region}" is unknown to the region list of ${REGION_LIST_DATE}.`,
      `Check the region code; ${found.partition} regions include ${regionSample(found.partition)}.`,
    );
}

/** ARN syntax; returns the fields when the ARN is well formed enough for the data checks. */
function checkArnSyntax(
  ctx: ValidationContext,
  item: LocatedPattern,
  variablesAllowed: boolean,
): ParsedArn | undefined {
  const text = item.value;
  const place = item.loc;
  if (text === "*") return undefined;
  if (!text.startsWith("arn:")) {
    ctx.report(
      "INVALID_ARN_PREFIX",
      place,
      `"${text}" is neither "*" nor an ARN.`,
      text.toLowerCase().startsWith("arn:")
        ? 'The ARN prefix is case-sensitive: write "arn:".'
        : "Resources are ARNs such as arn:aws:s3:::bucket/key.",
    );
    return undefined;
  }
  const fields = splitArn(text);
  if (fields.length < 6) {
    // A trailing * may expand beyond colons (`arn:aws:sqs:*`, current Resource page, docs/evaluation-rules.md §3.2).
    if (!text.endsWith("*"))
      ctx.report(
        "MISSING_ARN_FIELD",
        place,
        `"${text}" has ${fields.length} of the six ARN fields arn:partition:service:region:account:resource.`,
        "Keep the empty fields: arn:aws:s3:::bucket has an empty region and account.",
      );
    return undefined;
  }
  const [, partition, service, region, account, resource] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];

  const prefixFields = fields.slice(1, 5).join(":");
  if (containsVariable(prefixFields)) {
    ctx.report(
      "VARIABLE_IN_ARN_PREFIX",
      place,
      `"${text}" has a policy variable before the resource part.`,
      "Variables are only allowed in the resource part, after the fifth colon.",
    );
    return undefined;
  }
  if (containsVariable(resource)) {
    if (!variablesAllowed)
      ctx.report(
        "VARIABLE_UNSUPPORTED_IN_VERSION",
        place,
        `"${text}" contains a policy variable, but Version 2008-10-17 treats it as literal text.`,
        'Use "Version": "2012-10-17".',
      );
    checkVariableKeys(ctx, resource, item.loc);
  }

  // The IAM data writes every ARN format with ${Partition}: it does not say which partitions a service
  // exists in, so the partition is checked against the list of AWS partitions only.
  if (!hasWildcard(partition) && !isPartition(partition))
    ctx.report(
      "INVALID_PARTITION",
      place,
      `"${partition}" is not an AWS partition.`,
      `Partitions: ${PARTITION_NAMES.join(", ")}.`,
    );
  if (hasWildcard(service))
    ctx.report(
      "WILDCARD_IN_SERVICE_NAME",
      place,
      `"${text}" has a wildcard in the ARN service, which can match unrelated or future services.`,
      "Name the service.",
    );
  else if (service !== service.toLowerCase())
    ctx.report(
      "INVALID_ARN_SERVICE_CASE",
      place,
      `The ARN service "${service}" must be lower case.`,
      `Write "${service.toLowerCase()}".`,
    );
  if (region !== "" && !hasWildcard(region)) checkArnRegion(ctx, place, region, partition);
  if (account !== "" && !hasWildcard(account) && !/^\d{12}$/.test(account) && account !== "aws")
    ctx.report(
      "INVALID_ARN_ACCOUNT",
      place,
      `"${account}" is not an account id.`,
      "Account ids have 12 digits; leave the field empty where the resource type has no account.",
    );
  return { partition, service, region, account, resource };
}

/** ARN formats the resource could fit, or undefined when the data cannot say. */
function fittingFormats(formats: ArnFormat[], arn: ParsedArn): ArnFormat[] {
  const resource = variablesAsWildcards(arn.resource);
  return formats.filter((f) => globsIntersect(f.resourceGlob, resource));
}

function checkArnAgainstData(ctx: ValidationContext, item: LocatedPattern, arn: ParsedArn): void {
  const data = ctx.serviceData;
  if (!data || hasWildcard(arn.service)) return;
  const place = item.loc;
  const index = serviceIndex(data);
  const formats = index.arnFormatsOf(arn.service);
  if (!formats) {
    if (!data.service(arn.service))
      ctx.report(
        "INVALID_SERVICE",
        place,
        `The ARN service "${arn.service}" is unknown to the IAM data of ${data.updatedAt}.`,
        "Check the service name in the Service Authorization Reference.",
      );
    return;
  }
  const fits = fittingFormats(formats, arn);
  if (fits.length === 0 && fittingFormats(index.anyServiceFormats, arn).length > 0) return;
  if (fits.length === 0) {
    ctx.report(
      "INVALID_ARN_RESOURCE",
      place,
      `"${item.value}" fits none of the ${arn.service} resource types in the IAM data of ${data.updatedAt}.`,
      `Resource parts look like: ${[...new Set(formats.slice(0, 4).map((f) => f.resourceGlob))].join(", ")}.`,
    );
    return;
  }
  const literal = (field: string) => field !== "" && !hasWildcard(field);
  if (literal(arn.region) && fits.every((f) => f.region === ""))
    ctx.report(
      "ARN_REGION_NOT_ALLOWED",
      place,
      `${fits[0]!.typeName} ARNs have no region, but "${item.value}" names "${arn.region}".`,
      "Leave the region field empty.",
    );
  else if (arn.region === "" && fits.every((f) => f.region !== ""))
    ctx.report(
      "MISSING_ARN_REGION",
      place,
      `${fits[0]!.typeName} ARNs need a region, but "${item.value}" has none.`,
      'Add the region (or "*").',
    );
  if (literal(arn.account) && fits.every((f) => f.account === ""))
    ctx.report(
      "ARN_ACCOUNT_NOT_ALLOWED",
      place,
      `${fits[0]!.typeName} ARNs have no account, but "${item.value}" names "${arn.account}".`,
      "Leave the account field empty.",
    );
  // No "missing account" check: AWS-owned resources (SSM documents, public AMIs) have an empty account
  // although their ARN format has ${Account} (e.g. arn:aws:ssm:*::document/AWS-* in AWS managed policies).
}

function checkRedundant(ctx: ValidationContext, list: LocatedList | undefined): void {
  if (!list) return;
  const wildcards = list.items.filter((i) => hasWildcard(i.value));
  const seen = new Set<string>();
  for (const item of list.items) {
    if (seen.has(item.value)) {
      ctx.report("REDUNDANT_RESOURCE", item.loc, `"${item.value}" is listed twice.`, "Remove it.");
      continue;
    }
    seen.add(item.value);
    const cover = wildcards.find(
      (other) => other.value !== item.value && globCovers(other.value, item.value),
    );
    if (cover)
      ctx.report(
        "REDUNDANT_RESOURCE",
        item.loc,
        `"${item.value}" is already covered by "${cover.value}".`,
        "Remove it.",
      );
  }
}

/** Whether a resource pattern can match an ARN of this format (resource part; region and account are
 * left to the ARN checks so one mistake is not reported twice). */
function patternFits(pattern: string, format: ArnFormat): boolean {
  if (pattern === "*") return true;
  const fields = splitArn(variablesAsWildcards(pattern));
  if (fields.length < 6) return pattern.endsWith("*");
  return globsIntersect(fields[5]!, format.resourceGlob);
}

/** RESOURCE_MISMATCH and RESOURCE_STAR: do the statement's actions and resources fit together? */
function checkActionResourceFit(ctx: ValidationContext, statement: LocatedStatement): void {
  const data = ctx.serviceData;
  if (!data || !statement.action || !statement.resource || statement.resource.items.length === 0)
    return;
  const index = serviceIndex(data);
  const patterns = statement.resource.items.map((i) => i.value);
  const onlyStar = patterns.every((p) => p === "*");
  const hasStar = patterns.includes("*");
  let starWithResourceLevel: LocatedPattern | undefined;

  for (const item of statement.action.items) {
    if (item.value === "*" || !item.value.includes(":")) continue;
    const result = index.expand(item.value);
    if (result.kind !== "actions" || result.actions.length === 0) continue;
    if (onlyStar) {
      if (!hasWildcard(item.value) && result.actions.some((a) => a.action.resourceTypes.length > 0))
        starWithResourceLevel ??= item;
      continue;
    }
    if (hasStar) continue;
    const fits = result.actions.some(({ service, action }) => {
      if (action.resourceTypes.length === 0) return false; // needs Resource "*"
      return action.resourceTypes.some((rt) => {
        const type = resourceTypeOf(service, rt.name);
        if (!type) return true; // the data does not say: assume it fits
        return type.arn.split(/,\s*(?=arn:)/).some((template) => {
          const [, , arnService, region, account, resource] = splitArn(template);
          const format: ArnFormat = {
            servicePrefix: service.prefix,
            typeName: type.name,
            region: region ?? "",
            account: account ?? "",
            resourceGlob: (resource ?? "*").replace(/\$\{[^}]*\}|<[^>]*>/g, "*"),
          };
          const anyService = arnService === undefined || arnService.includes("${");
          return patterns.some((p) => {
            const fields = splitArn(p);
            if (
              !anyService &&
              fields.length >= 3 &&
              !hasWildcard(fields[2]!) &&
              fields[2] !== arnService
            )
              return false;
            return patternFits(p, format);
          });
        });
      });
    });
    if (!fits) {
      const only = result.actions.length === 1 ? result.actions[0]! : undefined;
      ctx.report(
        "RESOURCE_MISMATCH",
        item.loc,
        only && only.action.resourceTypes.length === 0
          ? `"${only.service.prefix}:${only.action.name}" does not support resource-level permissions, so it only matches "Resource": "*"; this statement names specific resources.`
          : `None of this statement's resources is a resource type that "${item.value}" supports (IAM data of ${data.updatedAt}).`,
        only && only.action.resourceTypes.length === 0
          ? `Move "${item.value}" to a statement with "Resource": "*".`
          : `Supported types: ${[...new Set(result.actions.flatMap((a) => a.action.resourceTypes.map((rt) => rt.name)))].slice(0, 6).join(", ")}.`,
      );
    }
  }

  if (starWithResourceLevel && statement.effect === "Allow")
    ctx.report(
      "RESOURCE_STAR",
      statement.resource.items[0]!.loc,
      `"Resource": "*" grants "${starWithResourceLevel.value}" (and the other actions) on every resource, although it supports resource-level permissions.`,
      "Name the resource ARNs where you can.",
    );
}

export function checkResources(
  ctx: ValidationContext,
  statement: LocatedStatement,
  variablesAllowed: boolean,
): void {
  for (const list of [statement.resource, statement.notResource]) {
    if (!list) continue;
    for (const item of list.items) {
      const arn = checkArnSyntax(ctx, item, variablesAllowed);
      if (arn) checkArnAgainstData(ctx, item, arn);
    }
    checkRedundant(ctx, list);
  }
  checkActionResourceFit(ctx, statement);
}
