// fast-check arbitraries for policies, requests and hostile text. Generated policies follow the
// grammar often enough to reach evaluation, and break it often enough to reach every error path.
import fc from "fast-check";
import { MUTATION_RUN } from "../hostile/support.js";

/** Fewer cases under mutation testing, where the suite runs once per mutant. */
export function runs(n: number): number {
  return MUTATION_RUN ? Math.max(5, Math.ceil(n / 40)) : n;
}

/** Fixed seeds and bounded runs: the fuzz suite is deterministic and stays within its time budget. */
export const FUZZ = { seed: 20261128, numRuns: runs(150) } as const;

export const OBJECT_PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

/** Strings chosen to break naive code: prototype names, wildcards, variables, control and bidi characters. */
export const NASTY_STRINGS = [
  "",
  " ",
  "*",
  "?",
  "**",
  "*?*",
  ":",
  ":::::",
  "${",
  "${}",
  "${*}",
  "${aws:username}",
  "${aws:username, 'x'}",
  "${aws:PrincipalTag/team}",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "\u0000",
  "\uD800",
  "\uDFFF",
  "\u200F",
  "\u202E",
  "\uFEFF",
  "\u2028",
  "\n",
  "\\",
  '"',
  "arn:aws:s3:::bucket/*",
  "arn:aws:iam::111122223333:user/alice",
  "arn:aws:sts::111122223333:assumed-role/R/s",
  "arn:*:*:*:*:*",
  "arn:aws",
  "111122223333",
  "anonymous",
  "ec2.amazonaws.com",
  "10.0.0.0/8",
  "::1/128",
  "2026-01-01T00:00:00Z",
  "1e400",
  "-0",
  "9007199254740993",
  "true",
  "TRUE",
  "aGVsbG8=",
] as const;

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...NASTY_STRINGS), fc.constantFrom(...NASTY_STRINGS))
      .map(([a, b]) => a + b),
  },
);

export const ACTIONS = [
  "s3:GetObject",
  "s3:PutObject",
  "s3:ListAllMyBuckets",
  "ec2:RunInstances",
  "ec2:CreateTags",
  "iam:PassRole",
  "kms:Decrypt",
  "sts:AssumeRole",
] as const;
export const RESOURCES = [
  "*",
  "arn:aws:s3:::bucket",
  "arn:aws:s3:::bucket/key",
  "arn:aws:ec2:us-east-1:111122223333:instance/i-1",
  "arn:aws:iam::111122223333:role/R",
  "arn:aws:kms:us-east-1:444455556666:key/k",
] as const;
export const PRINCIPALS = [
  "arn:aws:iam::111122223333:user/alice",
  "arn:aws:sts::111122223333:assumed-role/R/session",
  "arn:aws:iam::444455556666:root",
  "ec2.amazonaws.com",
  "anonymous",
] as const;
export const CONTEXT_KEYS = [
  "aws:username",
  "aws:SourceIp",
  "aws:CurrentTime",
  "aws:MultiFactorAuthAge",
  "aws:MultiFactorAuthPresent",
  "aws:SecureTransport",
  "aws:TagKeys",
  "aws:RequestTag/team",
  "aws:ResourceTag/team",
  "aws:PrincipalArn",
  "aws:ResourceAccount",
  "s3:prefix",
] as const;
export const OPERATORS = [
  "StringEquals",
  "StringNotEquals",
  "StringEqualsIgnoreCase",
  "StringNotEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
  "NumericEquals",
  "NumericNotEquals",
  "NumericLessThan",
  "NumericLessThanEquals",
  "NumericGreaterThan",
  "NumericGreaterThanEquals",
  "DateEquals",
  "DateNotEquals",
  "DateLessThan",
  "DateLessThanEquals",
  "DateGreaterThan",
  "DateGreaterThanEquals",
  "Bool",
  "BinaryEquals",
  "IpAddress",
  "NotIpAddress",
  "ArnEquals",
  "ArnLike",
  "ArnNotEquals",
  "ArnNotLike",
  "Null",
] as const;

/** A full operator name: optional set qualifier, base, optional IfExists — or, sometimes, garbage. */
export const operatorName: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        fc.constantFrom("", "", "ForAllValues:", "ForAnyValue:"),
        fc.constantFrom(...OPERATORS),
        fc.constantFrom("", "", "IfExists"),
      )
      .map(([q, base, suffix]) => q + base + (base === "Null" ? "" : suffix)),
  },
  { weight: 1, arbitrary: nastyString },
);

/** A value as it may appear in a policy or context: mostly scalars, sometimes the wrong shape. */
export const scalar: fc.Arbitrary<string | number | boolean> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.boolean() },
);
const wrongShape: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant({}),
  fc.dictionary(nastyString, scalar, { maxKeys: 2 }),
);
const scalarOrList = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 2, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: wrongShape },
);

