// The `sensitiveAccess` section of iamspec.config.json: SENSITIVE_ACCESS rules for core's validatePolicy,
// `[{ "actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::payroll/*"] }]`. Checked strictly: a rule
// that can never match (an action without a service prefix, a resource that is not an ARN) would turn the
// check off without a word, which is worse than refusing the config.
import type { SensitiveAccessRule } from "@iamspec/core";

/** Builds the one-line error for a JSON path of the config file (file:line:col: message (at path)). */
export type ConfigFailure = (message: string, jsonPath: string) => Error;

// `service:Action` with IAM's wildcards, or `*` for every action (docs/evaluation-rules.md §2: Action element).
const ACTION_PATTERN = /^(\*|[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+)$/;
// A resource is `*` or an ARN pattern; anything else never equals an ARN a policy names.
const RESOURCE_PATTERN = /^(\*|arn:\S+)$/;

export function readSensitiveAccess(list: unknown, fail: ConfigFailure): SensitiveAccessRule[] {
  if (list === undefined) return [];
  if (!Array.isArray(list))
    throw fail("sensitiveAccess must be a list of rules", "$.sensitiveAccess");
  return list.map((entry: unknown, i): SensitiveAccessRule => {
    const at = `$.sensitiveAccess[${i}]`;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry))
      throw fail('a sensitiveAccess rule is an object with "actions" and "resources"', at);
    const { actions, resources, reason, ...rest } = entry as Record<string, unknown>;
    const unknown = Object.keys(rest)[0];
    if (unknown !== undefined)
      throw fail(
        `unknown field "${unknown}" (known: actions, resources, reason)`,
        `${at}.${unknown}`,
      );
    if (reason !== undefined && typeof reason !== "string")
      throw fail("reason must be text", `${at}.reason`);
    return {
      actions: readPatterns(actions, `${at}.actions`, "actions", fail, (action) =>
        ACTION_PATTERN.test(action)
          ? undefined
          : `"${action}" is not an action: write service:Action (wildcards * and ? allowed), e.g. "s3:GetObject"`,
      ),
      resources: readPatterns(resources, `${at}.resources`, "resources", fail, (resource) =>
        RESOURCE_PATTERN.test(resource)
          ? undefined
          : `"${resource}" is not a resource ARN: write an ARN pattern such as "arn:aws:s3:::payroll/*", or "*"`,
      ),
    };
  });
}

function readPatterns(
  value: unknown,
  path: string,
  field: "actions" | "resources",
  fail: ConfigFailure,
  problem: (pattern: string) => string | undefined,
): string[] {
  const example = field === "actions" ? '["s3:GetObject"]' : '["arn:aws:s3:::payroll/*"]';
  if (value === undefined) throw fail(`${field} is required: a list such as ${example}`, path);
  if (!Array.isArray(value)) throw fail(`${field} must be a list such as ${example}`, path);
  if (value.length === 0)
    throw fail(`${field} is empty, so the rule could never match; list at least one`, path);
  return value.map((item: unknown, j) => {
    const itemPath = `${path}[${j}]`;
    if (typeof item !== "string") throw fail(`${field} entries must be strings`, itemPath);
    const message = problem(item);
    if (message !== undefined) throw fail(message, itemPath);
    return item;
  });
}
