// IP addresses and CIDR ranges for IpAddress / NotIpAddress (docs/evaluation-rules.md §5.4), via ipaddr.js.
// Only the standard forms are accepted: dotted-quad IPv4 (not `1.2.3` or octal) and RFC 4291 IPv6.
import ipaddr from "ipaddr.js";

export type IpAddressValue = ipaddr.IPv4 | ipaddr.IPv6;

export interface IpRange {
  address: IpAddressValue;
  prefix: number;
}

/** A request address; undefined when it is not one. */
export function parseIpAddress(text: string): IpAddressValue | undefined {
  try {
    if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
    if (text.includes(":") && ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  } catch {
    // fall through
  }
  return undefined;
}

/** A CIDR or a bare address (IPv4 -> /32 as documented, IPv6 -> /128); host bits after the mask are ignored. */
export function parseIpRange(text: string): IpRange | undefined {
  const slash = text.indexOf("/");
  const address = parseIpAddress(slash === -1 ? text : text.slice(0, slash));
  if (address === undefined) return undefined;
  const max = address.kind() === "ipv4" ? 32 : 128;
  if (slash === -1) return { address, prefix: max };
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return prefix <= max ? { address, prefix } : undefined;
}

/** Whether an IPv6 address is an IPv4-mapped one (`::ffff:1.2.3.4`): its equivalence to IPv4 is UNCONFIRMED. */
export function isIpv4Mapped(address: IpAddressValue): boolean {
  return address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress();
}

export function ipInRange(address: IpAddressValue, range: IpRange): boolean {
  if (address.kind() !== range.address.kind()) return false;
  return address.match(range.address, range.prefix);
}
