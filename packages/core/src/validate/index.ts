// validatePolicy: the parser's grammar errors (docs/evaluation-rules.md §1, per policy type) and the lint
// findings of docs/checks.md for one policy document, with JSON path, line, column and a hint for each.
import { isJsonValueError, type JsonNode, jsonNodeFromValue, parseJson } from "../json/index.js";
import { isParsedPolicy, parsePolicy, parsePolicyNode } from "../policy/index.js";
import { type LocatedPolicy, readLocatedPolicy } from "../policy/located-policy.js";
import type { Diagnostic, IamServiceData, PolicyType } from "../types.js";
import { checkActions } from "./actions.js";
import { checkAttachedResource, checkIrrelevantKeys } from "./attached-resource.js";
import { checkConditions } from "./conditions.js";
import { checkCredentialsExposure } from "./credentials-exposure.js";
import { CHECKS, type CheckCode } from "./checks.js";
import { createContext, DEFAULT_HINTS, type ValidationContext } from "./context.js";
import { checkPermissionsManagement } from "./permissions-management.js";
import { checkPrincipals } from "./principals.js";
import { checkRedundantStatements } from "./redundant-statements.js";
import { checkResourcePolicyEscalation } from "./resource-policy-escalation.js";
import { checkResources } from "./resources.js";
import { checkSensitiveAccess, type SensitiveAccessRule } from "./sensitive-access.js";
import { checkServiceConditions, keyTypeLookup } from "./service-conditions.js";
import { checkStructure } from "./structure.js";
import { checkNoVariable } from "./variables.js";

export { CHECKS, type CheckCode, type CheckInfo } from "./checks.js";
export type { SensitiveAccessRule } from "./sensitive-access.js";
export type { GlobalConditionKey } from "./global-keys.js";
export {
  applySuppressions,
  isSuppressed,
  type IamspecConfig,
  type Suppression,
  type SuppressionContext,
} from "./suppressions.js";

export interface ValidateOptions {
  /** Which kind of policy the document is; default `identity`. */
  policyType?: PolicyType;
  /** IAM service reference data for the SR checks; without it those checks are skipped. */
  serviceData?: IamServiceData;
  /**
   * For resource-based policies: the service prefix of the resource the policy is attached to (`s3` for a
   * bucket policy, `kms` for a key policy). Enables the checks for actions and ARNs of other services.
   */
  resourceService?: string;
  /**
   * SENSITIVE_ACCESS rules: actions (patterns) that are sensitive on the resources (ARN patterns). No
   * default — which resources are sensitive is for each organisation to say; without rules the check is off.
   */
  sensitiveAccess?: readonly SensitiveAccessRule[];
  /**
   * The document is an AWS managed policy. AWS's own policies are not bound by the 6,144-character quota of
   * customer managed policies (ReadOnlyAccess and others are far larger), so the identity-policy size check
   * is left out for them.
   */
  awsManaged?: boolean;
}

function checkStatements(
  ctx: ValidationContext,
  policy: LocatedPolicy,
  options: ValidateOptions,
): void {
  const resourceService = options.resourceService;
  // Variables work only under Version 2012-10-17; a missing Version is MISSING_VERSION (docs/evaluation-rules.md §1.2, §6).
  const variablesAllowed = policy.version !== "2008-10-17";
  const lookup = keyTypeLookup(ctx);
  const tagMemo = new Map<string, boolean>();
  for (const statement of policy.statements) {
    const sid = statement.elements.get("Sid");
    if (sid?.value.type === "string") checkNoVariable(ctx, sid.value.value, sid.loc, "Sid");
    checkPrincipals(ctx, statement);
    checkActions(ctx, statement);
    checkResources(ctx, statement, variablesAllowed);
    checkConditions(ctx, statement, variablesAllowed, lookup);
    checkServiceConditions(ctx, statement, tagMemo);
    if (resourceService && ctx.policyType === "resource") {
      checkAttachedResource(ctx, statement, resourceService);
      checkIrrelevantKeys(ctx, statement, resourceService);
    }
  }
  checkRedundantStatements(ctx, policy.statements);
  // parliament's checks look at the whole policy: grants and denies of all its statements.
  checkPermissionsManagement(ctx, policy);
  checkCredentialsExposure(ctx, policy);
  checkSensitiveAccess(ctx, policy, options.sensitiveAccess ?? []);
  checkResourcePolicyEscalation(ctx, policy);
}

/** Reads the input as a JSON tree: text keeps positions; a value gets a tree without them. Input that is not
 * JSON gets the parser's own diagnostic, so both entry points word it alike. */
function readInput(
  input: unknown,
  ctx: ValidationContext,
): { root: JsonNode } | { diagnostics: Diagnostic[] } {
  // A parsed Policy (from parsePolicy) has lost the raw JSON the checks need; say so instead of listing
  // its fields as unknown elements.
  if (isParsedPolicy(input)) {
    ctx.report(
      "DATA_TYPE_MISMATCH",
      { path: "$" },
      "validatePolicy takes the policy document (JSON text or value), not a parsed Policy.",
      "Pass the JSON text (for line and column) or the document object.",
    );
    return { diagnostics: ctx.diagnostics };
  }
  if (typeof input === "string") {
    const parsed = parseJson(input);
    if (parsed.ok) return { root: parsed.root };
  } else {
    try {
      return { root: jsonNodeFromValue(input) };
    } catch (error) {
      if (!isJsonValueError(error)) throw error;
    }
  }
  return { diagnostics: withHints(parsePolicy(input, { policyType: ctx.policyType }).diagnostics) };
}

/** Parser diagnostics get the catalogue's hint where the parser gives none. */
function withHints(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => {
    if (d.hint !== undefined || !Object.hasOwn(CHECKS, d.code)) return d;
    const code = d.code as CheckCode;
    return { ...d, hint: DEFAULT_HINTS[code] ?? CHECKS[code].title };
  });
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0);
}

/**
 * Validates one policy document (JSON text or a value) as the given policy type. Returns every
 * diagnostic, sorted by position; an empty list means no findings.
 */
export function validatePolicy(input: unknown, options: ValidateOptions = {}): Diagnostic[] {
  const policyType = options.policyType ?? "identity";
  const hasPositions = typeof input === "string";
  const ctx = createContext(policyType, options.serviceData, hasPositions);
  const read = readInput(input, ctx);
  if ("diagnostics" in read) return read.diagnostics;
  // Grammar errors are the parser's (one wording, one set of positions); the checks below only lint the
  // parser's located reading of the same tree.
  const grammar = withHints(parsePolicyNode(read.root, { policyType }).diagnostics);
  const policy = readLocatedPolicy(read.root);
  checkStructure(
    ctx,
    policy,
    hasPositions ? (input as string) : undefined,
    options.awsManaged === true,
  );
  if (policy.root.type === "object") checkStatements(ctx, policy, options);
  // Grammar first; the sort is stable.
  return [...grammar, ...ctx.diagnostics].sort(byPosition);
}
