// `__proto__`, `constructor` and `prototype` as keys in policies, contexts and policy sets are
// ordinary keys: they never reach Object.prototype, never read inherited members, and never change
// a decision. JSON.parse creates `__proto__` as an own property, exactly what a hostile file gives.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  compile,
  evaluate,
  jsonValueFromNode,
  listAccess,
  parseJson,
  parsePolicy,
  validatePolicy,
} from "../../src/index.js";
import {
  ALLOW_ALL,
  decisionOf,
  expectPrototypeUntouched,
  expectWellFormedDiagnostics,
  isErrorOutcome,
  policyText,
  prototypeSnapshot,
} from "./support.js";
import { loadServiceData } from "../fuzz/corpus.js";

const HOSTILE_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "valueOf",
];

let before: ReturnType<typeof prototypeSnapshot>;
beforeAll(() => {
  before = prototypeSnapshot();
});
afterAll(() => {
  expectPrototypeUntouched(before);
});

describe("JSON values keep hostile keys as own data", () => {
  it.each(HOSTILE_KEYS)(
    "jsonValueFromNode keeps %s as an own key of a null-prototype object",
    (key) => {
      const parsed = parseJson(`{"${key}": {"polluted": true}, "x": 1}`);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      const value = jsonValueFromNode(parsed.root) as Record<string, unknown>;
      expect(Object.getPrototypeOf(value)).toBeNull();
      expect(Object.keys(value)).toEqual([key, "x"]);
      expect(value[key]).toMatchObject({ polluted: true });
      expectPrototypeUntouched(before);
    },
  );
});

