// Dates for the Date operators (docs/evaluation-rules.md §5.4): the W3C profiles of ISO 8601 or epoch seconds,
// compared as instants. Partial dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) mean the start of that period
// in UTC (UNCONFIRMED; the natural reading). A time without a zone designator is not a W3C profile:
// it does not parse, and the condition becomes "cannot be evaluated" (fail-safe).

import type { Decimal } from "./decimal.js";
import { parseDecimal } from "./decimal.js";

const W3C =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;
const EPOCH = /^-?\d+(?:\.\d+)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The instant as exact decimal seconds since the epoch (fractions of any length are kept, so
 * `…00.000000001Z` is later than `…00Z`), or undefined when the text is not a date.
 */
export function parseDate(text: string): Decimal | undefined {
  const m = W3C.exec(text);
  if (m !== null) {
    const year = Number(m[1]);
    const month = m[2] === undefined ? 1 : Number(m[2]);
    const day = m[3] === undefined ? 1 : Number(m[3]);
    const hour = m[4] === undefined ? 0 : Number(m[4]);
    const minute = m[5] === undefined ? 0 : Number(m[5]);
    const second = m[6] === undefined ? 0 : Number(m[6]);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
    if (hour > 23 || minute > 59 || second > 59) return undefined;
    let ms = Date.UTC(year, month - 1, day, hour, minute, second);
    // Date.UTC maps years 0-99 to 1900-1999; put them back.
    if (year < 100) ms = new Date(ms).setUTCFullYear(year);
    let seconds = ms / 1000;
    const zone = m[8];
    if (zone !== undefined && zone !== "Z") {
      const sign = zone[0] === "-" ? -1 : 1;
      const zh = Number(zone.slice(1, 3));
      const zm = Number(zone.slice(4, 6));
      if (zh > 23 || zm > 59) return undefined;
      seconds -= sign * (zh * 60 + zm) * 60;
    }
    const fraction = m[7] ?? "";
    // seconds is a whole number; add the fraction exactly: value = seconds + 0.fraction.
    const scaled =
      BigInt(seconds) * 10n ** BigInt(fraction.length) + BigInt(fraction === "" ? "0" : fraction);
    const negative = scaled < 0n;
    const digits = (negative ? -scaled : scaled).toString().padStart(fraction.length + 1, "0");
    const int = digits.slice(0, digits.length - fraction.length);
    const frac = digits.slice(digits.length - fraction.length);
    return parseDecimal(`${negative ? "-" : ""}${int}${frac === "" ? "" : `.${frac}`}`);
  }
  if (EPOCH.test(text)) return parseDecimal(text); // epoch seconds (docs/evaluation-rules.md §5.4; milliseconds: UNCONFIRMED)
  return undefined;
}
