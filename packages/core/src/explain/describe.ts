// Words for policies, statements and condition requirements, shared by summaries and suggestions.
import type { Condition, DecidingStatement, PolicyType } from "../types.js";
import { BASE_OPERATORS } from "../policy/operators.js";

const TYPE_WORDS: Readonly<Record<PolicyType, string>> = {
  identity: "identity policy",
  resource: "resource policy",
  trust: "trust policy",
  boundary: "permissions boundary",
  session: "session policy",
  scp: "SCP",
  rcp: "RCP",
};

export function policyTypeWord(type: PolicyType): string {
  return TYPE_WORDS[type];
}

export function describePolicy(p: {
  policyType: PolicyType;
  policyIndex: number;
  policyName?: string;
  level?: number;
}): string {
  const name = p.policyName !== undefined ? `"${p.policyName}"` : `#${p.policyIndex}`;
  const level =
    (p.policyType === "scp" || p.policyType === "rcp") && p.level !== undefined && p.level > 0
      ? ` at level ${p.level}`
      : "";
  return `${TYPE_WORDS[p.policyType]} ${name}${level}`;
}

export function describeStatement(
  s: Pick<
    DecidingStatement,
    "policyType" | "policyIndex" | "policyName" | "level" | "statementIndex" | "sid" | "line"
  >,
): string {
  const sid = s.sid !== undefined && s.sid !== "" ? ` (${s.sid})` : "";
  const line = s.line !== undefined ? `, line ${s.line}` : "";
  return `${describePolicy(s)} Statement[${s.statementIndex}]${sid}${line}`;
}

function quoted(values: readonly string[]): string {
  return values.map((v) => JSON.stringify(v)).join(", ");
}

function oneOf(values: readonly string[], verb: string, negated: boolean): string {
  if (values.length === 1) return `${negated ? `${verb} not` : verb} ${quoted(values)}`;
  return negated ? `${verb} none of ${quoted(values)}` : `${verb} one of ${quoted(values)}`;
}

const COMPARISONS: Readonly<Record<string, string>> = {
  lt: "less than",
  lte: "at most",
  gt: "greater than",
  gte: "at least",
};
const DATE_COMPARISONS: Readonly<Record<string, string>> = {
  lt: "before",
  lte: "at or before",
  gt: "after",
  gte: "at or after",
};

/**
 * What a condition requires, as the end of "would apply if …":
 * `aws:RequestTag/CreatedBy were one of "EC2 Image Builder", "EC2 Fast Launch"`.
 */
export function describeRequirement(condition: Condition): string {
  const info = BASE_OPERATORS[condition.baseOperator];
  const values = condition.values.map((v) => v.text);
  let subject = condition.key;
  if (condition.qualifier === "ForAllValues") subject = `every value of ${condition.key}`;
  if (condition.qualifier === "ForAnyValue") subject = `at least one value of ${condition.key}`;
  let requirement: string;
  if (info === undefined) requirement = `${subject} satisfied ${condition.operator}`;
  else {
    switch (info.family) {
      case "Null":
        requirement =
          values.length === 1 && values[0]!.toLowerCase() === "true"
            ? `${condition.key} were absent`
            : `${condition.key} were present`;
        break;
      case "Bool":
        requirement = `${subject} were ${values.join(" or ")}`;
        break;
      case "IpAddress":
        requirement = `${subject} were ${info.negated ? "outside" : "in"} ${values.join(", ")}`;
        break;
      case "Numeric":
      case "Date": {
        const words = info.family === "Date" ? DATE_COMPARISONS : COMPARISONS;
        const word = words[info.compare];
        requirement =
          word !== undefined
            ? `${subject} were ${word} ${values.join(" or ")}`
            : `${subject} ${oneOf(values, "were", info.negated)}`;
        break;
      }
      case "String":
      case "Arn":
      case "Binary": {
        const like = info.compare === "like";
        requirement = `${subject} ${oneOf(values, like ? "matched" : "were", info.negated)}`;
        if (like && info.negated)
          requirement = `${subject} matched ${values.length === 1 ? "not" : "none of"} ${quoted(values)}`;
        if (info.compare === "equalsIgnoreCase") requirement += " (ignoring case)";
        break;
      }
    }
  }
  if (condition.ifExists) requirement += ` (or ${condition.key} were absent)`;
  return requirement;
}
