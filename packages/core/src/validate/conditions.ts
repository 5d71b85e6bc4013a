// Condition checks (LINT-CHECKS §D, §E; IAM-SEMANTICS §5, §6, §8): operators, keys, value types,
// empty lists, IP ranges, sensitive keys and policy variables in condition values.
import { closestName } from "./closest-name.js";
import {
  checkDateValue,
  hasHostBits,
  isBase64,
  isNumericValue,
  isPrivateRange,
  parseIpRange,
} from "./condition-values.js";
import type { ValidationContext } from "./context.js";
import {
  GLOBAL_KEY_NAMES,
  globalKeyType,
  SENSITIVE_KEYS,
  TAG_KEY_PREFIXES,
} from "./global-keys.js";
import { checkLegacyArnKey } from "./legacy-arn-key.js";
import { at, atKey, type ConditionEntry, membersOf, type StatementView } from "./model.js";
import { lookupRegion, REGION_LIST_DATE, regionSample } from "./regions.js";
import { checkNoVariable, checkVariableSyntax, findVariables } from "./variables.js";

export type OperatorFamily =
  "String" | "Numeric" | "Date" | "Bool" | "Binary" | "Ip" | "Arn" | "Null";

const BASE_OPERATORS: Record<string, OperatorFamily> = {
  StringEquals: "String",
  StringNotEquals: "String",
  StringEqualsIgnoreCase: "String",
  StringNotEqualsIgnoreCase: "String",
  StringLike: "String",
  StringNotLike: "String",
  NumericEquals: "Numeric",
  NumericNotEquals: "Numeric",
  NumericLessThan: "Numeric",
  NumericLessThanEquals: "Numeric",
  NumericGreaterThan: "Numeric",
  NumericGreaterThanEquals: "Numeric",
  DateEquals: "Date",
  DateNotEquals: "Date",
  DateLessThan: "Date",
  DateLessThanEquals: "Date",
  DateGreaterThan: "Date",
  DateGreaterThanEquals: "Date",
  Bool: "Bool",
  BinaryEquals: "Binary",
  IpAddress: "Ip",
  NotIpAddress: "Ip",
  ArnEquals: "Arn",
  ArnLike: "Arn",
  ArnNotEquals: "Arn",
  ArnNotLike: "Arn",
  Null: "Null",
};

export interface ParsedOperator {
  base: string;
  family: OperatorFamily;
  qualifier?: "ForAllValues" | "ForAnyValue";
  ifExists: boolean;
}

/** `ForAllValues:StringLikeIfExists` → base StringLike, qualifier, IfExists; undefined if unknown. */
export function parseOperator(operator: string): ParsedOperator | undefined {
  let rest = operator;
  let qualifier: ParsedOperator["qualifier"];
  for (const q of ["ForAllValues", "ForAnyValue"] as const) {
    if (rest.startsWith(`${q}:`)) {
      qualifier = q;
      rest = rest.slice(q.length + 1);
    }
  }
  let ifExists = false;
  if (rest.endsWith("IfExists") && rest !== "IfExists") {
    ifExists = true;
    rest = rest.slice(0, -"IfExists".length);
  }
  // Own properties only: an operator named "constructor" or "__proto__" is just unknown.
  const family = Object.hasOwn(BASE_OPERATORS, rest) ? BASE_OPERATORS[rest] : undefined;
  return family ? { base: rest, family, qualifier, ifExists } : undefined;
}

/** Operator families that fit each IAM data type (ArrayOfX as X); ARN and String operators fit both kinds. */
const FITTING: Record<string, OperatorFamily[]> = {
  // ARN operators on String keys that hold ARNs are AWS's own documented practice (ArnLike on
  // kms:EncryptionContext:aws:logs:arn, 44 times in the AWS managed policies), so they fit too.
  String: ["String", "Arn"],
  ARN: ["Arn", "String"],
  Arn: ["Arn", "String"],
  Numeric: ["Numeric"],
  Long: ["Numeric"],
  Integer: ["Numeric"],
  Date: ["Date"],
  Bool: ["Bool"],
  Boolean: ["Bool"],
  IPAddress: ["Ip"],
  Binary: ["Binary"],
};

/** A key's type as far as lint knows it: global table, then (for service keys) the service data. */
export type KeyTypeLookup = (key: string) => { type: string; alsoType?: string } | undefined;

function isMultivalued(type: string): boolean {
  return type.startsWith("ArrayOf");
}

function scalarType(type: string): string {
  return type.replace(/^ArrayOf/, "");
}

