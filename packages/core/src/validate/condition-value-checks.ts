// Lints of condition values (docs/checks.md; docs/evaluation-rules.md §5.4, §6): value types per
// operator, wildcards without Like, policy variables, IP ranges, VPC ids, regions, redundant numbers.
import {
  checkDateValue,
  hasHostBits,
  isBase64,
  isNumericValue,
  isPrivateRange,
} from "./condition-values.js";
import { parseIpRange } from "../conditions/ip.js";
import type { KnownOperator } from "./conditions.js";
import type { ValidationContext } from "./context.js";
import { SENSITIVE_KEYS } from "./global-keys.js";
import type { LocatedCondition } from "../policy/located-policy.js";
import { lookupRegion, REGION_LIST_DATE, regionSample } from "./regions.js";
import { checkVariableKeys, findVariables } from "./variables.js";

function checkValueTypes(ctx: ValidationContext, entry: LocatedCondition, op: KnownOperator): void {
  const kinds = new Set(entry.values.map((v) => v.jsonType).filter((t) => t !== "other"));
  if (kinds.has("string") && kinds.size > 1)
    ctx.report(
      "INVALID_CONDITION_DATA_TYPE",
      entry.keyMember.loc,
      `The values of "${entry.key}" mix strings with ${[...kinds].filter((k) => k !== "string").join(" and ")}s.`,
      "Write every value of one key the same way, e.g. all as strings.",
    );

  if (
    (op.info.family === "Bool" || op.info.family === "Null") &&
    !op.qualifier &&
    entry.values.length > 1
  )
    ctx.report(
      "INVALID_CONDITION_MULTIPLE_BOOLEAN",
      entry.keyMember.loc,
      `"${entry.key}" has several Boolean values; a Boolean condition takes one.`,
      entry.values.some((v) => v.text === "true") && entry.values.some((v) => v.text === "false")
        ? "true OR false matches whenever the key is present: remove the condition or keep one value."
        : "Keep one value.",
    );
}

const SAFE_VARIABLE_KEYS = new Set(
  [
    "aws:PrincipalAccount",
    "aws:PrincipalOrgID",
    "aws:ResourceAccount",
    "aws:ResourceOrgID",
    "aws:SourceAccount",
    "aws:SourceOrgID",
    "aws:VpceAccount",
    "aws:VpceOrgID",
  ].map((k) => k.toLowerCase()),
);

