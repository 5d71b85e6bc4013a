// The matchers, runner-neutral: each takes the received policy (or policy set) and returns
// `{ pass, message }` as `expect.extend` wants. A failure message is what the CLI prints:
// `iamspec eval --explain` for decisions (core's formatExplanation), `iamspec check` for checks.
import {
  checkAccessNotGranted,
  checkNoNewAccess,
  checkNoPublicAccess,
  evaluate,
  formatAccessNotGranted,
  formatExplanation,
  formatNoNewAccess,
  formatNoPublicAccess,
  parsePolicy,
} from "@iamspec/core";
import type {
  Decision,
  EngineRequest,
  EvaluationOutcome,
  Policy,
  PolicyDocument,
  PolicyEntry,
  PolicySet,
  PolicyType,
} from "@iamspec/core";
import { serviceData } from "@iamspec/policies/service-data";

/** A request to test: as `evaluate`'s, without policies (they are the received value). */
export type TestRequest<Action extends string = string, Key extends string = string> = Omit<
  EngineRequest<Action, Key>,
  "policies"
>;

/**
 * What `expect(…)` takes: one identity policy (document, JSON text, parsed policy, or
 * `{ name, document }`), or a whole policy set (`{ identity, resource, scp, … }`) for decisions.
 */
export type PolicyUnderTest = PolicyEntry | PolicySet;

export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/** The `this` of a matcher that the matchers read (vitest's and jest's both have it). */
export interface MatcherThis {
  isNot?: boolean;
}

const SET_KEYS = ["identity", "resource", "boundary", "session", "scp", "rcp"];

function isPolicySet(value: unknown): value is PolicySet {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => SET_KEYS.includes(key));
}

function isParsed(value: unknown): value is Policy {
  return (
    typeof value === "object" &&
    value !== null &&
    Array.isArray((value as Policy).statements) &&
    typeof (value as Policy).version === "string"
  );
}

function nameOf(value: unknown, fallback: string): string {
  if (typeof value === "object" && value !== null && "name" in value) {
    const name = (value as { name?: unknown }).name;
    if (typeof name === "string") return name;
  }
  return fallback;
}

/** Parses what a check takes; throws with the parser's words when it is not a policy. */
export function toPolicy(value: unknown, label: string, policyType?: PolicyType): Policy {
  if (isParsed(value)) return value;
  let document: unknown = value;
  if (
    typeof value === "object" &&
    value !== null &&
    "document" in value &&
    !("Statement" in value)
  ) {
    document = (value as { document: unknown }).document;
    if (isParsed(document)) return document;
  }
  const parsed = parsePolicy(document as string | PolicyDocument, {
    name: nameOf(value, label),
    ...(policyType && { policyType }),
  });
  if (!parsed.ok)
    throw new Error(
      `${label} is not a valid policy: ${parsed.diagnostics.map((d) => `${d.path}: ${d.message}`).join("; ")}`,
    );
  return parsed.policy;
}

function decide(received: PolicyUnderTest, request: TestRequest): EvaluationOutcome {
  const policies: PolicySet = isPolicySet(received)
    ? received
    : { identity: [received as PolicyEntry] };
  return evaluate({ ...request, policies }, { explain: true });
}

function describeRequest(request: TestRequest): string {
  return `${request.action}${request.resource ? ` on ${request.resource}` : ""}`;
}

function decisionMatcher(
  wanted: readonly Decision[],
  words: string,
): (this: MatcherThis, received: PolicyUnderTest, request: TestRequest) => MatcherResult {
  return function (this: MatcherThis, received, request) {
    const outcome = decide(received, request);
    if ("error" in outcome)
      return {
        pass: false,
        message: () => `the request could not be evaluated: ${outcome.error.message}`,
      };
    const pass = wanted.includes(outcome.decision);
    return {
      pass,
      message: () =>
        `expected the policy ${pass ? "not " : ""}to ${words} ${describeRequest(request)}\n\n${formatExplanation(outcome)}`,
    };
  };
}

