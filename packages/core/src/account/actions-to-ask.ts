// The actions `can` asks about: every action of the IAM service data, kept by service, access level
// and (with a resource) by whether the resource is of one of the action's resource types; in the
// order results are shown: by service prefix, access level, action name.
import { closestName } from "../closest-name.js";
import type { AccessLevel, IamServiceData } from "../types.js";
import { resourceTypeOf } from "../validate/service-index.js";
import { arnFitsFormat } from "./resource-types.js";

/** The access levels of the IAM service data, in the order results list them. */
export const ACCESS_LEVELS: readonly AccessLevel[] = Object.freeze([
  "List",
  "Read",
  "Write",
  "Permissions management",
  "Tagging",
]);

/** A bad question: an unknown service, access level, principal or shard. */
export class CanQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CanQueryError";
  }
}

/** The access level named by `text` in any case, with `-` or `_` for spaces; undefined if none. */
export function parseAccessLevel(text: string): AccessLevel | undefined {
  const wanted = text
    .trim()
    .toLowerCase()
    .replace(/[-_\s]+/g, " ");
  return ACCESS_LEVELS.find((level) => level.toLowerCase() === wanted);
}

export interface ActionFilter {
  /** Service prefixes (any case); all services when absent. */
  service?: string | readonly string[];
  accessLevel?: AccessLevel | readonly AccessLevel[];
  /** `*` (default) asks every action; an ARN only the actions it is a resource of. */
  resource?: string;
}

export interface AskedAction {
  /** `service:Name` as the IAM data spells it. */
  action: string;
  /** Lower case, as actions are matched. */
  lower: string;
  accessLevel: AccessLevel;
}

export interface AskedService {
  /** As the IAM data spells it. */
  prefix: string;
  /** Lower case. */
  key: string;
  name: string;
  actions: AskedAction[];
}

const list = <T>(value: T | readonly T[] | undefined): readonly T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value as T];

function prefixesOf(serviceData: IamServiceData, wanted: readonly string[] | undefined) {
  if (wanted === undefined) return serviceData.prefixes();
  const known = serviceData.prefixes();
  return wanted.map((prefix) => {
    const key = prefix.toLowerCase();
    if (serviceData.service(key) !== undefined) return key;
    const close = closestName(key, known);
    throw new CanQueryError(
      `unknown service prefix "${prefix}" (IAM data of ${serviceData.updatedAt})${close !== undefined ? `; did you mean ${close}?` : ""}`,
    );
  });
}

function levelsOf(wanted: readonly string[] | undefined): ReadonlySet<AccessLevel> {
  if (wanted === undefined) return new Set(ACCESS_LEVELS);
  return new Set(
    wanted.map((text) => {
      const level = parseAccessLevel(text);
      if (level === undefined)
        throw new CanQueryError(
          `unknown access level "${text}" (one of ${ACCESS_LEVELS.join(", ")})`,
        );
      return level;
    }),
  );
}

/**
 * The actions to ask about, grouped by service (by prefix), each service's in access-level order,
 * then by name. With a resource ARN, an action is asked only when the ARN fits the format of one of
 * its resource types; actions without resource types (they take only `*`) are then not asked.
 */
export function actionsToAsk(serviceData: IamServiceData, filter: ActionFilter): AskedService[] {
  const prefixes = [...new Set(prefixesOf(serviceData, list(filter.service)))].sort();
  const levels = levelsOf(list(filter.accessLevel));
  const resource = filter.resource ?? "*";
  const services: AskedService[] = [];
  for (const key of prefixes) {
    const service = serviceData.service(key);
    if (service === undefined) continue;
    const actions: AskedAction[] = [];
    for (const action of Object.values(service.actions)) {
      if (!levels.has(action.accessLevel)) continue;
      if (resource !== "*") {
        const fits = action.resourceTypes.some((rt) => {
          const type = resourceTypeOf(service, rt.name);
          return type !== undefined && arnFitsFormat(resource, type.arn);
        });
        if (!fits) continue;
      }
      const full = `${service.prefix}:${action.name}`;
      actions.push({ action: full, lower: full.toLowerCase(), accessLevel: action.accessLevel });
    }
    if (actions.length === 0) continue;
    actions.sort(
      (a, b) =>
        ACCESS_LEVELS.indexOf(a.accessLevel) - ACCESS_LEVELS.indexOf(b.accessLevel) ||
        (a.lower < b.lower ? -1 : a.lower > b.lower ? 1 : 0),
    );
    services.push({ prefix: service.prefix, key, name: service.name, actions });
  }
  return services;
}
