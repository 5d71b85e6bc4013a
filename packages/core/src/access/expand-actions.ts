// Expands Action patterns with the IAM service reference data (docs/evaluation-rules.md §2: the prefix and
// the name are matched case-insensitively, `*` and `?` anywhere).
import type { AccessLevel, IamServiceData } from "../types.js";
import type { ActionStatus } from "./types.js";
import { hasWildcard, wildcardMatch } from "./wildcard.js";

export interface ExpandedAction {
  action: string;
  accessLevel?: AccessLevel;
  status: ActionStatus;
}

/** Every action a pattern stands for; the pattern itself when it cannot be expanded. */
export function expandActionPattern(
  pattern: string,
  serviceData?: IamServiceData,
): ExpandedAction[] {
  if (!serviceData) return [{ action: pattern, status: "unexpanded" }];
  const colon = pattern.indexOf(":");
  if (pattern !== "*" && colon === -1) return [{ action: pattern, status: "unknown" }];
  const prefixPattern = pattern === "*" ? "*" : pattern.slice(0, colon);
  const namePattern = pattern === "*" ? "*" : pattern.slice(colon + 1);
  const prefixes = hasWildcard(prefixPattern)
    ? serviceData.prefixes().filter((prefix) => wildcardMatch(prefixPattern, prefix))
    : [prefixPattern.toLowerCase()];
  const found: ExpandedAction[] = [];
  for (const prefix of prefixes) {
    const service = serviceData.service(prefix);
    if (!service) continue;
    if (!hasWildcard(namePattern)) {
      const action = service.actions[namePattern.toLowerCase()];
      if (action)
        found.push({
          action: `${service.prefix}:${action.name}`,
          accessLevel: action.accessLevel,
          status: "known",
        });
      continue;
    }
    for (const action of Object.values(service.actions)) {
      if (wildcardMatch(namePattern, action.name)) {
        found.push({
          action: `${service.prefix}:${action.name}`,
          accessLevel: action.accessLevel,
          status: "known",
        });
      }
    }
  }
  return found.length > 0 ? found : [{ action: pattern, status: "unknown" }];
}

/** Every action of the IAM data whose full name (`service:Name`) `keep` accepts. */
export function actionsWhere(
  serviceData: IamServiceData,
  keep: (action: string) => boolean,
): ExpandedAction[] {
  const found: ExpandedAction[] = [];
  for (const prefix of serviceData.prefixes()) {
    const service = serviceData.service(prefix);
    if (!service) continue;
    for (const action of Object.values(service.actions)) {
      const full = `${service.prefix}:${action.name}`;
      if (keep(full))
        found.push({ action: full, accessLevel: action.accessLevel, status: "known" });
    }
  }
  return found;
}

/** Every action of the IAM data that none of the NotAction patterns matches. */
export function expandNotAction(
  patterns: readonly string[],
  serviceData: IamServiceData,
): ExpandedAction[] {
  return actionsWhere(
    serviceData,
    (full) => !patterns.some((pattern) => wildcardMatch(pattern, full)),
  );
}
