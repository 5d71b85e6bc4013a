// Evaluates one compiled condition against the request context (docs/evaluation-rules.md §5.1–§5.9, §6).
import type { ContextEntry, RequestContext } from "../context/request-context.js";
import { contextGet, singleValue } from "../context/request-context.js";
import type { VariableLookup } from "../matching/template.js";
import { resolveTemplate, resolveTemplateText } from "../matching/template.js";
import { compileGlobPieces, matchGlob } from "../matching/glob.js";
import { compileArnLikePattern, matchArnLike, splitArn } from "../matching/arn.js";
import { compareDecimal, parseDecimal } from "./decimal.js";
import { parseDate } from "./date.js";
import { decodeBase64 } from "./binary.js";
import { ipInRange, isIpv4Mapped, parseIpAddress } from "./ip.js";
import type { CompiledCondition, CompiledValue } from "./compile-condition.js";
import type { Tri } from "./tri.js";
import { FALSE, TRUE, UNKNOWN, not } from "./tri.js";

/** Receives the reason when a caller wants one (explanations, notes). */
export interface Why {
  reason?: string;
}

function ordered(compare: string, c: number): boolean {
  switch (compare) {
    case "equals":
      return c === 0;
    case "lt":
      return c < 0;
    case "lte":
      return c <= 0;
    case "gt":
      return c > 0;
    default:
      return c >= 0;
  }
}

/** The positive comparison of one request value with one policy value. */
function comparePositive(
  cond: CompiledCondition,
  value: CompiledValue,
  r: string,
  lookup: VariableLookup,
  why: Why | undefined,
): Tri {
  const info = cond.info;
  if (value.invalid) {
    if (why)
      why.reason = `policy value "${value.text}" is not a valid ${info.family === "IpAddress" ? "IP address or CIDR" : info.family.toLowerCase()} value`;
    return UNKNOWN;
  }
  switch (info.family) {
    case "String": {
      if (value.template !== undefined) {
        // A variable without value or default is "effectively null": no positive match (docs/evaluation-rules.md §6).
        if (info.compare === "like") {
          const pieces = resolveTemplate(value.template, lookup);
          return pieces !== undefined && matchGlob(compileGlobPieces(pieces), r) ? TRUE : FALSE;
        }
        const text = resolveTemplateText(value.template, lookup);
        if (text === undefined) return FALSE;
        if (info.compare === "equalsIgnoreCase")
          return text.toLowerCase() === r.toLowerCase() ? TRUE : FALSE;
        return text === r ? TRUE : FALSE;
      }
      if (info.compare === "equals") return value.text === r ? TRUE : FALSE;
      if (info.compare === "like") return matchGlob(value.glob!, r) ? TRUE : FALSE;
      return value.lower === r.toLowerCase() ? TRUE : FALSE;
    }
    case "Arn": {
      let pattern = value.arn;
      if (value.template !== undefined) {
        pattern = compileArnLikePattern(value.template, lookup);
        if (pattern === undefined) return FALSE;
      }
      return matchArnLike(pattern!, splitArn(r)) ? TRUE : FALSE;
    }
    case "Numeric": {
      const d = parseDecimal(r);
      if (d === undefined) {
        if (why) why.reason = `request value "${r}" is not a number`;
        return UNKNOWN;
      }
      return ordered(info.compare, compareDecimal(d, value.decimal!)) ? TRUE : FALSE;
    }
    case "Date": {
      const t = parseDate(r);
      if (t === undefined) {
        if (why) why.reason = `request value "${r}" is not an ISO 8601 date or epoch seconds`;
        return UNKNOWN;
      }
      return ordered(info.compare, compareDecimal(t, value.date!)) ? TRUE : FALSE;
    }
    case "Bool": {
      const lower = r.toLowerCase();
      if (lower !== "true" && lower !== "false") {
        if (why) why.reason = `request value "${r}" is not a boolean`;
        return UNKNOWN;
      }
      return (lower === "true") === value.bool ? TRUE : FALSE;
    }
    case "Binary": {
      const bytes = decodeBase64(r);
      if (bytes === undefined) {
        if (why) why.reason = `request value "${r}" is not base-64`;
        return UNKNOWN;
      }
      return bytes === value.bytes ? TRUE : FALSE;
    }
    case "IpAddress": {
      const address = parseIpAddress(r);
      if (address === undefined) {
        if (why) why.reason = `request value "${r}" is not an IP address`;
        return UNKNOWN;
      }
      if (isIpv4Mapped(address)) {
        if (why)
          why.reason = `request value "${r}" is an IPv4-mapped IPv6 address; how AWS compares it is undocumented`;
        return UNKNOWN;
      }
      return ipInRange(address, value.ip!) ? TRUE : FALSE;
    }
    case "Null":
      return UNKNOWN; // handled before; never reached
  }
}