export const toAllow = decisionMatcher(["Allowed"], "allow");
export const toDeny = decisionMatcher(["ImplicitlyDenied", "ExplicitlyDenied"], "deny");
export const toImplicitlyDeny = decisionMatcher(["ImplicitlyDenied"], "implicitly deny");
export const toExplicitlyDeny = decisionMatcher(["ExplicitlyDenied"], "explicitly deny");

export function toGrantNoNewAccessOver(
  this: MatcherThis,
  received: PolicyEntry,
  old: PolicyEntry,
): MatcherResult {
  const oldPolicy = toPolicy(old, "the old policy");
  const newPolicy = toPolicy(received, "the policy");
  const result = checkNoNewAccess(oldPolicy, newPolicy, { serviceData });
  const names = {
    old: oldPolicy.name ?? "old",
    new: newPolicy.name ?? "new",
  };
  return {
    pass: result.result === "PASS",
    message: () => formatNoNewAccess(names, result),
  };
}

export function toNotGrant(
  this: MatcherThis,
  received: PolicyEntry,
  actions: string | readonly string[],
  resources?: string | readonly string[],
): MatcherResult {
  const policy = toPolicy(received, "the policy");
  const actionList = [actions].flat();
  const resourceList = resources === undefined ? [] : [resources].flat();
  const result = checkAccessNotGranted(
    policy,
    { actions: actionList, resources: resourceList },
    { serviceData },
  );
  return {
    pass: result.result === "PASS",
    message: () =>
      formatAccessNotGranted(policy.name ?? "the policy", actionList, resourceList, result),
  };
}

export function toHaveNoPublicAccess(
  this: MatcherThis,
  received: PolicyEntry,
  resourceType: string,
): MatcherResult {
  const policyType: PolicyType =
    resourceType === "AWS::IAM::AssumeRolePolicyDocument" ? "trust" : "resource";
  const policy = toPolicy(received, "the policy", policyType);
  const result = checkNoPublicAccess(policy, resourceType, { serviceData });
  return {
    pass: result.result === "PASS",
    message: () => formatNoPublicAccess(policy.name ?? "the policy", result),
  };
}

/** Every matcher, for `expect.extend(iamMatchers)`. */
export const iamMatchers = {
  toAllow,
  toDeny,
  toImplicitlyDeny,
  toExplicitlyDeny,
  toGrantNoNewAccessOver,
  toNotGrant,
  toHaveNoPublicAccess,
};

/** The matchers as `expect(policy)` offers them once extended (`R` is the runner's return type). */
export interface IamMatchers<R = unknown> {
  /** The policy (or policy set) allows the request; the message is `iamspec eval --explain`'s. */
  toAllow<Action extends string = string, Key extends string = string>(
    request: TestRequest<Action, Key>,
  ): R;
  /** The request is denied, implicitly or explicitly. */
  toDeny<Action extends string = string, Key extends string = string>(
    request: TestRequest<Action, Key>,
  ): R;
  /** No statement allows the request, and none denies it. */
  toImplicitlyDeny<Action extends string = string, Key extends string = string>(
    request: TestRequest<Action, Key>,
  ): R;
  /** A Deny statement applies. */
  toExplicitlyDeny<Action extends string = string, Key extends string = string>(
    request: TestRequest<Action, Key>,
  ): R;
  /** `iamspec check no-new-access OLD <policy>` passes. */
  toGrantNoNewAccessOver(old: PolicyEntry): R;
  /** `iamspec check access-not-granted <policy> --action … --resource …` passes. */
  toNotGrant(actions: string | readonly string[], resources?: string | readonly string[]): R;
  /** `iamspec check no-public-access <policy> --resource-type …` passes. */
  toHaveNoPublicAccess(resourceType: string): R;
}
