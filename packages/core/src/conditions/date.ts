// Dates for the Date operators (IAM-SEMANTICS §5.4): the W3C profiles of ISO 8601 or epoch seconds,
// compared as instants. Partial dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) mean the start of that period
// in UTC (UNCONFIRMED; the natural reading). A time without a zone designator is not a W3C profile:
// it does not parse, and the condition becomes "cannot be evaluated" (fail-safe).

const W3C =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;
const EPOCH = /^-?\d+(?:\.\d+)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Milliseconds since the epoch (may have a fraction), or undefined when the text is not a date. */
export function parseDate(text: string): number | undefined {
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
    if (m[7] !== undefined) ms += Number(`0.${m[7]}`) * 1000;
    const zone = m[8];
    if (zone !== undefined && zone !== "Z") {
      const sign = zone[0] === "-" ? -1 : 1;
      const zh = Number(zone.slice(1, 3));
      const zm = Number(zone.slice(4, 6));
      if (zh > 23 || zm > 59) return undefined;
      ms -= sign * (zh * 60 + zm) * 60_000;
    }
    return ms;
  }
  if (EPOCH.test(text)) return Number(text) * 1000; // epoch seconds (§5.4; milliseconds: UNCONFIRMED)
  return undefined;
}
