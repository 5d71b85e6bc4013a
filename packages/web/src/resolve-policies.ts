// Policy entries may name a bundled policy (`"EC2ImageBuilderExecutionPolicy"`, an ARN, or
// `Name@v1`); core evaluates documents, so names are loaded and replaced before evaluating.
import type { NamedPolicy, PolicyEntry, PolicySet } from "@iamspec/core";

export type PolicyLoader = (reference: string) => Promise<NamedPolicy | undefined>;

/** A string entry is a reference to a bundled policy unless it is JSON text. */
export function isPolicyReference(entry: unknown): entry is string {
  return typeof entry === "string" && !entry.trimStart().startsWith("{");
}

/** Replaces every named entry with the loaded policy; throws naming the first unknown one. */
export async function resolvePolicySet(set: PolicySet, load: PolicyLoader): Promise<PolicySet> {
  const resolveEntry = async (entry: PolicyEntry, where: string): Promise<PolicyEntry> => {
    if (!isPolicyReference(entry)) return entry;
    const loaded = await load(entry.trim());
    if (!loaded) throw new Error(`${where}: "${entry}" is not a bundled policy name or ARN`);
    return loaded;
  };
  const resolveList = (list: readonly PolicyEntry[], where: string) =>
    Promise.all(list.map((entry, i) => resolveEntry(entry, `${where}[${i}]`)));
  const resolved: { -readonly [K in keyof PolicySet]: PolicySet[K] } = {};
  for (const slot of ["identity", "resource", "boundary", "session"] as const) {
    const list = set[slot];
    if (list !== undefined) resolved[slot] = await resolveList(list, `policies.${slot}`);
  }
  for (const slot of ["scp", "rcp"] as const) {
    const levels = set[slot];
    if (levels === undefined) continue;
    resolved[slot] = (await Promise.all(
      levels.map((entryOrLevel: PolicyEntry | readonly PolicyEntry[], i: number) =>
        Array.isArray(entryOrLevel)
          ? resolveList(entryOrLevel as readonly PolicyEntry[], `policies.${slot}[${i}]`)
          : resolveEntry(entryOrLevel as PolicyEntry, `policies.${slot}[${i}]`),
      ),
    )) as PolicySet["scp"];
  }
  return resolved;
}
