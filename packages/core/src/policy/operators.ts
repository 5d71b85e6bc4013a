// Condition operator names (docs/evaluation-rules.md §5.4): the documented set, split into qualifier,
// base operator and IfExists. Names are exact and case-sensitive (docs/evaluation-rules.md §5.2, §11.18).
import { closestName } from "../closest-name.js";
import type { SetQualifier } from "../types.js";

export type OperatorFamily =
  "String" | "Numeric" | "Date" | "Bool" | "Binary" | "IpAddress" | "Arn" | "Null";

export interface OperatorInfo {
  family: OperatorFamily;
  /** Negated operators combine several policy values with NOR (docs/evaluation-rules.md §5.1) and are true for a missing key (§5.3). */
  negated: boolean;
  /** The comparison between one request value and one policy value. */
  compare: "equals" | "equalsIgnoreCase" | "like" | "lt" | "lte" | "gt" | "gte" | "null";
  /** Whether policy variables are substituted in this operator's values (docs/evaluation-rules.md §6). */
  variables: boolean;
}

function op(
  family: OperatorFamily,
  negated: boolean,
  compare: OperatorInfo["compare"],
): OperatorInfo {
  return { family, negated, compare, variables: family === "String" || family === "Arn" };
}

/** Every base operator of the Condition operators page, by exact name. */
export const BASE_OPERATORS: Readonly<Record<string, OperatorInfo>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, OperatorInfo>, {
    StringEquals: op("String", false, "equals"),
    StringNotEquals: op("String", true, "equals"),
    StringEqualsIgnoreCase: op("String", false, "equalsIgnoreCase"),
    StringNotEqualsIgnoreCase: op("String", true, "equalsIgnoreCase"),
    StringLike: op("String", false, "like"),
    StringNotLike: op("String", true, "like"),
    NumericEquals: op("Numeric", false, "equals"),
    NumericNotEquals: op("Numeric", true, "equals"),
    NumericLessThan: op("Numeric", false, "lt"),
    NumericLessThanEquals: op("Numeric", false, "lte"),
    NumericGreaterThan: op("Numeric", false, "gt"),
    NumericGreaterThanEquals: op("Numeric", false, "gte"),
    DateEquals: op("Date", false, "equals"),
    DateNotEquals: op("Date", true, "equals"),
    DateLessThan: op("Date", false, "lt"),
    DateLessThanEquals: op("Date", false, "lte"),
    DateGreaterThan: op("Date", false, "gt"),
    DateGreaterThanEquals: op("Date", false, "gte"),
    Bool: op("Bool", false, "equals"),
    BinaryEquals: op("Binary", false, "equals"),
    IpAddress: op("IpAddress", false, "equals"),
    NotIpAddress: op("IpAddress", true, "equals"),
    // ArnEquals and ArnLike behave identically, as do their negations (docs/evaluation-rules.md §5.4 ARN).
    ArnEquals: op("Arn", false, "like"),
    ArnLike: op("Arn", false, "like"),
    ArnNotEquals: op("Arn", true, "like"),
    ArnNotLike: op("Arn", true, "like"),
    Null: op("Null", false, "null"),
  }),
);

export type ParsedOperator =
  | {
      ok: true;
      baseOperator: string;
      qualifier?: SetQualifier;
      ifExists: boolean;
      info: OperatorInfo;
    }
  | {
      ok: false;
      code: "INVALID_CONDITION_OPERATOR" | "NULL_WITH_IF_EXISTS";
      message: string;
      hint?: string;
    };

const QUALIFIERS: readonly SetQualifier[] = ["ForAllValues", "ForAnyValue"];

/** A case-only slip first (names are case-sensitive), then the nearest name by edit distance. */
function closestOperator(name: string): { name: string; caseOnly: boolean } | undefined {
  const lower = name.toLowerCase();
  const names = Object.keys(BASE_OPERATORS);
  const sameLetters = names.find((candidate) => candidate.toLowerCase() === lower);
  if (sameLetters !== undefined) return { name: sameLetters, caseOnly: true };
  const near = closestName(name, names);
  return near === undefined ? undefined : { name: near, caseOnly: false };
}

/** Splits `ForAllValues:StringLikeIfExists` into its parts; unknown names are errors. */
export function parseOperator(name: string): ParsedOperator {
  let rest = name;
  let qualifier: SetQualifier | undefined;
  for (const q of QUALIFIERS) {
    if (rest.startsWith(`${q}:`)) {
      qualifier = q;
      rest = rest.slice(q.length + 1);
      break;
    }
  }
  let ifExists = false;
  if (rest.endsWith("IfExists") && rest !== "IfExists") {
    ifExists = true;
    rest = rest.slice(0, -"IfExists".length);
  }
  const info = BASE_OPERATORS[rest];
  if (info === undefined) {
    const near = closestOperator(rest);
    const message = `Unknown condition operator "${name}"`;
    if (near === undefined) return { ok: false, code: "INVALID_CONDITION_OPERATOR", message };
    const fixed = `${qualifier === undefined ? "" : `${qualifier}:`}${near.name}${ifExists ? "IfExists" : ""}`;
    return {
      ok: false,
      code: "INVALID_CONDITION_OPERATOR",
      message,
      hint: near.caseOnly
        ? `Operator names are case-sensitive: did you mean "${fixed}"?`
        : `Did you mean "${fixed}"?`,
    };
  }
  if (info.family === "Null" && ifExists) {
    return {
      ok: false,
      code: "NULL_WITH_IF_EXISTS",
      message: `"${name}": IfExists cannot be added to the Null operator`,
    };
  }
  return {
    ok: true,
    baseOperator: rest,
    ...(qualifier !== undefined ? { qualifier } : {}),
    ifExists,
    info,
  };
}
