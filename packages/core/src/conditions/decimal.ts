// Exact decimal comparison for the Numeric operators (docs/evaluation-rules.md §5.4): "an integer or decimal
// value". Parsing both sides as decimals keeps `"2.0"` equal to `2` and never loses precision on
// large integers. Exponents, a leading `+`, hex and the like are not decimals (UNCONFIRMED): they do
// not parse, and the condition becomes "cannot be evaluated" (fail-safe).

export interface Decimal {
  negative: boolean;
  /** Integer digits without leading zeros ("" for zero). */
  int: string;
  /** Fraction digits without trailing zeros. */
  frac: string;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d*))?$|^(-)?\.(\d+)$/;

export function parseDecimal(text: string): Decimal | undefined {
  const m = DECIMAL.exec(text);
  if (m === null) return undefined;
  const negative = (m[1] ?? m[4]) === "-";
  const int = (m[2] ?? "").replace(/^0+/, "");
  const frac = (m[3] ?? m[5] ?? "").replace(/0+$/, "");
  // -0 is 0.
  return { negative: negative && (int !== "" || frac !== ""), int, frac };
}

function compareMagnitude(a: Decimal, b: Decimal): number {
  if (a.int.length !== b.int.length) return a.int.length < b.int.length ? -1 : 1;
  if (a.int !== b.int) return a.int < b.int ? -1 : 1;
  const length = Math.max(a.frac.length, b.frac.length);
  const fa = a.frac.padEnd(length, "0");
  const fb = b.frac.padEnd(length, "0");
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

/** -1, 0 or 1. */
export function compareDecimal(a: Decimal, b: Decimal): number {
  if (a.negative !== b.negative) return a.negative ? -1 : 1;
  const magnitude = compareMagnitude(a, b);
  return a.negative ? -magnitude : magnitude;
}
