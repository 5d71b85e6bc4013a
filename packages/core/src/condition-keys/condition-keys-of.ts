// The condition keys the current policies test, with the type each operator implies, so the
// request form can suggest them, and a tool can say which context a policy depends on.
import type { Policy } from "../types.js";

export interface ConditionKeyUse {
  key: string;
  /** IAM data type implied by the operator (String, Numeric, Date, Bool, IPAddress, ARN, Binary, Null) or by the service data. */
  type: string;
  /** The operators that test it, e.g. `StringEquals`. */
  operators: string[];
  /** Values the policies compare it with (for a hint), at most a few. */
  sampleValues: string[];
}

const TYPE_BY_OPERATOR_PREFIX: [string, string][] = [
  ["String", "String"],
  ["Numeric", "Numeric"],
  ["Date", "Date"],
  ["Bool", "Bool"],
  ["Binary", "Binary"],
  ["IpAddress", "IPAddress"],
  ["NotIpAddress", "IPAddress"],
  ["Arn", "ARN"],
  ["Null", "Null"],
];

export function conditionOperatorType(baseOperator: string, setQualified: boolean): string {
  const found = TYPE_BY_OPERATOR_PREFIX.find(([prefix]) => baseOperator.startsWith(prefix));
  const type = found ? found[1] : "String";
  return setQualified && type !== "Null" ? `ArrayOf${type}` : type;
}

export function conditionKeysOf(
  policies: readonly Policy[],
  serviceKeyType?: (key: string) => string | undefined,
): ConditionKeyUse[] {
  const byKey = new Map<string, ConditionKeyUse>();
  for (const policy of policies) {
    for (const statement of policy.statements) {
      for (const condition of statement.conditions) {
        const id = condition.key.toLowerCase();
        let entry = byKey.get(id);
        if (!entry) {
          const known = serviceKeyType?.(condition.key);
          entry = {
            key: condition.key,
            type:
              known ??
              conditionOperatorType(condition.baseOperator, condition.qualifier !== undefined),
            operators: [],
            sampleValues: [],
          };
          byKey.set(id, entry);
        }
        if (!entry.operators.includes(condition.operator)) entry.operators.push(condition.operator);
        for (const value of condition.values) {
          if (entry.sampleValues.length < 4 && !entry.sampleValues.includes(value.text)) {
            entry.sampleValues.push(value.text);
          }
        }
      }
    }
  }
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
}
