// validatePolicy: grammar errors (IAM-SEMANTICS §1, per policy type) and lint findings (LINT-CHECKS.md)
// for one policy document, with JSON path, line, column and a hint for each.
import { parsePolicyNode } from "../policy/index.js";
import type { Diagnostic, IamServiceData, PolicyType } from "../types.js";
import { checkActions } from "./actions.js";
import { checkAttachedResource, checkIrrelevantKeys } from "./attached-resource.js";
import { checkConditions } from "./conditions.js";
import { checkCredentialsExposure } from "./credentials-exposure.js";
import { CHECKS, type CheckCode } from "./checks.js";
import { createContext, DEFAULT_HINTS, type ValidationContext } from "./context.js";
import { isJsonValueError, type JsonNode, jsonNodeFromValue, parseJson } from "./json.js";
import { buildPolicyView, type PolicyView } from "./model.js";
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
  policy: PolicyView,
  options: ValidateOptions,
): void {
  const resourceService = options.resourceService;
  // Variables work only under Version 2012-10-17; a missing Version is MISSING_VERSION (§1.2, §6).
  const variablesAllowed = policy.version !== "2008-10-17";
  const lookup = keyTypeLookup(ctx);
  const tagMemo = new Map<string, boolean>();
  for (const statement of policy.statements) {
    const sid = statement.element.get("Sid");
    if (sid?.value.type === "string")
      checkNoVariable(ctx, sid.value.value, sid.path, sid.value, "Sid");
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

function isParsedPolicy(input: unknown): boolean {
  return (
    typeof input === "object" &&
    input !== null &&
    Array.isArray((input as { statements?: unknown }).statements) &&
    typeof (input as { versionGiven?: unknown }).versionGiven === "boolean"
  );
}

/** Reads the input as a JSON tree: text keeps positions; a value gets a tree without them. */
function readInput(input: unknown, ctx: ValidationContext): JsonNode | undefined {
  if (typeof input === "string") {
    const parsed = parseJson(input);
    if (parsed.ok) return parsed.root;
    ctx.report(
      "JSON_SYNTAX_ERROR",
      {
        path: "$",
        loc: {
          offset: parsed.error.offset,
          line: parsed.error.line,
          column: parsed.error.column,
          endOffset: parsed.error.offset,
        },
      },
      `The policy is not valid JSON: ${parsed.error.message}`,
      "Check for a missing comma, quote or bracket near this position.",
    );
    return undefined;
  }
  // A parsed Policy (from parsePolicy) has lost the raw JSON the checks need; say so instead of listing
  // its fields as unknown elements.
  if (isParsedPolicy(input)) {
    ctx.report(
      "DATA_TYPE_MISMATCH",
      { path: "$" },
      "validatePolicy takes the policy document (JSON text or value), not a parsed Policy.",
      "Pass the JSON text (for line and column) or the document object.",
    );
    return undefined;
  }
  try {
    return jsonNodeFromValue(input);
  } catch (error) {
    if (!isJsonValueError(error)) throw error;
    ctx.report(
      "JSON_SYNTAX_ERROR",
      { path: error.path },
      `The policy is not a JSON value: ${error.message}.`,
    );
    return undefined;
  }
}

/** Diagnostics of the core parser (§1 grammar) over the same tree. Every rule it reports is also checked
 * here, so a parser failure costs nothing but its wording. */
function parserDiagnostics(
  root: JsonNode,
  policyType: PolicyType,
  hasPositions: boolean,
): Diagnostic[] {
  try {
    const diagnostics = parsePolicyNode(root, { policyType }).diagnostics.map((d) =>
      d.hint
        ? d
        : {
            ...d,
            hint: Object.hasOwn(CHECKS, d.code)
              ? (DEFAULT_HINTS[d.code as CheckCode] ?? CHECKS[d.code as CheckCode].title)
              : undefined,
          },
    );
    return hasPositions
      ? diagnostics
      : diagnostics.map(({ line: _line, column: _column, ...rest }) => rest);
  } catch {
    return [];
  }
}

/** Same code at the same path: reported once (ours first: they carry hints). */
function merge(first: Diagnostic[], second: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of [...first, ...second]) {
    const key = `${d.code}\u0000${d.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
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
  const root = readInput(input, ctx);
  if (!root) return ctx.diagnostics;
  const policy = buildPolicyView(root);
  checkStructure(
    ctx,
    policy,
    typeof input === "string" ? input : undefined,
    options.awsManaged === true,
  );
  if (policy.root.type === "object") checkStatements(ctx, policy, options);
  // Ours first (they carry hints); the sort is stable.
  return merge(ctx.diagnostics, parserDiagnostics(root, policyType, hasPositions)).sort(byPosition);
}