describe("policies with hostile keys", () => {
  const elementTexts = (key: string) => [
    `{"Version":"2012-10-17","${key}":{"polluted":true},"Statement":[${JSON.stringify(ALLOW_ALL)}]}`,
    `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","${key}":{"Effect":"Deny"}}]}`,
  ];

  it.each(HOSTILE_KEYS)(
    "a %s element of the policy or a statement is an unknown element; the request is an error",
    (key) => {
      for (const text of elementTexts(key)) {
        const parsed = parsePolicy(text);
        expect(parsed.ok).toBe(false);
        expect(parsed.diagnostics.map((d) => d.code)).toContain("INVALID_POLICY_ELEMENT");
        // An unusable policy never decides: the request is an error, not Allowed.
        expect(
          isErrorOutcome(evaluate({ action: "s3:GetObject", policies: { identity: [text] } })),
        ).toBe(true);
      }
    },
  );

  it("validatePolicy reports a prototype element of a statement as unknown", () => {
    for (const text of elementTexts("prototype")) expectWellFormedDiagnostics(validatePolicy(text));
  });

  // Was bug H4 (/tmp/iamspec-bugs.md): validatePolicy threw a TypeError for a statement element named
  // after an Object.prototype member (redundant-statements.ts looked the name up in an object literal).
  it.each(["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"])(
    "validatePolicy reports a %s element of a statement as unknown instead of throwing",
    (key) => {
      for (const text of elementTexts(key)) {
        const diagnostics = validatePolicy(text);
        expectWellFormedDiagnostics(diagnostics);
        expect(diagnostics.map((d) => d.code)).toContain("INVALID_POLICY_ELEMENT");
      }
    },
  );

  it.each(HOSTILE_KEYS)("%s as a Principal type is rejected with its path", (key) => {
    const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"${key}":"*"},"Action":"s3:GetObject","Resource":"*"}]}`;
    const parsed = parsePolicy(text, { policyType: "resource" });
    expect(parsed.ok).toBe(false);
    expect(parsed.diagnostics[0]).toMatchObject({ code: "INVALID_PRINCIPAL_KEY" });
    expect(parsed.diagnostics[0]!.path).toContain(key);
    expectWellFormedDiagnostics(validatePolicy(text, { policyType: "resource" }));
  });

  it.each(HOSTILE_KEYS)(
    "%s as a condition operator is an invalid operator; in a Deny it never yields Allowed",
    (key) => {
      const deny = {
        Effect: "Deny",
        Action: "*",
        Resource: "*",
        Condition: { [key]: { "aws:username": "x" } },
      };
      const text = policyText(ALLOW_ALL, deny);
      expect(parsePolicy(text).ok).toBe(false);
      expectWellFormedDiagnostics(validatePolicy(text));
      expect(
        decisionOf(evaluate({ action: "s3:GetObject", policies: { identity: [text] } })),
      ).not.toBe("Allowed");
    },
  );

  it.each(HOSTILE_KEYS)("%s as a condition key is an ordinary, absent key", (key) => {
    const allowIfSet = policyText({ ...ALLOW_ALL, Condition: { StringEquals: { [key]: "yes" } } });
    const absent = evaluate({ action: "s3:GetObject", policies: { identity: [allowIfSet] } });
    expect(decisionOf(absent)).toBe("ImplicitlyDenied");
    const present = evaluate({
      action: "s3:GetObject",
      context: JSON.parse(`{"${key}": "yes"}`),
      policies: { identity: [allowIfSet] },
    });
    expect(decisionOf(present)).toBe("Allowed");
    // Null: true means "the key is absent": an inherited member must not count as present.
    const allowIfAbsent = policyText({ ...ALLOW_ALL, Condition: { Null: { [key]: "true" } } });
    expect(
      decisionOf(evaluate({ action: "s3:GetObject", policies: { identity: [allowIfAbsent] } })),
    ).toBe("Allowed");
  });

  /** The text an inherited member would turn into if a lookup read Object.prototype. */
  const inheritedText = (key: string) =>
    String((Object.prototype as unknown as Record<string, unknown>)[key]);

  // Was bug H5 (/tmp/iamspec-bugs.md): `${constructor}` became "function Object() { [native code] }".
  it.each(["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"])(
    "${%s} in a Resource or a condition is a missing variable, not an inherited member",
    (key) => {
      const resourceText = policyText({
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: `arn:aws:s3:::bucket/\${${key}}`,
      });
      for (const resource of [
        "arn:aws:s3:::bucket/",
        `arn:aws:s3:::bucket/${inheritedText(key)}`,
      ]) {
        expect(
          decisionOf(
            evaluate({ action: "s3:GetObject", resource, policies: { identity: [resourceText] } }),
          ),
        ).toBe("ImplicitlyDenied");
      }
      const conditionText = policyText({
        ...ALLOW_ALL,
        Condition: { StringEquals: { "aws:username": `\${${key}}` } },
      });
      const outcome = evaluate({
        action: "s3:GetObject",
        context: { "aws:username": inheritedText(key) },
        policies: { identity: [conditionText] },
      });
      expect(decisionOf(outcome)).toBe("ImplicitlyDenied");
    },
  );

  it("${prototype} in a Resource is a missing variable", () => {
    const text = policyText({
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: "arn:aws:s3:::bucket/${prototype}",
    });
    expect(
      decisionOf(
        evaluate({
          action: "s3:GetObject",
          resource: "arn:aws:s3:::bucket/",
          policies: { identity: [text] },
        }),
      ),
    ).toBe("ImplicitlyDenied");
    expect(
      decisionOf(
        evaluate({
          action: "s3:GetObject",
          resource: "arn:aws:s3:::bucket/undefined",
          policies: { identity: [text] },
        }),
      ),
    ).toBe("ImplicitlyDenied");
    const withValue = evaluate({
      action: "s3:GetObject",
      resource: "arn:aws:s3:::bucket/p",
      context: { prototype: "p" },
      policies: { identity: [text] },
    });
    expect(decisionOf(withValue)).toBe("Allowed");
  });

  it("hostile Sids are kept as text", () => {
    const text = policyText(
      ...HOSTILE_KEYS.map((key) => ({
        Sid: key,
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: "*",
      })),
    );
    const parsed = parsePolicy(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.policy.statements.map((s) => s.sid)).toEqual(HOSTILE_KEYS);
  });
});

describe("hostile keys in requests and policy sets", () => {
  const allow = policyText(ALLOW_ALL);

  it("a __proto__ member of the policy set is not an identity layer", () => {
    const policies = JSON.parse(`{"__proto__": {"identity": [${JSON.stringify(allow)}]}}`);
    expect(decisionOf(evaluate({ action: "s3:GetObject", policies }))).not.toBe("Allowed");
    expect(decisionOf(compile(policies).evaluate({ action: "s3:GetObject" }))).not.toBe("Allowed");
  });

  it("a __proto__ member of the request does not supply policies or context", () => {
    const request = JSON.parse(
      `{"action": "s3:GetObject", "policies": {"identity": []}, "__proto__": {"policies": {"identity": [${JSON.stringify(allow)}]}, "context": {"k": "v"}}}`,
    );
    expect(decisionOf(evaluate(request))).toBe("ImplicitlyDenied");
    const engine = compile({ identity: [] });
    expect(decisionOf(engine.evaluate(request))).toBe("ImplicitlyDenied");
  });

  it("a __proto__ member of an SCP level list is not a level", () => {
    const deny = policyText({ Effect: "Deny", Action: "*", Resource: "*" });
    const scp = JSON.parse(`{"__proto__": [${JSON.stringify(allow)}]}`);
    // An SCP layer given as an object (not a list) is a malformed request; it must not be skipped.
    expect(
      decisionOf(evaluate({ action: "s3:GetObject", policies: { identity: [allow], scp } })),
    ).not.toBe("Allowed");
    // A real SCP deny next to it still denies.
    const levels = [[allow], [deny]];
    expect(
      decisionOf(
        evaluate({ action: "s3:GetObject", policies: { identity: [allow], scp: levels } }),
      ),
    ).toBe("ExplicitlyDenied");
  });

  it("context keys that differ only by case from hostile names do not collide with the prototype", () => {
    const context = JSON.parse('{"__PROTO__": "a", "Constructor": "b", "PROTOTYPE": "c"}');
    const policy = policyText({
      ...ALLOW_ALL,
      Condition: { StringEquals: { __proto__x: "never" } },
    });
    expect(
      decisionOf(evaluate({ action: "s3:GetObject", context, policies: { identity: [policy] } })),
    ).toBe("ImplicitlyDenied");
    // Written as text: in an object literal `"__proto__": …` would set the prototype instead.
    const both = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"__proto__":"a","constructor":"b","prototype":"c"}}}}`;
    expect(
      decisionOf(evaluate({ action: "s3:GetObject", context, policies: { identity: [both] } })),
    ).toBe("Allowed");
  });
});

describe("service data lookups with hostile action names", () => {
  it.each([
    "s3:constructor",
    "s3:__proto__",
    "constructor:GetObject",
    "__proto__:x",
    "s3:hasOwnProperty",
    "prototype:*",
    "s3:__proto__*",
  ])("validatePolicy reports %s as unknown instead of crashing", (action) => {
    const text = policyText({ Effect: "Allow", Action: action, Resource: "*" });
    const serviceData = loadServiceData();
    const diagnostics = validatePolicy(text, { serviceData });
    expectWellFormedDiagnostics(diagnostics);
    const parsed = parsePolicy(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      const access = listAccess(parsed.policy, { serviceData });
      for (const entry of access.actions) expect(typeof entry.action).toBe("string");
    }
  });
});
