// Condition lints (docs/checks.md; docs/evaluation-rules.md §5, §6): operator qualifiers, keys and their
// types, empty lists, MFA and VPC patterns. Operators come from the parser's table (policy/operators.ts);
// unknown operators and malformed blocks are the parser's errors. Values: condition-value-checks.ts.
import { closestName } from "../closest-name.js";
import type { LocatedCondition, LocatedStatement } from "../policy/located-policy.js";
import { BASE_OPERATORS, type OperatorFamily, type ParsedOperator } from "../policy/operators.js";
import { checkConditionValues } from "./condition-value-checks.js";
import type { ValidationContext } from "./context.js";
import { GLOBAL_KEY_NAMES, globalKeyType, TAG_KEY_PREFIXES } from "./global-keys.js";
import { checkLegacyArnKey } from "./legacy-arn-key.js";
import { checkNoVariable } from "./variables.js";

/** A condition operator the grammar accepts (the parser reports the others). */
export type KnownOperator = Extract<ParsedOperator, { ok: true }>;

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
  IPAddress: ["IpAddress"],
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

/** Lints of the operator name; unknown names and Null…IfExists are the parser's errors. */
function checkOperator(
  ctx: ValidationContext,
  entry: LocatedCondition,
  seen: Set<string>,
): KnownOperator | undefined {
  const parsed = entry.parsed;
  if (!parsed.ok) return undefined;
  const once = !seen.has(entry.operatorMember.loc.path);
  seen.add(entry.operatorMember.loc.path);
  if (once && parsed.info.family === "Null" && parsed.qualifier)
    ctx.report(
      "NULL_WITH_QUALIFIER",
      entry.operatorMember.keyLoc,
      parsed.qualifier === "ForAllValues"
        ? '"ForAllValues:Null" is always true.'
        : '"ForAnyValue:Null" is always false.',
      'Use "Null" without a qualifier.',
    );
  return parsed;
}

function checkKeyFormat(
  ctx: ValidationContext,
  entry: LocatedCondition,
  op: KnownOperator | undefined,
  effect: string | undefined,
): boolean {
  const place = entry.keyMember.keyLoc;
  if (!/^[^\s:]+:\S/.test(entry.key)) {
    ctx.report(
      "INVALID_CONDITION_KEY_FORMAT",
      place,
      `"${entry.key}" is not a condition key: keys have the form prefix:name.`,
      "For example aws:SourceIp or s3:prefix.",
    );
    return false;
  }
  if (checkNoVariable(ctx, entry.key, entry.keyMember.keyLoc, "condition keys")) return false;
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
  entry: LocatedCondition,
  op: KnownOperator,
  lookup: KeyTypeLookup,
): void {
  if (op.info.family === "Null") return;
  const keyType = lookup(entry.key);
  if (!keyType) return;
  const place = entry.keyMember.keyLoc;
  const families = [keyType.type, keyType.alsoType]
    .filter((t): t is string => t !== undefined)
    .flatMap((t) => (Object.hasOwn(FITTING, scalarType(t)) ? FITTING[scalarType(t)]! : []));
  if (families.length > 0 && !families.includes(op.info.family))
    ctx.report(
      "TYPE_MISMATCH",
      place,
      `"${entry.operator}" is a ${op.info.family === "IpAddress" ? "Ip" : op.info.family} operator but "${entry.key}" is a ${scalarType(keyType.type)} key.`,
      `Use a ${families[0] === "IpAddress" ? "Ip" : families[0]} operator such as ${Object.keys(BASE_OPERATORS).find((o) => BASE_OPERATORS[o]!.family === families[0])}.`,
    );
  if (isMultivalued(keyType.type) && !op.qualifier)
    ctx.report(
      "MISSING_QUALIFIER",
      entry.operatorMember.keyLoc,
      `"${entry.key}" is multivalued, so "${entry.operator}" needs ForAllValues: or ForAnyValue:.`,
      `ForAnyValue:${entry.operator} is true if any request value matches; ForAllValues:${entry.operator} if every one does.`,
    );
  if (!isMultivalued(keyType.type) && op.qualifier === "ForAllValues")
    ctx.report(
      "FORALLVALUES_WITH_SINGLE_VALUED_KEY",
      entry.operatorMember.keyLoc,
      `"${entry.key}" is single-valued: ForAllValues is also true when the key is missing, which makes an Allow broader than intended.`,
      `Use "${entry.operator.replace("ForAllValues:", "")}".`,
    );
}

function checkEmptyValues(
  ctx: ValidationContext,
  entry: LocatedCondition,
  op: KnownOperator,
): boolean {
  if (!entry.isArray || entry.values.length > 0) return false;
  const place = entry.keyMember.loc;
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

function checkStatementPatterns(ctx: ValidationContext, statement: LocatedStatement): void {
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
        entry.keyMember.keyLoc,
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
        entry.keyMember.keyLoc,
        "aws:VpcSourceIp alone matches that address range in any VPC, including VPCs of other accounts.",
        "Add aws:SourceVpc or aws:SourceVpce.",
      );
    }
  }
}

/** All condition checks of one statement. */
export function checkConditions(
  ctx: ValidationContext,
  statement: LocatedStatement,
  variablesAllowed: boolean,
  lookup: KeyTypeLookup,
): void {
  const seenOperators = new Set<string>();
  for (const entry of statement.conditions) {
    const op = checkOperator(ctx, entry, seenOperators);
    const keyOk = checkKeyFormat(ctx, entry, op, statement.effect);
    if (!op) continue;
    if (keyOk) checkKeyType(ctx, entry, op, lookup);
    if (checkEmptyValues(ctx, entry, op)) continue;
    checkConditionValues(ctx, entry, op, variablesAllowed);
  }
  checkStatementPatterns(ctx, statement);
}
