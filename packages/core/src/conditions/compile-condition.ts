// Precompiles one condition (operator + key + values) so that evaluation does no parsing of policy text.
import type { Condition, PolicyVersion, SetQualifier } from "../types.js";
import type { OperatorInfo } from "../policy/operators.js";
import { BASE_OPERATORS } from "../policy/operators.js";
import type { TemplatePart } from "../policy/variables.js";
import { hasVariableSyntax, parseTemplate } from "../policy/variables.js";
import type { Glob } from "../matching/glob.js";
import { compileGlob } from "../matching/glob.js";
import { compileArnLikePattern } from "../matching/arn.js";
import { isDerivableKey } from "../context/derive.js";
import type { Decimal } from "./decimal.js";
import { parseDecimal } from "./decimal.js";
import { parseDate } from "./date.js";
import { decodeBase64 } from "./binary.js";
import type { IpRange } from "./ip.js";
import { parseIpRange } from "./ip.js";

export interface CompiledValue {
  text: string;
  /** Set when the value has policy variables or `${*}`-style literals (String/Arn operators, 2012-10-17). */
  template?: TemplatePart[];
  lower?: string;
  glob?: Glob;
  arn?: Glob[] | "any";
  decimal?: Decimal;
  date?: Decimal;
  bool?: boolean;
  bytes?: string;
  ip?: IpRange;
  /** The value does not parse for its operator family: comparisons with it are UNKNOWN. */
  invalid?: boolean;
}

export interface CompiledCondition {
  source: Condition;
  keyLower: string;
  info: OperatorInfo;
  qualifier?: SetQualifier;
  ifExists: boolean;
  values: CompiledValue[];
  /** Some value has policy variables: evaluating it needs the request's variable lookup. */
  hasVariables: boolean;
  /** The key may be derived from the principal or resource (`isDerivableKey`). */
  derivable: boolean;
}

function compileValue(text: string, info: OperatorInfo, version: PolicyVersion): CompiledValue {
  const value: CompiledValue = { text };
  if (info.variables && version === "2012-10-17" && hasVariableSyntax(text)) {
    const template = parseTemplate(text);
    if (template.ok && (template.parts.length !== 1 || template.parts[0]!.kind !== "raw")) {
      value.template = template.parts;
      return value;
    }
  }
  switch (info.family) {
    case "String":
      if (info.compare === "equalsIgnoreCase") value.lower = text.toLowerCase();
      else if (info.compare === "like") value.glob = compileGlob(text);
      break;
    case "Arn": {
      const arn = compileArnLikePattern([{ kind: "raw", text }], undefined);
      value.arn = arn ?? [];
      break;
    }
    case "Numeric": {
      const decimal = parseDecimal(text);
      if (decimal === undefined) value.invalid = true;
      else value.decimal = decimal;
      break;
    }
    case "Date": {
      const date = parseDate(text);
      if (date === undefined) value.invalid = true;
      else value.date = date;
      break;
    }
    case "Bool":
    case "Null": {
      // Case-insensitive "true"/"false" (docs/evaluation-rules.md §5.4 Boolean: UNCONFIRMED, parliament's reading).
      const lower = text.toLowerCase();
      if (lower === "true" || lower === "false") value.bool = lower === "true";
      else value.invalid = true;
      break;
    }
    case "Binary": {
      const bytes = decodeBase64(text);
      if (bytes === undefined) value.invalid = true;
      else value.bytes = bytes;
      break;
    }
    case "IpAddress": {
      const ip = parseIpRange(text);
      if (ip === undefined) value.invalid = true;
      else value.ip = ip;
      break;
    }
  }
  return value;
}

export function compileCondition(condition: Condition, version: PolicyVersion): CompiledCondition {
  const info = BASE_OPERATORS[condition.baseOperator]!;
  const values = condition.values.map((v) => compileValue(v.text, info, version));
  const keyLower = condition.key.toLowerCase();
  return {
    source: condition,
    keyLower,
    info,
    ...(condition.qualifier !== undefined ? { qualifier: condition.qualifier } : {}),
    ifExists: condition.ifExists,
    values,
    hasVariables: values.some((v) => v.template !== undefined),
    derivable: isDerivableKey(keyLower),
  };
}
