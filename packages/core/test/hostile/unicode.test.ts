// NUL, lone surrogates, right-to-left marks and look-alike characters: compared as exact UTF-16
// text (no normalisation, no trimming), so a look-alike never matches the real thing, and the
// validator names the character (IAM documents may contain only U+0009, U+000A, U+000D and
// U+0020–U+00FF: docs/evaluation-rules.md §1.1, IAM quotas page).
import { describe, expect, it } from "vitest";
import { evaluate, parseJson, parsePolicy, validatePolicy } from "../../src/index.js";
import { ALLOW_ALL, decisionOf, expectWellFormedDiagnostics, policyText } from "./support.js";

const HOSTILE_TEXT: [string, string][] = [
  ["NUL", "\u0000"],
  ["a lone high surrogate", "\uD800"],
  ["a lone low surrogate", "\uDC00"],
  ["a right-to-left mark", "\u200F"],
  ["a right-to-left override", "\u202E"],
  ["a zero-width space", "\u200B"],
  ["a byte-order mark", "\uFEFF"],
  ["a line separator", "\u2028"],
];

describe.each(HOSTILE_TEXT)("%s", (_, ch) => {
  const action = `s3:Get${ch}Object`;
  const resource = `arn:aws:s3:::bucket/${ch}key`;

  it("survives a JSON round trip through parsePolicy, escaped and (where JSON allows) raw", () => {
    const escaped = policyText({ Sid: "x", Effect: "Allow", Action: action, Resource: resource });
    const parsed = parsePolicy(escaped);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.policy.statements[0]!.action!.patterns[0]).toBe(action);
    const raw = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:Get${ch}Object","Resource":"*"}}`;
    const rawParsed = parseJson(raw);
    // JSON forbids unescaped control characters (U+0000–U+001F) only.
    expect(rawParsed.ok).toBe(ch.charCodeAt(0) >= 0x20);
    if (!rawParsed.ok) expect(rawParsed.error).toMatchObject({ line: 1, column: 71 });
  });

  it("is matched exactly: the character is neither dropped nor ignored", () => {
    const exact = policyText({ Effect: "Allow", Action: action, Resource: resource });
    const decide = (a: string, r: string) =>
      decisionOf(evaluate({ action: a, resource: r, policies: { identity: [exact] } }));
    expect(decide(action, resource)).toBe("Allowed");
    expect(decide(action.toUpperCase(), resource)).toBe("Allowed");
    expect(decide("s3:GetObject", resource)).toBe("ImplicitlyDenied");
    expect(decide(action, "arn:aws:s3:::bucket/key")).toBe("ImplicitlyDenied");
    const real = policyText({
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: "arn:aws:s3:::bucket/key",
    });
    expect(
      decisionOf(
        evaluate({ action, resource: "arn:aws:s3:::bucket/key", policies: { identity: [real] } }),
      ),
    ).toBe("ImplicitlyDenied");
  });

  it("a Deny with a wildcard still covers actions and resources that contain it", () => {
    const deny = policyText({ Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::bucket/*" });
    const outcome = evaluate({
      action,
      resource,
      policies: { identity: [policyText(ALLOW_ALL), deny] },
    });
    expect(decisionOf(outcome)).toBe("ExplicitlyDenied");
  });

  it("condition keys and values compare exactly", () => {
    const policy = policyText({
      ...ALLOW_ALL,
      Condition: { StringEquals: { [`aws:RequestTag/t${ch}`]: `v${ch}` } },
    });
    const decide = (context: Record<string, string>) =>
      decisionOf(evaluate({ action: "s3:PutObject", context, policies: { identity: [policy] } }));
    expect(decide({ [`aws:RequestTag/t${ch}`]: `v${ch}` })).toBe("Allowed");
    expect(decide({ [`AWS:REQUESTTAG/T${ch}`]: `v${ch}` })).toBe("Allowed");
    expect(decide({ [`aws:RequestTag/t${ch}`]: "v" })).toBe("ImplicitlyDenied");
    expect(decide({ "aws:RequestTag/t": `v${ch}` })).toBe("ImplicitlyDenied");
  });

  it("validatePolicy reports the character outside the IAM set with its path", () => {
    const diagnostics = validatePolicy(
      policyText({ Effect: "Allow", Action: action, Resource: "*" }),
    );
    expectWellFormedDiagnostics(diagnostics);
    const invalid = diagnostics.find((d) => d.code === "INVALID_CHARACTER");
    expect(invalid?.path).toBe("$.Statement[0].Action");
    expect(invalid?.line).toBe(1);
  });
});

describe("look-alikes and Unicode case mapping", () => {
  const allowGet = policyText({
    Effect: "Allow",
    Action: "s3:GetObject",
    Resource: "arn:aws:s3:::bucket/*",
  });
  const decide = (action: string, resource = "arn:aws:s3:::bucket/k") =>
    decisionOf(evaluate({ action, resource, policies: { identity: [allowGet] } }));

  it.each([
    ["Cyrillic dze for s", "\u04553:GetObject"],
    ["fullwidth colon", "s3\uFF1AGetObject"],
    ["a decomposed e-acute where none belongs", "s3:GetObje\u0301ct"],
    ["a trailing space", "s3:GetObject "],
    ["a leading tab", "\ts3:GetObject"],
  ])("an action with %s is not the real action", (_, action) => {
    expect(decide(action)).toBe("ImplicitlyDenied");
  });

  it("a resource that differs only by Unicode normalisation does not match", () => {
    const composed = policyText({
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: "arn:aws:s3:::bucket/caf\u00e9",
    });
    const request = {
      action: "s3:GetObject",
      resource: "arn:aws:s3:::bucket/cafe\u0301",
      policies: { identity: [composed] },
    };
    expect(decisionOf(evaluate(request))).toBe("ImplicitlyDenied");
  });

  it("`?` stands for one UTF-16 code unit and never splits the evaluation", () => {
    // AWS does not document `?` on characters outside the BMP; whatever the count, no exception.
    const policy = policyText({
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: "arn:aws:s3:::bucket/??",
    });
    const outcome = evaluate({
      action: "s3:GetObject",
      resource: "arn:aws:s3:::bucket/\u{1F600}",
      policies: { identity: [policy] },
    });
    expect(["Allowed", "ImplicitlyDenied"]).toContain(decisionOf(outcome));
  });
});
