// Typed condition values (docs/evaluation-rules.md §5.4): W3C ISO 8601 dates or epoch seconds, CIDR ranges, private
// ranges (aws:SourceIp is public only), host bits ("Improve IP range"), numbers and base-64.
import { describe, expect, it } from "vitest";
import {
  checkDateValue,
  hasHostBits,
  isBase64,
  isNumericValue,
  isPrivateRange,
} from "../../src/validate/condition-values.js";
import { parseIpRange } from "../../src/conditions/ip.js";

describe("dates", () => {
  it.each([
    ["2026-01-31", "ok"],
    ["2026-01-31T12:00Z", "ok"],
    ["2026-01-31T12:00:00Z", "ok"],
    ["2026-01-31T12:00:00.5+02:00", "ok"],
    ["1767225600", "ok"],
    ["2026", "odd"],
    ["2026-01", "odd"],
    ["2026-01-31T12:00:00", "odd"],
    ["1767225600000", "odd"],
    ["2026-02-30", "invalid"],
    ["2026-13-01", "invalid"],
    ["2026-01-31T25:00:00Z", "invalid"],
    ["31/01/2026", "invalid"],
    ["tomorrow", "invalid"],
  ])("%s is %s", (text, expected) => {
    expect(checkDateValue(text)).toBe(expected);
  });
});

describe("IP ranges", () => {
  it.each([
    ["203.0.113.0/24", true],
    ["203.0.113.7", true],
    ["2001:db8::/32", true],
    ["2001:DB8:1234:5678::/64", true],
    ["::1", true],
    ["::ffff:192.0.2.1", true],
    ["203.0.113.0/33", false],
    ["203.0.113", false],
    ["256.0.0.1", false],
    ["010.0.0.1", false],
    ["2001:db8::1::2", false],
    ["2001:db8::/129", false],
    ["example.com", false],
  ])("%s parses: %s", (text, ok) => {
    expect(parseIpRange(text) !== undefined).toBe(ok);
  });

  it.each([
    ["203.0.113.5/24", true],
    ["203.0.113.0/24", false],
    ["203.0.113.5", false],
    ["2001:db8::1/64", true],
    ["2001:db8::/64", false],
  ])("%s has host bits: %s", (text, expected) => {
    expect(hasHostBits(parseIpRange(text)!)).toBe(expected);
  });

  it.each([
    ["10.1.2.0/24", true],
    ["172.31.0.0/16", true],
    ["192.168.0.0/16", true],
    ["172.32.0.0/16", false],
    ["10.0.0.0/7", false],
    ["203.0.113.0/24", false],
    ["fd12:3456::/48", true],
    ["2001:db8::/32", false],
  ])("%s is private: %s", (text, expected) => {
    expect(isPrivateRange(parseIpRange(text)!)).toBe(expected);
  });
});

describe("numbers and base-64", () => {
  it.each([
    ["10", true],
    ["-2.5", true],
    ["1e3", false],
    ["+1", false],
    ["0x10", false],
    ["", false],
  ])("%s is numeric: %s", (text, expected) => {
    expect(isNumericValue(text)).toBe(expected);
  });
  it.each([
    ["QmluYXJ5VmFsdWU=", true],
    ["", true],
    ["abc", false],
    ["not base64!", false],
  ])("%s is base-64: %s", (text, expected) => {
    expect(isBase64(text)).toBe(expected);
  });
});