function checkValues(
  ctx: ValidationContext,
  entry: LocatedCondition,
  op: KnownOperator,
  variablesAllowed: boolean,
): void {
  const lowerKey = entry.key.toLowerCase();
  const like =
    op.baseOperator === "StringLike" ||
    op.baseOperator === "StringNotLike" ||
    op.info.family === "Arn";
  const ranges: { value: (typeof entry.values)[number]; private: boolean }[] = [];
  const numbers: number[] = [];

  for (const value of entry.values) {
    if (value.jsonType === "other") continue;
    const place = value.loc;
    const text = value.text;
    const variables = findVariables(text);
    const hasVariable = variables.any;

    if (hasVariable) {
      if (op.info.family !== "String" && op.info.family !== "Arn") {
        ctx.report(
          "INVALID_VARIABLE_FOR_OPERATOR",
          place,
          `Policy variables are not supported with ${op.baseOperator}; "${text}" is not substituted.`,
          "Variables work only in String and ARN condition values.",
        );
        continue;
      }
      if (!variablesAllowed) {
        ctx.report(
          "VARIABLE_UNSUPPORTED_IN_VERSION",
          place,
          `"${text}" contains a policy variable, but Version 2008-10-17 treats it as literal text.`,
          'Use "Version": "2012-10-17".',
        );
      }
      checkVariableKeys(ctx, text, value.loc);
      if (
        SENSITIVE_KEYS.has(lowerKey) &&
        variables.keys.some((key) => !SAFE_VARIABLE_KEYS.has(key.toLowerCase()))
      )
        ctx.report(
          "VARIABLE_USAGE_TOO_PERMISSIVE",
          place,
          `A policy variable in "${entry.key}" can match more than the accounts or networks you mean.`,
          `Compare "${entry.key}" with literal values (or with \${aws:PrincipalAccount}-style identity keys).`,
        );
    }

    const bare = text.replace(/\$\{[^}]*\}/g, "");
    const wildcard = /[*?]/.test(bare);
    if (op.info.family === "String" && !like && wildcard)
      ctx.report(
        "WILDCARD_WITHOUT_LIKE_OPERATOR",
        place,
        `"${text}" contains * or ?, which ${op.baseOperator} compares literally.`,
        `Use ${op.baseOperator.includes("Not") ? "StringNotLike" : "StringLike"} for wildcard matching.`,
      );
    if (like && wildcard && SENSITIVE_KEYS.has(lowerKey) && bare !== "")
      ctx.report(
        "WILDCARD_USAGE_TOO_PERMISSIVE",
        place,
        `A wildcard in "${entry.key}" ("${text}") can match accounts, organisations or networks you do not own.`,
        "List the exact values.",
      );
    if (hasVariable) continue;

    switch (op.info.family) {
      case "Bool":
      case "Null":
        if (text !== "true" && text !== "false")
          ctx.report(
            "TYPE_MISMATCH_BOOLEAN",
            place,
            `${op.baseOperator} expects true or false, not "${text}".`,
            text.toLowerCase() === "true" || text.toLowerCase() === "false"
              ? `Write "${text.toLowerCase()}".`
              : undefined,
          );
        break;
      case "Numeric":
        if (!isNumericValue(text))
          ctx.report(
            "TYPE_MISMATCH_NUMBER",
            place,
            `${op.baseOperator} expects a number, not "${text}".`,
            "Write an integer or decimal such as 10 or 2.5.",
          );
        else numbers.push(Number(text));
        break;
      case "Date": {
        const result = checkDateValue(text);
        if (result === "invalid")
          ctx.report(
            "TYPE_MISMATCH_DATE",
            place,
            `${op.baseOperator} expects a date, not "${text}".`,
            "Use an ISO 8601 date such as 2026-01-31 or 2026-01-31T12:00:00Z, or epoch seconds.",
          );
        else if (result === "odd")
          ctx.report(
            "INVALID_DATE_VALUE",
            place,
            `The date "${text}" may not resolve as you expect.`,
            "Write a full date (YYYY-MM-DD) or a timestamp with a zone (2026-01-31T12:00:00Z); epoch values are seconds.",
          );
        break;
      }
      case "IpAddress": {
        const range = parseIpRange(text);
        if (!range) {
          ctx.report(
            "TYPE_MISMATCH_IP_RANGE",
            place,
            `${op.baseOperator} expects an IP address or CIDR range, not "${text}".`,
            "For example 203.0.113.0/24 or 2001:db8::/32.",
          );
          break;
        }
        if (hasHostBits(range))
          ctx.report(
            "IMPROVE_IP_RANGE",
            place,
            `"${text}" has bits set after the /${range.prefix} mask; AWS ignores them.`,
            "Write the network address of the range.",
          );
        ranges.push({ value, private: isPrivateRange(range) });
        break;
      }
      case "Binary":
        if (!isBase64(text))
          ctx.report(
            "TYPE_MISMATCH_STRING",
            place,
            `BinaryEquals expects a base-64 value, not "${text}".`,
          );
        break;
      default:
        break;
    }

    if (wildcard && like) continue;
    if (
      lowerKey === "aws:sourcevpc" &&
      op.info.family === "String" &&
      !/^vpc-([a-z0-9]{8}|[a-z0-9]{17})$/.test(text)
    )
      ctx.report(
        "INVALID_VPC_FORMAT",
        place,
        `"${text}" is not a VPC id.`,
        "VPC ids look like vpc-1a2b3c4d or vpc-0123456789abcdef0.",
      );
    if (
      lowerKey === "aws:sourcevpce" &&
      op.info.family === "String" &&
      !/^vpce-([a-z0-9]{8}|[a-z0-9]{17})$/.test(text)
    )
      ctx.report(
        "INVALID_VPCE_FORMAT",
        place,
        `"${text}" is not a VPC endpoint id.`,
        "VPC endpoint ids look like vpce-1a2b3c4d or vpce-0123456789abcdef0.",
      );
    if (lowerKey === "aws:requestedregion" && op.info.family === "String" && !hasVariable) {
      const found = lookupRegion(text);
      if (found.kind !== "known")
        ctx.report(
          "INVALID_REGION",
          place,
          found.kind === "invalid"
            ? `"${text}" is not a region name.`
            : `"${text}" is unknown to the region list of ${REGION_LIST_DATE}.`,
          found.kind === "invalid"
            ? "Region names look like us-east-1 or eu-central-2."
            : `Check the region code; ${found.partition} regions include ${regionSample(found.partition)}.`,
        );
    }
  }

  if (lowerKey === "aws:sourceip" && ranges.length > 0) {
    const negated = op.baseOperator === "NotIpAddress";
    const privates = ranges.filter((r) => r.private);
    const place = entry.keyMember.loc;
    if (privates.length === ranges.length)
      ctx.report(
        negated ? "PRIVATE_NOT_IP_ADDRESS" : "PRIVATE_IP_ADDRESS",
        place,
        `aws:SourceIp never carries private addresses, so ${op.baseOperator} on only private ranges ${negated ? "is always true" : "never matches"}.`,
        "For traffic from your VPC use aws:VpcSourceIp with aws:SourceVpc, or aws:SourceVpce.",
      );
    else if (privates.length > 0)
      ctx.report(
        negated ? "PRIVATE_NOT_IP_ADDRESS_SUBSET" : "PRIVATE_IP_ADDRESS_SUBSET",
        place,
        `The private ranges (${privates.map((r) => r.value.text).join(", ")}) have no effect: aws:SourceIp is always a public address.`,
        "Remove the private ranges.",
      );
  }

  if (
    numbers.length > 1 &&
    !op.qualifier &&
    /^Numeric(Less|Greater)Than(Equals)?$/.test(op.baseOperator)
  )
    ctx.report(
      "REDUNDANT_CONDITION_VALUE_NUM",
      entry.keyMember.loc,
      `${op.baseOperator} with several values is true if any one holds, so only ${op.baseOperator.includes("Less") ? Math.max(...numbers) : Math.min(...numbers)} matters.`,
      "Keep the single value you mean.",
    );
}

/** The value lints of one condition entry with a known operator. */
export function checkConditionValues(
  ctx: ValidationContext,
  entry: LocatedCondition,
  op: KnownOperator,
  variablesAllowed: boolean,
): void {
  checkValueTypes(ctx, entry, op);
  checkValues(ctx, entry, op, variablesAllowed);
}
