// Readers for typed condition values (docs/evaluation-rules.md §5.4): numbers, dates, base-64, and facts
// about IP ranges. Strict on purpose: lint flags anything AWS might read differently from what the author
// meant. IP ranges themselves are parsed by the evaluator's ipaddr.js-based `parseIpRange`.
import { ipInRange, type IpRange, parseIpRange } from "../conditions/ip.js";

/** An integer or decimal, optionally negative. Exponents, `+`, hex are not documented forms (docs/evaluation-rules.md §11.10). */
export function isNumericValue(text: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(text);
}

export type DateCheck = "ok" | "odd" | "invalid";

const W3C_DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/**
 * The W3C profiles of ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD, with time and zone) or epoch seconds.
 * "odd" marks forms that parse but may not resolve as intended: partial dates, a time without a zone,
 * an epoch in milliseconds, four digits (year or epoch?). A calendar date that does not exist is "invalid".
 */
export function checkDateValue(text: string): DateCheck {
  // Digits alone are epoch seconds; four digits could also be a year, more than ten are milliseconds.
  if (/^\d+$/.test(text)) return text.length === 4 || text.length > 10 ? "odd" : "ok";
  const m = W3C_DATE.exec(text);
  if (!m) return "invalid";
  const [, year, month, day, hour, minute, second, zone] = m;
  if (month === undefined || day === undefined) return "odd";
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  if (mo < 1 || mo > 12) return "invalid";
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > daysInMonth) return "invalid";
  if (hour !== undefined) {
    if (Number(hour) > 23 || Number(minute) > 59 || (second !== undefined && Number(second) > 59))
      return "invalid";
    if (zone === undefined) return "odd";
  }
  return "ok";
}

/** Whether bits after the prefix are set (`203.0.113.5/24`): AWS ignores them. */
export function hasHostBits(range: IpRange): boolean {
  const bytes = range.address.toByteArray();
  for (let bit = range.prefix; bit < bytes.length * 8; bit++) {
    if ((bytes[bit >> 3]! >> (7 - (bit & 7))) & 1) return true;
  }
  return false;
}

/** Private, loopback, link-local and CGNAT (IPv4); unique local, link local and loopback (IPv6). */
const PRIVATE_RANGES: readonly IpRange[] = [
  "10.0.0.0/8",
  "172.16.0.0/12",
  "192.168.0.0/16",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "100.64.0.0/10",
  "fc00::/7",
  "fe80::/10",
  "::1/128",
].map((cidr) => parseIpRange(cidr)!);

/** Whether the whole range lies in a private network: aws:SourceIp never holds such addresses. */
export function isPrivateRange(range: IpRange): boolean {
  return PRIVATE_RANGES.some((net) => range.prefix >= net.prefix && ipInRange(range.address, net));
}

export function isBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}
