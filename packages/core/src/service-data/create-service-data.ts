// Reads the compact service data (see compact-format.ts) into the `IamServiceData` interface.
// Services are expanded on first use, so a lookup of one service does not pay for all 400+.
import type {
  AccessLevel,
  IamServiceData,
  ServiceAction,
  ServiceConditionKey,
  ServiceInfo,
} from "../types.js";
import {
  COMPACT_SERVICE_DATA_FORMAT,
  type CompactService,
  type CompactServiceData,
} from "./compact-format.js";

export function createServiceData(compact: CompactServiceData): IamServiceData {
  if (compact?.format !== COMPACT_SERVICE_DATA_FORMAT || !Array.isArray(compact.services)) {
    throw new Error(
      `createServiceData: unsupported compact service data (format ${String(compact?.format)}, expected ${COMPACT_SERVICE_DATA_FORMAT})`,
    );
  }
  const raw = new Map<string, CompactService>();
  for (const service of compact.services) raw.set(service[0].toLowerCase(), service);
  const expanded = new Map<string, ServiceInfo>();
  const prefixes = Object.freeze([...raw.keys()].sort());
  return {
    updatedAt: compact.updatedAt,
    service(prefix: string): ServiceInfo | undefined {
      const key = prefix.toLowerCase();
      const cached = expanded.get(key);
      if (cached) return cached;
      const service = raw.get(key);
      if (!service) return undefined;
      const info = expandService(service, compact.accessLevels);
      expanded.set(key, info);
      return info;
    },
    prefixes: () => prefixes,
  };
}

function expandService(service: CompactService, accessLevels: readonly string[]): ServiceInfo {
  const [prefix, name, keys, resourceTypes, actions] = service;
  const keyNames = keys.map(([keyName]) => keyName);
  const keysAt = (indexes: readonly number[]): string[] => indexes.map((i) => keyNames[i] ?? "");
  // Null-prototype records: keys come from data (an action could be called "constructor").
  const conditionKeys: Record<string, ServiceConditionKey> = Object.create(null);
  for (const [keyName, type] of keys)
    if (type !== "") conditionKeys[keyName.toLowerCase()] = { name: keyName, type };
  const resources: Record<string, { name: string; arn: string; conditionKeys: string[] }> =
    Object.create(null);
  for (const [rtName, arn, rtKeys] of resourceTypes)
    resources[rtName] = { name: rtName, arn, conditionKeys: keysAt(rtKeys) };
  const actionRecord: Record<string, ServiceAction> = Object.create(null);
  for (const [actionName, level, actionResources, actionKeys] of actions) {
    actionRecord[actionName.toLowerCase()] = {
      name: actionName,
      accessLevel: (accessLevels[level] ?? "Write") as AccessLevel,
      resourceTypes: actionResources.map(([rt, required, rtKeys]) => ({
        name: resourceTypes[rt]?.[0] ?? "",
        required: required === 1,
        conditionKeys: keysAt(rtKeys),
      })),
      conditionKeys: keysAt(actionKeys),
    };
  }
  return { prefix, name, actions: actionRecord, resourceTypes: resources, conditionKeys };
}
