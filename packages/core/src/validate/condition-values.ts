// Parsers for typed condition values (IAM-SEMANTICS §5.4): numbers, dates, IP ranges, base-64.
// Strict on purpose: lint flags anything AWS might read differently from what the author meant.

/** An integer or decimal, optionally negative. Exponents, `+`, hex are not documented forms (§11.10). */
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

export interface IpRange {
  version: 4 | 6;
  /** Address bytes. */
  bytes: number[];
  prefix: number;
}

function parseIPv4(text: string): number[] | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || (part.length > 1 && part.startsWith("0"))) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    bytes.push(n);
  }
  return bytes;
}

function parseIPv6(text: string): number[] | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (half: string): number[] | undefined => {
    if (half === "") return [];
    const out: number[] = [];
    const parts = half.split(":");
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (i === parts.length - 1 && part.includes(".")) {
        const v4 = parseIPv4(part);
        if (!v4) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) out.push(parseInt(part, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

/** An address or CIDR; an address without prefix is a single host (/32 or /128). */
export function parseIpRange(text: string): IpRange | undefined {
  const [address, prefixText, extra] = text.split("/");
  if (extra !== undefined || address === undefined) return undefined;
  const v4 = parseIPv4(address);
  const bytes = v4 ?? parseIPv6(address);
  if (!bytes) return undefined;
  const version = v4 ? 4 : 6;
  const max = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return undefined;
  return { version, bytes, prefix };
}

/** Whether bits after the prefix are set (`203.0.113.5/24`): AWS ignores them. */
export function hasHostBits(range: IpRange): boolean {
  for (let bit = range.prefix; bit < range.bytes.length * 8; bit++) {
    if ((range.bytes[bit >> 3]! >> (7 - (bit & 7))) & 1) return true;
  }
  return false;
}

function within(range: IpRange, net: number[], prefix: number): boolean {
  if (range.prefix < prefix) return false;
  for (let bit = 0; bit < prefix; bit++) {
    const a = (range.bytes[bit >> 3]! >> (7 - (bit & 7))) & 1;
    const b = (net[bit >> 3]! >> (7 - (bit & 7))) & 1;
    if (a !== b) return false;
  }
  return true;
}

const PRIVATE_V4: [number[], number][] = [
  [[10, 0, 0, 0], 8],
  [[172, 16, 0, 0], 12],
  [[192, 168, 0, 0], 16],
  [[127, 0, 0, 0], 8],
  [[169, 254, 0, 0], 16],
  [[100, 64, 0, 0], 10],
];
const PRIVATE_V6: [number[], number][] = [
  [[0xfc, ...new Array<number>(15).fill(0)], 7], // unique local
  [[0xfe, 0x80, ...new Array<number>(14).fill(0)], 10], // link local
  [[...new Array<number>(15).fill(0), 1], 128], // loopback
];

/** Whether the whole range is private (RFC 1918, loopback, link-local, CGNAT, IPv6 ULA/link-local). */
export function isPrivateRange(range: IpRange): boolean {
  const table = range.version === 4 ? PRIVATE_V4 : PRIVATE_V6;
  return table.some(([net, prefix]) => within(range, net, prefix));
}

export function isBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}
