// The shape of a request's `policies` (docs/architecture.md §5.1), read in one place: which keys it
// may have, that each is a list, and the one rule for SCP and RCP levels. evaluate()/compile(),
// resolvePolicySet (the CLI's request and test files) and the playground's request files all read
// it here, so a policy set means the same thing, with the same words, wherever it is given.
import type { PolicyType } from "../types.js";

/** The keys of `policies`, in the order tools show them. */
export const POLICY_SET_KEYS = [
  "identity",
  "resource",
  "boundary",
  "session",
  "scp",
  "rcp",
] as const satisfies readonly PolicyType[];
export type PolicySetKey = (typeof POLICY_SET_KEYS)[number];

/**
 * Every policy type: the policy-set keys and `trust` (a role's trust policy, validated on its own,
 * and given to evaluate() as the role's resource policy).
 */
export const POLICY_TYPES = [
  "identity",
  "resource",
  "trust",
  "boundary",
  "session",
  "scp",
  "rcp",
] as const satisfies readonly PolicyType[];

/** SCPs and RCPs come in levels of an organization (root first); the other types in one list. */
export const LEVELED_POLICY_SET_KEYS: readonly PolicySetKey[] = ["scp", "rcp"];

export function isPolicySetKey(key: string): key is PolicySetKey {
  return (POLICY_SET_KEYS as readonly string[]).includes(key);
}

/** The words for each problem of shape: one wording, whichever reader finds it. */
export const POLICY_SET_SHAPE_MESSAGES = {
  notAnObject: 'policies must be an object such as { "identity": [...] }',
  unknownKey: (key: string) =>
    `unknown policy type "${key}" (expected ${POLICY_SET_KEYS.join(", ")})`,
  notAList: (key: PolicySetKey) =>
    `${key} must be ${LEVELED_POLICY_SET_KEYS.includes(key) ? "a list of policies or a list of levels" : "a list of policies"}`,
  mixedLevels: (key: PolicySetKey) =>
    `${key} mixes policies and levels (lists); write a flat list (one level) or a list of levels`,
} as const;

/** A problem with the shape of `policies`: the message without its place, and the JSON path. */
export interface PolicySetShapeProblem {
  message: string;
  path: string;
}

/** One key of a well-shaped `policies`: its entries by level (one level for the flat types). */
export interface PolicySetLayer {
  key: PolicySetKey;
  /** The entries of each level. A flat list is one level; an empty list is no level. */
  levels: readonly (readonly unknown[])[];
  /** Whether the input wrote levels (a list of lists); entry paths then carry the level index. */
  leveled: boolean;
  /** JSON path of the key's value, e.g. `$.policies.scp`. */
  path: string;
}

/** The JSON path of entry `index` of `level` in a layer. */
export function entryPath(layer: PolicySetLayer, level: number, index: number): string {
  return layer.leveled ? `${layer.path}[${level}][${index}]` : `${layer.path}[${index}]`;
}

/**
 * Checks the shape of a `policies` value: an object whose keys are policy types, each a list; for
 * `scp` and `rcp` either a flat list (one level) or a list of levels, never a mix of the two (a mix
 * is ambiguous: which entries form which level?). Entries themselves are not read.
 */
export function readPolicySetShape(
  raw: unknown,
  path = "$.policies",
): { layers: PolicySetLayer[] } | { problem: PolicySetShapeProblem } {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return {
      problem: { message: 'policies must be an object such as { "identity": [...] }', path },
    };
  }
  const layers: PolicySetLayer[] = [];
  for (const key of Object.keys(raw)) {
    const value = (raw as Record<string, unknown>)[key];
    const keyPath = `${path}.${key}`;
    if (!isPolicySetKey(key)) {
      return { problem: { message: POLICY_SET_SHAPE_MESSAGES.unknownKey(key), path: keyPath } };
    }
    const leveledKey = LEVELED_POLICY_SET_KEYS.includes(key);
    if (!Array.isArray(value))
      return { problem: { message: POLICY_SET_SHAPE_MESSAGES.notAList(key), path: keyPath } };
    const lists = value.filter((entry) => Array.isArray(entry)).length;
    if (leveledKey && lists > 0 && lists < value.length) {
      return { problem: { message: POLICY_SET_SHAPE_MESSAGES.mixedLevels(key), path: keyPath } };
    }
    const leveled = leveledKey && value.length > 0 && lists === value.length;
    const levels = leveled ? (value as unknown[][]) : value.length > 0 ? [value] : [];
    layers.push({ key, levels, leveled, path: keyPath });
  }
  return { layers };
}