function checkOperator(
  ctx: ValidationContext,
  entry: ConditionEntry,
  seen: Set<string>,
): ParsedOperator | undefined {
  const place = atKey(entry.operatorMember);
  const parsed = parseOperator(entry.operator);
  const once = !seen.has(entry.operatorMember.path);
  seen.add(entry.operatorMember.path);
  if (parsed?.family === "Null" && parsed.ifExists) {
    if (once)
      ctx.report(
        "NULL_WITH_IF_EXISTS",
        place,
        `"${entry.operator}" is not an operator: IfExists cannot be added to Null.`,
        'Use "Null" alone; it already tests whether the key exists.',
      );
    return undefined;
  }
  if (!parsed) {
    if (!once) return undefined;
    const bare = entry.operator.replace(/^For(AllValues|AnyValue):/, "").replace(/IfExists$/, "");
    const near = closestName(bare, Object.keys(BASE_OPERATORS));
    ctx.report(
      "INVALID_CONDITION_OPERATOR",
      place,
      `"${entry.operator}" is not a condition operator.`,
      near
        ? `Did you mean "${entry.operator.replace(bare, near)}"? Operator names are case-sensitive.`
        : undefined,
    );
    return undefined;
  }
  if (once && parsed.family === "Null" && parsed.qualifier)
    ctx.report(
      "NULL_WITH_QUALIFIER",
      place,
      parsed.qualifier === "ForAllValues"
        ? '"ForAllValues:Null" is always true.'
        : '"ForAnyValue:Null" is always false.',
      'Use "Null" without a qualifier.',
    );
  return parsed;
}

function checkKeyFormat(
  ctx: ValidationContext,
  entry: ConditionEntry,
  op: ParsedOperator | undefined,
  effect: string | undefined,
): boolean {
  const place = atKey(entry.keyMember);
  if (!/^[^\s:]+:\S/.test(entry.key)) {
    ctx.report(
      "INVALID_CONDITION_KEY_FORMAT",
      place,
      `"${entry.key}" is not a condition key: keys have the form prefix:name.`,
      "For example aws:SourceIp or s3:prefix.",
    );
    return false;
  }
  if (
    checkNoVariable(
      ctx,
      entry.key,
      entry.keyMember.path,
      { loc: entry.keyMember.keyLoc },
      "condition keys",
    )
  )
    return false;
  const lower = entry.key.toLowerCase();
  if (!lower.startsWith("aws:")) return true;

  const tagPrefix = TAG_KEY_PREFIXES.find(
    (p) => lower === p.toLowerCase() || lower === `${p.toLowerCase()}/`,
  );
  if (tagPrefix) {
    ctx.report(
      "MISSING_TAG_KEY_IN_CONDITION",
      place,
      `"${entry.key}" needs the tag key: ${tagPrefix}/tag-key.`,
      `For example "${tagPrefix}/Department".`,
    );
    return false;
  }
  if (checkLegacyArnKey(ctx, entry, op, effect)) return false;
  if (!globalKeyType(entry.key)) {
    const near = closestName(entry.key, GLOBAL_KEY_NAMES);
    ctx.report(
      "INVALID_GLOBAL_CONDITION_KEY",
      place,
      `"${entry.key}" is not a global condition key.`,
      near
        ? `Did you mean "${near}"?`
        : "Global keys are listed on the AWS global condition context keys page.",
    );
    return false;
  }
  return true;
}

function checkKeyType(
  ctx: ValidationContext,
  entry: ConditionEntry,
  op: ParsedOperator,
  lookup: KeyTypeLookup,
): void {
  if (op.family === "Null") return;
  const keyType = lookup(entry.key);
  if (!keyType) return;
  const place = atKey(entry.keyMember);
  const families = [keyType.type, keyType.alsoType]
    .filter((t): t is string => t !== undefined)
    .flatMap((t) => (Object.hasOwn(FITTING, scalarType(t)) ? FITTING[scalarType(t)]! : []));
  if (families.length > 0 && !families.includes(op.family))
    ctx.report(
      "TYPE_MISMATCH",
      place,
      `"${entry.operator}" is a ${op.family} operator but "${entry.key}" is a ${scalarType(keyType.type)} key.`,
      `Use a ${families[0]} operator such as ${Object.keys(BASE_OPERATORS).find((o) => BASE_OPERATORS[o] === families[0])}.`,
    );
  if (isMultivalued(keyType.type) && !op.qualifier)
    ctx.report(
      "MISSING_QUALIFIER",
      atKey(entry.operatorMember),
      `"${entry.key}" is multivalued, so "${entry.operator}" needs ForAllValues: or ForAnyValue:.`,
      `ForAnyValue:${entry.operator} is true if any request value matches; ForAllValues:${entry.operator} if every one does.`,
    );
  if (!isMultivalued(keyType.type) && op.qualifier === "ForAllValues")
    ctx.report(
      "FORALLVALUES_WITH_SINGLE_VALUED_KEY",
      atKey(entry.operatorMember),
      `"${entry.key}" is single-valued: ForAllValues is also true when the key is missing, which makes an Allow broader than intended.`,
      `Use "${entry.operator.replace("ForAllValues:", "")}".`,
    );
}

