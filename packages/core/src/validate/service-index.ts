// Lookups over the IAM service reference data for the SR checks, built once per data object:
// action expansion, ARN formats by ARN service, and condition key templates.
import type { IamServiceData, ServiceAction, ServiceInfo } from "../types.js";
import { globCovers, hasWildcard } from "./wildcards.js";

export interface ArnFormat {
  servicePrefix: string;
  typeName: string;
  region: string;
  account: string;
  /** The resource part as a glob (`${Var}` → `*`). */
  resourceGlob: string;
}

export interface ResolvedAction {
  service: ServiceInfo;
  action: ServiceAction;
}

export interface ServiceIndex {
  data: IamServiceData;
  /** ARN formats of an ARN service, or undefined if unknown. */
  arnFormatsOf(arnService: string): ArnFormat[] | undefined;
  /** Formats whose ARN service is a placeholder (backup recovery points: arn:${Partition}:${Vendor}:…). */
  anyServiceFormats: ArnFormat[];
  /** Services that define keys with this prefix (`catalog:` keys belong to aws-marketplace). */
  servicesDefiningPrefix(prefix: string): ServiceInfo[];
  /** Resolve an action pattern: `unknown-service`, or the matching actions (maybe none). */
  expand(
    pattern: string,
  ): { kind: "unknown-service"; prefix: string } | { kind: "actions"; actions: ResolvedAction[] };
  /** Whether a key (case-insensitive) is defined by the service, by name or template. */
  keyDefined(service: ServiceInfo, key: string): boolean;
  /** Whether an action supports a key (action keys or keys of its resource types). */
  actionSupportsKey(service: ServiceInfo, action: ServiceAction, key: string): boolean;
  /** Actions of the service that support the key. */
  actionsSupportingKey(service: ServiceInfo, key: string): ServiceAction[];
  /** The IAM data type of a service key, if defined. */
  keyType(service: ServiceInfo, key: string): string | undefined;
}

/** Splits an ARN (or ARN template) into at most six fields; the sixth keeps further colons. */
export function splitArn(arn: string): string[] {
  const fields: string[] = [];
  let rest = arn;
  for (let i = 0; i < 5; i++) {
    const colon = rest.indexOf(":");
    if (colon < 0) break;
    fields.push(rest.slice(0, colon));
    rest = rest.slice(colon + 1);
  }
  fields.push(rest);
  return fields;
}

function templateGlob(template: string): string {
  return template.replace(/\$\{[^}]*\}|<[^>]*>/g, "*");
}

/** Key templates: `${TagKey}` / `<key>` placeholders, and a few written as words (`…/tag-key`). */
function keyTemplateGlob(template: string): string {
  return templateGlob(template).replace(/\/(tag-?key|key|tag_key)$/i, "/*");
}

/** Key templates use `${TagKey}` or `<key>` placeholders; match them case-insensitively. */
function keyMatchesTemplate(key: string, template: string): boolean {
  const glob = keyTemplateGlob(template);
  return glob === template
    ? key.toLowerCase() === template.toLowerCase()
    : globCovers(glob, key, true);
}

/** A resource type by name (own properties only: names come from data). */
export function resourceTypeOf(
  service: ServiceInfo,
  name: string,
): ServiceInfo["resourceTypes"][string] | undefined {
  const types = service.resourceTypes;
  if (Object.hasOwn(types, name)) return types[name];
  const lower = name.toLowerCase();
  return Object.hasOwn(types, lower) ? types[lower] : undefined;
}

const cache = new WeakMap<IamServiceData, ServiceIndex>();