/** OR over the policy values (docs/evaluation-rules.md §5.1); UNKNOWN only when nothing is TRUE and something is UNKNOWN. */
function anyValueMatches(
  cond: CompiledCondition,
  r: string,
  lookup: VariableLookup,
  why: Why | undefined,
): Tri {
  let result: Tri = FALSE;
  for (const value of cond.values) {
    const m = comparePositive(cond, value, r, lookup, why);
    if (m === TRUE) return TRUE;
    if (m === UNKNOWN) result = UNKNOWN;
  }
  return result;
}

/** The condition for one request value: positive match, or NOR for negated operators (docs/evaluation-rules.md §5.1). */
function valueCondition(
  cond: CompiledCondition,
  r: string,
  lookup: VariableLookup,
  why: Why | undefined,
): Tri {
  const m = anyValueMatches(cond, r, lookup, why);
  return cond.info.negated ? not(m) : m;
}

function evaluateNull(
  cond: CompiledCondition,
  entry: ContextEntry | undefined,
  why: Why | undefined,
): Tri {
  // ForAllValues:Null is always true, ForAnyValue:Null always false (Access Analyzer NULL_WITH_QUALIFIER).
  if (cond.qualifier === "ForAllValues") return TRUE;
  if (cond.qualifier === "ForAnyValue") return FALSE;
  if (entry !== undefined && (entry.values.length === 0 || entry.values.some((v) => v === ""))) {
    if (why)
      why.reason = "Null on an empty value is undocumented (docs/evaluation-rules.md §5.4 Null)";
    return UNKNOWN;
  }
  const absent = entry === undefined;
  let result: Tri = FALSE;
  for (const value of cond.values) {
    if (value.invalid) {
      if (why) why.reason = `Null takes "true" or "false", not "${value.text}"`;
      result = UNKNOWN;
      continue;
    }
    if (value.bool === absent) return TRUE;
  }
  return result;
}

/**
 * Evaluates a condition. `why`, when given, receives the reason for an UNKNOWN result.
 * Missing keys: positive operators false, negated true, IfExists true, ForAllValues true,
 * ForAnyValue false (docs/evaluation-rules.md §5.3, §5.7).
 */
export function evaluateCondition(
  cond: CompiledCondition,
  context: RequestContext,
  lookup: VariableLookup = (keyLower) => singleValue(context, keyLower),
  why?: Why,
): Tri {
  const entry = contextGet(context, cond.keyLower, cond.derivable);
  if (cond.info.family === "Null") return evaluateNull(cond, entry, why);
  if (entry === undefined) {
    if (cond.ifExists && cond.qualifier === "ForAnyValue") {
      // IfExists says true on a missing key, ForAnyValue false; which wins is undocumented (docs/evaluation-rules.md §5.7,
      // UNCONFIRMED). Either reading would allow by mistake under one of Allow and Deny: UNKNOWN.
      if (why)
        why.reason = `${cond.source.key} is absent, and whether IfExists (true) or ForAnyValue (false) decides then is undocumented`;
      return UNKNOWN;
    }
    if (cond.ifExists || cond.qualifier === "ForAllValues") return TRUE;
    if (cond.qualifier === "ForAnyValue") return FALSE;
    return cond.info.negated ? TRUE : FALSE;
  }
  const values = entry.values;
  // A negated operator with [] on a non-empty request: NOR over nothing says true, Access Analyzer's
  // empty-array checks say ForAnyValue is never true and ForAllValues true only on a missing or empty
  // key (docs/evaluation-rules.md §5.9). The readings disagree, so UNKNOWN (fail-safe). An empty request set is decided below.
  if (cond.values.length === 0 && cond.info.negated && values.length > 0) {
    if (why)
      why.reason =
        "a negated operator with no values is undocumented (docs/evaluation-rules.md §5.9)";
    return UNKNOWN;
  }
  if (cond.qualifier === "ForAllValues") {
    let result: Tri = TRUE; // an empty set is vacuously true (docs/evaluation-rules.md §5.7)
    for (const r of values) {
      const c = valueCondition(cond, r, lookup, why);
      if (c === FALSE) return FALSE;
      if (c === UNKNOWN) result = UNKNOWN;
    }
    return result;
  }
  if (cond.qualifier === "ForAnyValue") {
    let result: Tri = FALSE;
    for (const r of values) {
      const c = valueCondition(cond, r, lookup, why);
      if (c === TRUE) return TRUE;
      if (c === UNKNOWN) result = UNKNOWN;
    }
    return result;
  }
  if (values.length !== 1) {
    // A plain operator on a multivalued or empty value is undocumented (docs/evaluation-rules.md §5.6, §5.7).
    if (why) {
      why.reason =
        values.length === 0
          ? `${cond.source.key} is an empty list; a plain operator on it is undocumented`
          : `${cond.source.key} has several values; use ForAllValues: or ForAnyValue:`;
    }
    return UNKNOWN;
  }
  return valueCondition(cond, values[0]!, lookup, why);
}