function checkEmptyValues(
  ctx: ValidationContext,
  entry: ConditionEntry,
  op: ParsedOperator,
): boolean {
  if (!entry.isArray || entry.values.length > 0) return false;
  const place = at(entry.keyMember.path, entry.keyMember.value);
  if (op.qualifier === "ForAllValues")
    ctx.report(
      "EMPTY_ARRAY_CONDITION_FORALLVALUES",
      place,
      `With no values, "${entry.operator}" is true only when "${entry.key}" is missing or empty.`,
    );
  else if (op.qualifier === "ForAnyValue")
    ctx.report(
      "EMPTY_ARRAY_CONDITION_FORANYVALUE",
      place,
      `With no values, "${entry.operator}" is never true.`,
    );
  else if (op.ifExists)
    ctx.report(
      "EMPTY_ARRAY_CONDITION_IFEXISTS",
      place,
      `With no values, "${entry.operator}" is true only when "${entry.key}" is missing.`,
    );
  else
    ctx.report(
      "EMPTY_ARRAY_CONDITION",
      place,
      `"${entry.key}" has an empty value list, so no request value can match it.`,
      "Add the values or remove the key.",
    );
  return true;
}

function checkValueTypes(ctx: ValidationContext, entry: ConditionEntry, op: ParsedOperator): void {
  const kinds = new Set(entry.values.map((v) => v.jsonType).filter((t) => t !== "other"));
  if (kinds.has("string") && kinds.size > 1)
    ctx.report(
      "INVALID_CONDITION_DATA_TYPE",
      at(entry.keyMember.path, entry.keyMember.value),
      `The values of "${entry.key}" mix strings with ${[...kinds].filter((k) => k !== "string").join(" and ")}s.`,
      "Write every value of one key the same way, e.g. all as strings.",
    );

  if ((op.family === "Bool" || op.family === "Null") && !op.qualifier && entry.values.length > 1)
    ctx.report(
      "INVALID_CONDITION_MULTIPLE_BOOLEAN",
      at(entry.keyMember.path, entry.keyMember.value),
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
  entry: ConditionEntry,
  op: ParsedOperator,
  variablesAllowed: boolean,
): void {
  const lowerKey = entry.key.toLowerCase();
  const like = op.base === "StringLike" || op.base === "StringNotLike" || op.family === "Arn";
  const ranges: { value: (typeof entry.values)[number]; private: boolean }[] = [];
  const numbers: number[] = [];

  for (const value of entry.values) {
    if (value.jsonType === "other") continue;
    const place = at(value.path, value.node);
    const text = value.text;
    const { uses, unclosedAt } = findVariables(text);
    const hasVariable = uses.length > 0 || unclosedAt !== undefined;

    if (hasVariable) {
      if (op.family !== "String" && op.family !== "Arn") {
        ctx.report(
          "INVALID_VARIABLE_FOR_OPERATOR",
          place,
          `Policy variables are not supported with ${op.base}; "${text}" is not substituted.`,
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
      checkVariableSyntax(ctx, text, value.path, value.node);
      if (
        SENSITIVE_KEYS.has(lowerKey) &&
        uses.some((u) => !SAFE_VARIABLE_KEYS.has(u.name.toLowerCase()))
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
    if (op.family === "String" && !like && wildcard)
      ctx.report(
        "WILDCARD_WITHOUT_LIKE_OPERATOR",
        place,
        `"${text}" contains * or ?, which ${op.base} compares literally.`,
        `Use ${op.base.includes("Not") ? "StringNotLike" : "StringLike"} for wildcard matching.`,
      );
    if (like && wildcard && SENSITIVE_KEYS.has(lowerKey) && bare !== "")
      ctx.report(
        "WILDCARD_USAGE_TOO_PERMISSIVE",
        place,
        `A wildcard in "${entry.key}" ("${text}") can match accounts, organisations or networks you do not own.`,
        "List the exact values.",
      );
    if (hasVariable) continue;

    switch (op.family) {
      case "Bool":
      case "Null":
        if (text !== "true" && text !== "false")
          ctx.report(
            "TYPE_MISMATCH_BOOLEAN",
            place,
            `${op.base} expects true or false, not "${text}".`,
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
            `${op.base} expects a number, not "${text}".`,
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
            `${op.base} expects a date, not "${text}".`,
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
      case "Ip": {
        const range = parseIpRange(text);
        if (!range) {
          ctx.report(
            "TYPE_MISMATCH_IP_RANGE",
            place,
            `${op.base} expects an IP address or CIDR range, not "${text}".`,
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
      op.family === "String" &&
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
      op.family === "String" &&
      !/^vpce-([a-z0-9]{8}|[a-z0-9]{17})$/.test(text)
    )
      ctx.report(
        "INVALID_VPCE_FORMAT",
        place,
        `"${text}" is not a VPC endpoint id.`,
        "VPC endpoint ids look like vpce-1a2b3c4d or vpce-0123456789abcdef0.",
      );
    if (lowerKey === "aws:requestedregion" && op.family === "String" && !hasVariable) {
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
    const negated = op.base === "NotIpAddress";
    const privates = ranges.filter((r) => r.private);
    const place = at(entry.keyMember.path, entry.keyMember.value);
    if (privates.length === ranges.length)
      ctx.report(
        negated ? "PRIVATE_NOT_IP_ADDRESS" : "PRIVATE_IP_ADDRESS",
        place,
        `aws:SourceIp never carries private addresses, so ${op.base} on only private ranges ${negated ? "is always true" : "never matches"}.`,
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

  if (numbers.length > 1 && !op.qualifier && /^Numeric(Less|Greater)Than(Equals)?$/.test(op.base))
    ctx.report(
      "REDUNDANT_CONDITION_VALUE_NUM",
      at(entry.keyMember.path, entry.keyMember.value),
      `${op.base} with several values is true if any one holds, so only ${op.base.includes("Less") ? Math.max(...numbers) : Math.min(...numbers)} matters.`,
      "Keep the single value you mean.",
    );
}

function checkDuplicateCaseKeys(ctx: ValidationContext, statement: StatementView): void {
  const condition = statement.condition;
  if (!condition || condition.value.type !== "object") return;
  for (const operator of membersOf(condition.value, condition.path)) {
    if (operator.value.type !== "object") continue;
    const seen = new Map<string, string>();
    for (const key of membersOf(operator.value, operator.path)) {
      const lower = key.key.toLowerCase();
      const previous = seen.get(lower);
      if (previous !== undefined && previous !== key.key)
        ctx.report(
          "DUPLICATE_KEYS_WITH_DIFFERENT_CASE",
          atKey(key),
          `"${key.key}" and "${previous}" are the same key (keys are case-insensitive) in one "${operator.key}" block.`,
          "Merge their values under one spelling.",
        );
      if (previous === undefined) seen.set(lower, key.key);
    }
  }
}

function checkStatementPatterns(ctx: ValidationContext, statement: StatementView): void {
  const mfa = statement.conditions.filter(
    (c) => c.key.toLowerCase() === "aws:multifactorauthpresent",
  );
  for (const entry of mfa) {
    const falseValue = entry.values.some((v) => v.text === "false");
    // Deny + Bool false misses long-term keys (key absent); Null false only tests for temporary credentials.
    const denyWithBool = entry.operator === "Bool" && statement.effect === "Deny";
    if ((denyWithBool || entry.operator === "Null") && falseValue)
      ctx.report(
        "BAD_PATTERN_FOR_MFA",
        atKey(entry.keyMember),
        entry.operator === "Bool"
          ? '"Bool": { "aws:MultiFactorAuthPresent": "false" } does not match long-term access keys, where the key is missing.'
          : '"Null": { "aws:MultiFactorAuthPresent": "false" } only checks that temporary credentials were used, not MFA.',
        'To deny requests without MFA use "Deny" with "BoolIfExists": { "aws:MultiFactorAuthPresent": "false" }.',
      );
  }
  if (statement.effect === "Allow") {
    const keys = new Set(statement.conditions.map((c) => c.key.toLowerCase()));
    if (keys.has("aws:vpcsourceip") && !keys.has("aws:sourcevpc") && !keys.has("aws:sourcevpce")) {
      const entry = statement.conditions.find((c) => c.key.toLowerCase() === "aws:vpcsourceip")!;
      ctx.report(
        "MISSING_PAIRED_CONDITION_KEYS",
        atKey(entry.keyMember),
        "aws:VpcSourceIp alone matches that address range in any VPC, including VPCs of other accounts.",
        "Add aws:SourceVpc or aws:SourceVpce.",
      );
    }
  }
}

/** All condition checks of one statement. */
export function checkConditions(
  ctx: ValidationContext,
  statement: StatementView,
  variablesAllowed: boolean,
  lookup: KeyTypeLookup,
): void {
  checkDuplicateCaseKeys(ctx, statement);
  const seenOperators = new Set<string>();
  for (const entry of statement.conditions) {
    const op = checkOperator(ctx, entry, seenOperators);
    const keyOk = checkKeyFormat(ctx, entry, op, statement.effect);
    if (!op) continue;
    if (keyOk) checkKeyType(ctx, entry, op, lookup);
    if (checkEmptyValues(ctx, entry, op)) continue;
    checkValueTypes(ctx, entry, op);
    checkValues(ctx, entry, op, variablesAllowed);
  }
  checkStatementPatterns(ctx, statement);
}
