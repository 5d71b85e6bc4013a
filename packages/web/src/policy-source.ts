// The bundled policies. The catalog (1,600 names, ARNs and descriptions, no documents) is its
// own chunk, fetched after the first paint or when the picker is used; each document is its own
// chunk too, loaded when picked. The sample policy is imported directly so the page can open
// evaluated without waiting for the catalog.
import type { NamedPolicy } from "@iamspec/core";
import type { GeneratedPolicy, PolicyCatalogEntry } from "@iamspec/policies/catalog";

type CatalogModule = typeof import("@iamspec/policies/catalog");

let catalogModule: Promise<CatalogModule> | undefined;
let catalog: readonly PolicyCatalogEntry[] = [];
const catalogListeners: (() => void)[] = [];

export function loadCatalog(): Promise<CatalogModule> {
  catalogModule ??= import("@iamspec/policies/catalog").then((module) => {
    catalog = module.policyCatalog;
    for (const listener of catalogListeners) listener();
    return module;
  });
  return catalogModule;
}

/** The catalog if it has loaded, else empty (see `onCatalogLoaded`). */
export function catalogNow(): readonly PolicyCatalogEntry[] {
  return catalog;
}

export function onCatalogLoaded(listener: () => void): void {
  catalogListeners.push(listener);
}

export interface LoadedPolicy {
  /** Canonical name, with `@vN` when a version other than the default was asked for. */
  reference: string;
  name: string;
  text: string;
  versions: readonly string[];
  defaultVersion: string;
}

/** The policy `npm start` evaluates, loaded without the catalog. */
export async function loadSamplePolicy(): Promise<LoadedPolicy> {
  const module = await import("@iamspec/policies/policies/EC2ImageBuilderExecutionPolicy");
  return toLoaded(module.EC2ImageBuilderExecutionPolicy, undefined);
}

/** Loads a bundled policy by name, ARN or `Name@v1`, as pretty-printed JSON text. */
export async function loadBundledPolicy(reference: string): Promise<LoadedPolicy | undefined> {
  const { findPolicy, loadPolicy } = await loadCatalog();
  const at = reference.lastIndexOf("@");
  const base = at > 0 ? reference.slice(0, at) : reference;
  const version = at > 0 ? reference.slice(at + 1) : undefined;
  const entry = findPolicy(base);
  if (!entry) return undefined;
  if (version !== undefined && !entry.versions.includes(version)) return undefined;
  const policy = await loadPolicy(entry.name);
  return policy ? toLoaded(policy, version) : undefined;
}

function toLoaded(policy: GeneratedPolicy, version: string | undefined): LoadedPolicy {
  const chosen = version !== undefined ? policy.versions[version] : undefined;
  const document = chosen ? chosen.document : policy.document;
  const isDefault = version === undefined || version === policy.defaultVersion;
  const reference = isDefault ? policy.name : `${policy.name}@${version}`;
  return {
    reference,
    name: reference,
    text: `${JSON.stringify(document, null, 2)}\n`,
    versions: Object.keys(policy.versions),
    defaultVersion: policy.defaultVersion,
  };
}

/** A loader for policy references inside batch files. */
export async function loadNamedPolicy(reference: string): Promise<NamedPolicy | undefined> {
  const loaded = await loadBundledPolicy(reference);
  return loaded ? { name: loaded.name, document: loaded.text } : undefined;
}