export function serviceIndex(data: IamServiceData): ServiceIndex {
  const cached = cache.get(data);
  if (cached) return cached;

  const arnFormats = new Map<string, ArnFormat[]>();
  for (const prefix of data.prefixes()) {
    const service = data.service(prefix);
    if (!service) continue;
    for (const type of Object.values(service.resourceTypes)) {
      // Some formats hold several ARNs joined by ", " (API Gateway v1 and v2 paths of one type).
      for (const template of type.arn.split(/,\s*(?=arn:)/)) {
        const [arn, partition, arnService, region, account, resource] = splitArn(template);
        if (
          arn !== "arn" ||
          partition === undefined ||
          arnService === undefined ||
          resource === undefined
        )
          continue;
        const list = arnFormats.get(arnService) ?? [];
        list.push({
          servicePrefix: prefix,
          typeName: type.name,
          region: region ?? "",
          account: account ?? "",
          resourceGlob: templateGlob(resource),
        });
        arnFormats.set(arnService, list);
      }
    }
  }

  // Formats such as backup's recovery point (arn:${Partition}:${Vendor}:…) can be of any ARN service.
  const anyServiceFormats = [...arnFormats.entries()]
    .filter(([service]) => service.includes("${"))
    .flatMap(([, list]) => list);
  let keyPrefixes: Map<string, ServiceInfo[]> | undefined;
  const keyLists = new Map<ServiceInfo, string[]>();
  const keysOf = (service: ServiceInfo, action: ServiceAction): string[] => {
    const keys = [...(action.conditionKeys ?? [])];
    for (const rt of action.resourceTypes ?? []) {
      keys.push(...(rt.conditionKeys ?? []));
      const type = resourceTypeOf(service, rt.name);
      if (type) keys.push(...(type.conditionKeys ?? []));
    }
    return keys;
  };

  const expansions = new Map<string, ReturnType<ServiceIndex["expand"]>>();
  function expandUncached(pattern: string): ReturnType<ServiceIndex["expand"]> {
    const colon = pattern.indexOf(":");
    const prefixPattern = pattern.slice(0, colon).toLowerCase();
    const namePattern = pattern.slice(colon + 1);
    const prefixes = hasWildcard(prefixPattern)
      ? data.prefixes().filter((p) => globCovers(prefixPattern, p, true))
      : [prefixPattern];
    const services = prefixes
      .map((p) => data.service(p))
      .filter((s): s is ServiceInfo => s !== undefined);
    if (services.length === 0 && !hasWildcard(prefixPattern))
      return { kind: "unknown-service", prefix: prefixPattern };
    const actions: ResolvedAction[] = [];
    for (const service of services) {
      if (!hasWildcard(namePattern)) {
        const lower = namePattern.toLowerCase();
        if (Object.hasOwn(service.actions, lower))
          actions.push({ service, action: service.actions[lower]! });
        continue;
      }
      for (const action of Object.values(service.actions))
        if (globCovers(namePattern, action.name, true)) actions.push({ service, action });
    }
    return { kind: "actions", actions };
  }

  const index: ServiceIndex = {
    data,
    arnFormatsOf(arnService) {
      return arnFormats.get(arnService);
    },
    anyServiceFormats,
    servicesDefiningPrefix(prefix) {
      if (!keyPrefixes) {
        keyPrefixes = new Map();
        for (const p of data.prefixes()) {
          const service = data.service(p);
          if (!service) continue;
          for (const key of Object.values(service.conditionKeys)) {
            const keyPrefix = key.name.slice(0, key.name.indexOf(":")).toLowerCase();
            const list = keyPrefixes.get(keyPrefix) ?? [];
            if (!list.includes(service)) list.push(service);
            keyPrefixes.set(keyPrefix, list);
          }
        }
      }
      return keyPrefixes.get(prefix.toLowerCase()) ?? [];
    },
    expand(pattern) {
      // Patterns repeat across statements and policies; the data does not change, so cache by pattern.
      const key = pattern.toLowerCase();
      let result = expansions.get(key);
      if (!result) {
        result = expandUncached(pattern);
        expansions.set(key, result);
      }
      return result;
    },
    keyDefined(service, key) {
      let list = keyLists.get(service);
      if (!list) {
        list = Object.values(service.conditionKeys).map((k) => k.name);
        keyLists.set(service, list);
      }
      if (Object.hasOwn(service.conditionKeys, key.toLowerCase())) return true;
      return list.some((template) => keyMatchesTemplate(key, template));
    },
    actionSupportsKey(service, action, key) {
      return keysOf(service, action).some((template) => keyMatchesTemplate(key, template));
    },
    actionsSupportingKey(service, key) {
      return Object.values(service.actions).filter((a) => index.actionSupportsKey(service, a, key));
    },
    keyType(service, key) {
      const lower = key.toLowerCase();
      if (Object.hasOwn(service.conditionKeys, lower)) return service.conditionKeys[lower]!.type;
      return Object.values(service.conditionKeys).find((k) => keyMatchesTemplate(key, k.name))
        ?.type;
    },
  };
  cache.set(data, index);
  return index;
}

/** Whether two globs can match a common string (both sides may hold `*` and `?`). */
export function globsIntersect(a: string, b: string): boolean {
  // Quick rejection on the literal heads and tails (up to the first wildcard on either side).
  const wild = (c: string | undefined) => c === "*" || c === "?";
  for (let k = 0; k < a.length && k < b.length && !wild(a[k]) && !wild(b[k]); k++)
    if (a[k] !== b[k]) return false;
  for (let k = 1; k <= a.length && k <= b.length; k++) {
    const x = a[a.length - k];
    const y = b[b.length - k];
    if (wild(x) || wild(y)) break;
    if (x !== y) return false;
  }
  // Depth-first over states (i, j): a[0..i) and b[0..j) can produce a common string.
  const n = a.length;
  const m = b.length;
  const stack: [number, number][] = [[0, 0]];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const [i, j] = stack.pop()!;
    const id = i * (m + 1) + j;
    if (seen.has(id)) continue;
    seen.add(id);
    if (i === n && j === m) return true;
    const ca = a[i];
    const cb = b[j];
    if (ca === "*") {
      stack.push([i + 1, j]);
      if (j < m) stack.push([i, j + 1]);
    }
    if (cb === "*") {
      stack.push([i, j + 1]);
      if (i < n) stack.push([i + 1, j]);
    }
    if (
      ca !== undefined &&
      cb !== undefined &&
      ca !== "*" &&
      cb !== "*" &&
      (ca === cb || ca === "?" || cb === "?")
    )
      stack.push([i + 1, j + 1]);
  }
  return false;
}
