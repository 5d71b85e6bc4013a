// The `<Policy>GrantedAction` type: every concrete action a policy's Allow statements name in
// `Action`, wildcards expanded. Kept small: `service:*` is the service module's action union,
// `ec2:Describe*` is `Extract<Ec2Action, `ec2:Describe${string}`>` when that template selects
// exactly the actions IAM's case-insensitive match does, and `*` is any `service:action`.
import type { ResolvedPattern } from "./expand-actions.js";
import { serviceIdentifier } from "../emit/service-module.js";

export interface GrantedActionType {
  members: string[];
  typeImports: Map<string, string[]>;
}

export function grantedActionType(
  patterns: readonly { pattern: string; resolved: ResolvedPattern }[],
  policy: { identifier: string; actions: readonly string[] },
): GrantedActionType {
  const typeImports = new Map<string, string[]>();
  if (patterns.some((p) => p.resolved.all)) return { members: ["`${string}:${string}`"], typeImports };
  const use = (prefix: string, name: string): string => {
    typeImports.set(`../services/${prefix}.js`, [name]);
    return name;
  };
  const wholeServices = new Set<string>();
  const members: string[] = [];
  for (const { resolved } of patterns) {
    if (!resolved.service || !resolved.wholeService || wholeServices.has(resolved.service.prefix)) continue;
    wholeServices.add(resolved.service.prefix);
    members.push(use(resolved.service.prefix, `${serviceIdentifier(resolved.service)}Action`));
  }
  const templates = new Set<string>();
  const literals = new Set<string>();
  // When the policy's non-wildcard `actions` are exactly the granted actions written in canonical
  // case, they are `ConcreteAction<XAction>` (its entries without wildcards) rather than a second list of the same names.
  const explicit = patterns.filter((p) => !/[*?]/.test(p.pattern));
  const written = new Set(policy.actions.filter((a) => !/[*?]/.test(a)));
  const reuseActions =
    explicit.length > 0 &&
    explicit.every((p) => p.resolved.actions.length === 1 && p.resolved.actions[0] === p.pattern) &&
    written.size === new Set(explicit.map((p) => p.pattern)).size;
  if (reuseActions) members.push(`ConcreteAction<${policy.identifier}Action>`);
  for (const { pattern, resolved } of patterns) {
    const service = resolved.service;
    if (!service || wholeServices.has(service.prefix) || resolved.actions.length === 0) continue;
    if (reuseActions && !/[*?]/.test(pattern)) continue;
    const template = caseExactTemplate(pattern, service.prefix, resolved.actions);
    if (template) templates.add(`Extract<${use(service.prefix, `${serviceIdentifier(service)}Action`)}, ${template}>`);
    else for (const a of resolved.actions) literals.add(a);
  }
  members.push(...[...templates].sort(), ...[...literals].sort().map((a) => JSON.stringify(a)));
  return { members, typeImports };
}

/** A template literal type equal to the pattern's case-insensitive expansion, when there is one. */
function caseExactTemplate(pattern: string, prefix: string, expansion: readonly string[]): string | undefined {
  if (!pattern.includes("*") || pattern.includes("?") || /[`\\$]/.test(pattern)) return undefined;
  if (!pattern.startsWith(`${prefix}:`)) return undefined;
  const parts = pattern.split("*");
  const matchesExactly = (action: string): boolean => {
    let at = 0;
    for (const [i, part] of parts.entries()) {
      const found = i === 0 ? (action.startsWith(part) ? 0 : -1) : action.indexOf(part, at);
      if (found === -1 || (i === 0 && found !== 0)) return false;
      at = found + part.length;
    }
    const last = parts[parts.length - 1]!;
    return last === "" || action.endsWith(last);
  };
  // Template literal types match case-sensitively; only use one if it keeps every expanded action.
  if (!expansion.every(matchesExactly)) return undefined;
  return `\`${parts.join("${string}")}\``;
}
