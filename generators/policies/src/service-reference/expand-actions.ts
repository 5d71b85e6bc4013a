// Resolves the action patterns of a policy against the IAM reference data: wildcards expand to
// the concrete actions they cover (IAM matches actions case-insensitively, `*` and `?` wildcards:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html);
// unknown services and actions are warnings, since the data lags AWS.
import type { ActionPatternRef } from "../analysis/document-facts.js";
import type { GeneratorDiagnostic } from "../errors.js";
import type { IamData, IamService } from "./iam-data.js";

export interface ResolvedPattern {
  /** `*`: every action of every service. */
  all: boolean;
  /** The service the pattern names, when known to the data. */
  service?: IamService;
  /** `service:*`: every action of the service. */
  wholeService: boolean;
  /** Concrete actions, `prefix:Name` in canonical case. */
  actions: string[];
  warning?: string;
}

export function resolveActionPattern(pattern: string, data: IamData): ResolvedPattern {
  const none = { all: false, wholeService: false, actions: [] };
  if (pattern === "*") return { ...none, all: true };
  const colon = pattern.indexOf(":");
  if (colon <= 0) return { ...none, warning: `action "${pattern}" is not of the form service:action` };
  const prefix = pattern.slice(0, colon);
  const actionPart = pattern.slice(colon + 1);
  const service = /[*?]/.test(prefix) ? undefined : data.services.get(prefix.toLowerCase());
  if (!service) {
    return {
      ...none,
      warning: `unknown service "${prefix}" in "${pattern}" (not in the IAM reference data of ${data.updatedAt})`,
    };
  }
  const qualified = (name: string) => `${service.prefix}:${name}`;
  if (actionPart === "*") {
    return { ...none, service, wholeService: true, actions: [...service.actions.values()].map((a) => qualified(a.name)) };
  }
  if (/[*?]/.test(actionPart)) {
    const matcher = wildcardMatcher(actionPart);
    const actions = [...service.actions.values()].filter((a) => matcher(a.name)).map((a) => qualified(a.name));
    return actions.length > 0
      ? { ...none, service, actions }
      : { ...none, service, warning: `"${pattern}" matches no ${service.prefix} action in the IAM reference data of ${data.updatedAt}` };
  }
  const action = service.actions.get(actionPart.toLowerCase());
  return action
    ? { ...none, service, actions: [qualified(action.name)] }
    : { ...none, service, warning: `unknown action "${pattern}" (not in the IAM reference data of ${data.updatedAt})` };
}

/** Case-insensitive `*`/`?` matcher, linear time (no regex backtracking). */
export function wildcardMatcher(pattern: string): (value: string) => boolean {
  const p = pattern.toLowerCase();
  return (value: string) => {
    const v = value.toLowerCase();
    let pi = 0;
    let vi = 0;
    let star = -1;
    let mark = 0;
    while (vi < v.length) {
      if (pi < p.length && (p[pi] === "?" || p[pi] === v[vi])) {
        pi++;
        vi++;
      } else if (pi < p.length && p[pi] === "*") {
        star = pi++;
        mark = vi;
      } else if (star !== -1) {
        pi = star + 1;
        vi = ++mark;
      } else return false;
    }
    while (pi < p.length && p[pi] === "*") pi++;
    return pi === p.length;
  };
}

export function patternWarning(file: string, ref: ActionPatternRef, message: string): GeneratorDiagnostic {
  return {
    file,
    ...(ref.line !== undefined ? { line: ref.line, column: ref.column ?? 1 } : {}),
    path: ref.path,
    message,
    code: "UNKNOWN_ACTION",
  };
}
