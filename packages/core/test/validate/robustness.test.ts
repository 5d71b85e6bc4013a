// validatePolicy never throws and always answers in the documented shape, whatever it is given
// (team rule: bad input gets a diagnostic, never a stack trace).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PolicyType } from "../../src/types.js";
import { CHECKS, validatePolicy } from "../../src/validate/index.js";
import { fixtureServiceData } from "./fixture-service-data.js";

const TYPES: PolicyType[] = ["identity", "resource", "trust", "boundary", "session", "scp", "rcp"];
const ELEMENT = fc.constantFrom(
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
);
const STRINGS = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "*",
    "Allow",
    "Deny",
    "s3:Get*",
    "arn:aws:s3:::b/*",
    "${aws:username}",
    "${",
    "aws:SourceIp",
    "StringLike",
  ),
);
const VALUE = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    STRINGS,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.oneof(STRINGS, ELEMENT), tie("value"), { maxKeys: 3 }),
  ),
})).value;
const STATEMENT = fc.dictionary(ELEMENT, VALUE, { maxKeys: 6 });
const POLICY = fc.record(
  {
    Version: fc.oneof(fc.constantFrom("2012-10-17", "2008-10-17"), VALUE),
    Statement: fc.oneof(fc.array(STATEMENT, { maxLength: 3 }), VALUE),
  },
  { requiredKeys: [] },
);

function wellFormed(policy: unknown, policyType: PolicyType, asText: boolean): void {
  const input = asText ? JSON.stringify(policy) : policy;
  const diagnostics = validatePolicy(input, { policyType, serviceData: fixtureServiceData });
  for (const d of diagnostics) {
    expect(Object.keys(CHECKS)).toContain(d.code);
    expect(d.severity).toBe(CHECKS[d.code as keyof typeof CHECKS].severity);
    expect(d.path.startsWith("$")).toBe(true);
    expect(d.hint).toBeTruthy();
  }
}

describe("validatePolicy on generated policies", () => {
  it.each(TYPES)("never throws for a %s policy, as a value or as text", (policyType) => {
    fc.assert(
      fc.property(POLICY, fc.boolean(), (policy, asText) => wellFormed(policy, policyType, asText)),
      { numRuns: 150 },
    );
  });

  it("never throws for arbitrary text", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(() => validatePolicy(text)).not.toThrow();
      }),
    );
  });
});

describe("prototype names are ordinary names", () => {
  const HOSTILE = [
    "__proto__",
    "constructor",
    "prototype",
    "toString",
    "hasOwnProperty",
    "valueOf",
  ];
  it.each(HOSTILE)(
    "%s as an element, operator, key, action, ARN service and resource service",
    (name) => {
      const text = `{"Version":"2012-10-17","${name}":1,"Statement":[{"Effect":"Allow","${name}":1,"Principal":{"${name}":"x"},
      "Action":["s3:${name}","${name}:Get*","${name}:x"],"Resource":["arn:aws:${name}:::x","arn:aws:s3:::${name}/*"],
      "Condition":{"${name}":{"aws:${name}":"x"},"StringEquals":{"${name}:x":"y","s3:${name}":"z","aws:${name}":"w"}}}]}`;
      for (const policyType of TYPES) {
        const diagnostics = validatePolicy(text, {
          policyType,
          serviceData: fixtureServiceData,
          resourceService: name,
        });
        expect(diagnostics.map((d) => d.code)).toContain("INVALID_POLICY_ELEMENT");
        for (const d of diagnostics) expect(Object.keys(CHECKS)).toContain(d.code);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );
});
