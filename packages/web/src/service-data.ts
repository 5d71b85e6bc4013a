// The IAM service reference data is large, so it loads after the first paint; until then the
// action field suggests the actions the current policies name.
import type { IamServiceData, ServiceInfo } from "@iamspec/core";

let loading: Promise<IamServiceData | undefined> | undefined;
let loaded: IamServiceData | undefined;
let allActions: string[] | undefined;

export function serviceDataNow(): IamServiceData | undefined {
  return loaded;
}

export function loadServiceData(): Promise<IamServiceData | undefined> {
  loading ??= import("@iamspec/policies/service-data")
    .then((module) => {
      loaded = module.serviceData;
      return loaded;
    })
    .catch((error: unknown) => {
      console.warn("iamspec: service data unavailable", error);
      return undefined;
    });
  return loading;
}

/** Every `prefix:Action` of the service data, sorted (computed once). */
export function knownActions(): readonly string[] {
  if (!loaded) return [];
  if (allActions) return allActions;
  const data = loaded;
  allActions = data
    .prefixes()
    .flatMap((prefix) => {
      const service = data.service(prefix);
      return service
        ? Object.values(service.actions).map((a) => `${service.prefix}:${a.name}`)
        : [];
    })
    .sort((a, b) => a.localeCompare(b));
  return allActions;
}

export function serviceOf(action: string): ServiceInfo | undefined {
  const prefix = action.split(":")[0]?.toLowerCase();
  return prefix && loaded ? loaded.service(prefix) : undefined;
}

/** The IAM data type of a condition key (global `aws:` keys excluded: core knows those). */
export function conditionKeyType(key: string): string | undefined {
  const prefix = key.split(":")[0]?.toLowerCase();
  if (!prefix || !loaded) return undefined;
  const service = loaded.service(prefix);
  if (!service) return undefined;
  const lower = key.toLowerCase();
  const exact = service.conditionKeys[lower];
  if (exact) return exact.type;
  // Keys with a tag-key suffix (`aws:RequestTag/${TagKey}`) are listed by their template.
  const slash = lower.indexOf("/");
  if (slash === -1) return undefined;
  const stem = lower.slice(0, slash + 1);
  const template = Object.values(service.conditionKeys).find((k) =>
    k.name.toLowerCase().startsWith(stem),
  );
  return template?.type;
}

/** ARN formats of the resource types an action supports, for the resource field's suggestions. */
export function resourceArnsFor(action: string): { arn: string; type: string }[] {
  const service = serviceOf(action);
  const name = action.split(":")[1]?.toLowerCase();
  if (!service || !name) return [];
  const found = service.actions[name];
  if (!found) return [];
  return found.resourceTypes.flatMap((rt) => {
    const resourceType = service.resourceTypes[rt.name];
    return resourceType
      ? [{ arn: resourceType.arn, type: rt.required ? `${rt.name} (required)` : rt.name }]
      : [];
  });
}