const patternOf = (pool: readonly string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...pool) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(...pool).map((p) => p.slice(0, Math.max(1, p.length - 3)) + "*"),
    },
    { weight: 1, arbitrary: fc.constantFrom(...pool).map((p) => p.replace(/[aeiou]/, "?")) },
    { weight: 1, arbitrary: nastyString },
  );
const patternList = (pool: readonly string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: patternOf(pool) },
    { weight: 3, arbitrary: fc.array(patternOf(pool), { maxLength: 3 }) },
    { weight: 1, arbitrary: wrongShape },
  );

export const conditionBlock: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  operatorName,
  fc.dictionary(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...CONTEXT_KEYS) },
      { weight: 1, arbitrary: nastyString },
    ),
    scalarOrList,
    {
      minKeys: 1,
      maxKeys: 2,
    },
  ),
  { maxKeys: 2 },
);

const principalBlock = fc.oneof(
  fc.constant("*"),
  fc.record({
    AWS: fc.oneof(
      fc.constantFrom("*", ...PRINCIPALS, "111122223333"),
      fc.array(fc.constantFrom(...PRINCIPALS), { maxLength: 2 }),
    ),
  }),
  fc.record({ Service: fc.constantFrom("ec2.amazonaws.com", "s3.amazonaws.com") }),
  fc.dictionary(nastyString, scalarOrList, { maxKeys: 2 }),
);

export interface StatementOptions {
  /** Whether statements may name a principal (resource policies, RCPs). */
  principals?: boolean;
}

/** A statement: usually well-formed, sometimes with missing, extra, duplicated-in-spirit or wrong-typed elements. */
export function statementArb(
  options: StatementOptions = {},
): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record(
      {
        Sid: nastyString,
        Effect: fc.oneof(
          { weight: 10, arbitrary: fc.constantFrom("Allow", "Deny") },
          { weight: 1, arbitrary: scalarOrList },
        ),
        Action: patternList(ACTIONS),
        NotAction: patternList(ACTIONS),
        Resource: patternList(RESOURCES),
        NotResource: patternList(RESOURCES),
        Principal: principalBlock,
        NotPrincipal: principalBlock,
        Condition: fc.oneof(
          { weight: 6, arbitrary: conditionBlock },
          { weight: 1, arbitrary: wrongShape },
        ),
        extra: fc.tuple(nastyString, scalarOrList),
      },
      { requiredKeys: [] },
    )
    .map((s) => {
      // Mostly keep the grammar: one of Action/NotAction, one of Resource/NotResource, Effect present.
      const out: Record<string, unknown> = {};
      if (s.Sid !== undefined) out.Sid = s.Sid;
      out.Effect = s.Effect ?? "Allow";
      if (s.Action !== undefined || s.NotAction === undefined) out.Action = s.Action ?? "*";
      if (s.NotAction !== undefined && (s.Action === undefined || s.Sid === "*"))
        out.NotAction = s.NotAction;
      if (s.Resource !== undefined || s.NotResource === undefined) out.Resource = s.Resource ?? "*";
      if (s.NotResource !== undefined && s.Resource === undefined) out.NotResource = s.NotResource;
      if (options.principals) out.Principal = s.Principal ?? "*";
      else if (s.Principal !== undefined && s.Sid === "") out.Principal = s.Principal;
      if (s.NotPrincipal !== undefined && options.principals && s.Sid === "?")
        out.NotPrincipal = s.NotPrincipal;
      if (s.Condition !== undefined) out.Condition = s.Condition;
      // defineProperty: an assignment to "__proto__" would change the prototype instead of adding a key.
      if (s.extra !== undefined && s.Sid === " ") {
        Object.defineProperty(out, s.extra[0], {
          value: s.extra[1],
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    });
}

export function policyArb(options: StatementOptions = {}): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      Version: fc.oneof(
        { weight: 8, arbitrary: fc.constant("2012-10-17") },
        { weight: 1, arbitrary: fc.constant("2008-10-17") },
        { weight: 1, arbitrary: scalarOrList },
      ),
      Statement: fc.oneof(
        { weight: 6, arbitrary: fc.array(statementArb(options), { minLength: 1, maxLength: 4 }) },
        { weight: 1, arbitrary: statementArb(options) },
      ),
      omitVersion: fc.boolean(),
    })
    .map(({ Version, Statement, omitVersion }) =>
      omitVersion && Version === "2008-10-17" ? { Statement } : { Version, Statement },
    );
}

export const contextArb: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...CONTEXT_KEYS) },
    { weight: 1, arbitrary: nastyString },
  ),
  fc.oneof(
    { weight: 6, arbitrary: scalar },
    { weight: 2, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  ),
  { maxKeys: 4 },
);

export const requestArb = fc.record(
  {
    action: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...ACTIONS) },
      { weight: 1, arbitrary: nastyString },
    ),
    resource: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...RESOURCES) },
      { weight: 1, arbitrary: nastyString },
    ),
    principal: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...PRINCIPALS) },
      { weight: 1, arbitrary: nastyString },
    ),
    context: contextArb,
  },
  { requiredKeys: ["action"] },
);

/** A policy as the evaluator accepts it: JSON text most of the time (positions), else the object. */
export function asEntry(
  policy: Record<string, unknown>,
  asText: boolean,
): string | Record<string, unknown> {
  return asText ? JSON.stringify(policy) : policy;
}

/** Grammar-valid statements (any Effect, patterns, valid operators with scalar values): they reach evaluation. */
export function cleanStatementArb(
  options: StatementOptions = {},
): fc.Arbitrary<Record<string, unknown>> {
  const patterns = (pool: readonly string[]) =>
    fc.oneof(
      fc.constantFrom(...pool),
      fc.constantFrom(...pool).map((p) => p.slice(0, Math.max(1, p.length - 3)) + "*"),
      fc.array(fc.constantFrom(...pool, "*", "s3:*", "arn:aws:s3:::bucket/*"), {
        minLength: 1,
        maxLength: 3,
      }),
    );
  const validOperator = fc
    .tuple(
      fc.constantFrom("", "", "", "ForAllValues:", "ForAnyValue:"),
      fc.constantFrom(...OPERATORS),
      fc.constantFrom("", "", "IfExists"),
    )
    .map(([q, base, suffix]) => q + base + (base === "Null" ? "" : suffix));
  const value = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 1, arbitrary: fc.integer({ min: -5, max: 5000 }) },
    { weight: 1, arbitrary: fc.boolean() },
  );
  return fc
    .record(
      {
        Effect: fc.constantFrom("Allow", "Deny"),
        not: fc.boolean(),
        Action: patterns(ACTIONS),
        Resource: patterns(RESOURCES),
        Condition: fc.dictionary(
          validOperator,
          fc.dictionary(
            fc.constantFrom(...CONTEXT_KEYS),
            fc.oneof(value, fc.array(value, { minLength: 1, maxLength: 3 })),
            { minKeys: 1, maxKeys: 2 },
          ),
          { maxKeys: 2 },
        ),
      },
      { requiredKeys: ["Effect", "Action", "Resource"] },
    )
    .map(({ Effect, not, Action, Resource, Condition }) => ({
      Effect,
      ...(options.principals ? { Principal: "*" } : {}),
      [not && Effect === "Deny" ? "NotAction" : "Action"]: Action,
      Resource,
      ...(Condition !== undefined ? { Condition } : {}),
    }));
}

export function cleanPolicyArb(
  options: StatementOptions = {},
): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .array(cleanStatementArb(options), { minLength: 1, maxLength: 4 })
    .map((Statement) => ({ Version: "2012-10-17", Statement }));
}

/** Mostly grammar-valid policies (to reach evaluation), sometimes hostile ones (to reach errors). */
export function mixedPolicyArb(
  options: StatementOptions = {},
): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(
    { weight: 4, arbitrary: cleanPolicyArb(options) },
    { weight: 1, arbitrary: policyArb(options) },
  );
}

/**
 * The text of a one-statement policy with one element written twice: any of Sid, Effect, Action or
 * Resource, with any value the second time, at any place among the others, with any separator.
 */
export function duplicatedElementTextArb(): fc.Arbitrary<string> {
  const value = fc.oneof(
    fc.string({ maxLength: 12 }).map((v) => JSON.stringify(v)),
    fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }).map((v) => JSON.stringify(v)),
    fc.constantFrom('"Allow"', '"Deny"', '"*"', "1", "true", '{"k":"v"}', "[]"),
  );
  return fc
    .tuple(
      fc.constantFrom("Sid", "Effect", "Action", "Resource"),
      value,
      fc.nat(4),
      fc.constantFrom(",", ",\n    ", " , "),
    )
    .map(([key, duplicate, at, separator]) => {
      const members = [
        '"Sid":"s"',
        '"Effect":"Allow"',
        '"Action":["s3:GetObject","s3:PutObject"]',
        '"Resource":"*"',
      ];
      members.splice(at, 0, `${JSON.stringify(key)}:${duplicate}`);
      return `{"Version":"2012-10-17","Statement":[{${members.join(separator)}}]}`;
    });
}
