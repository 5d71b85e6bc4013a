// The bundled AWS managed policies (@iamspec/policies), loaded lazily: the catalog has no
// documents, and each policy is its own module, so `eval --policy X` loads only X.
import type { IamServiceData, JsonValue, ManagedPolicyLoader } from "@iamspec/core";
import { inputError } from "../errors.js";

export interface PolicyCatalogEntry {
  name: string;
  arn: string;
  description?: string;
  defaultVersion: string;
  versions: readonly string[];
  updatedAt?: string;
}

export interface BundledPolicy {
  name: string;
  arn: string;
  description?: string;
  defaultVersion: string;
  document: { readonly [key: string]: unknown };
  versions: Readonly<
    Record<string, { document: { readonly [key: string]: unknown }; updatedAt?: string }>
  >;
}

interface CatalogModule {
  policyCatalog: readonly PolicyCatalogEntry[];
  loadPolicy(nameOrArn: string): Promise<BundledPolicy | undefined>;
  findPolicy(nameOrArn: string): PolicyCatalogEntry | undefined;
  /** `loadAccount`'s AWS managed policies from the bundled corpus, with its date. */
  awsManagedPolicyLoader(onLoad?: (name: string) => void): ManagedPolicyLoader;
}

// Module names held in variables: the generated package may be absent while it is being
// built, and the CLI must still start (and say so) rather than fail to load.
const catalogModuleName = "@iamspec/policies/catalog";
const serviceDataModuleName = "@iamspec/policies/service-data";

let catalog: Promise<CatalogModule | undefined> | undefined;

export function loadCatalog(): Promise<CatalogModule | undefined> {
  catalog ??= import(catalogModuleName).then(
    (module: CatalogModule) => (Array.isArray(module.policyCatalog) ? module : undefined),
    () => undefined,
  );
  return catalog;
}

let serviceData: Promise<IamServiceData | undefined> | undefined;

/** The IAM service reference data, or undefined when the bundled data is not available. */
export function loadServiceData(): Promise<IamServiceData | undefined> {
  serviceData ??= import(serviceDataModuleName).then(
    (module: { serviceData?: IamServiceData }) => module.serviceData,
    () => undefined,
  );
  return serviceData;
}

export interface BundledDocument {
  name: string;
  arn: string;
  version: string;
  document: { [key: string]: JsonValue };
}

/** `Name`, `name` (any case), an ARN, or either with `@v3`; undefined when unknown. */
export async function findBundledDocument(spec: string): Promise<BundledDocument | undefined> {
  const module = await loadCatalog();
  if (!module) return undefined;
  const at = /^(.*)@(v\d+)$/i.exec(spec);
  const base = at ? at[1]! : spec;
  const entry =
    module.findPolicy(base) ??
    module.policyCatalog.find((p) => p.name.toLowerCase() === base.toLowerCase());
  if (!entry) return undefined;
  const policy = await module.loadPolicy(entry.name);
  if (!policy) return undefined;
  const version = at ? at[2]!.toLowerCase() : policy.defaultVersion;
  const chosen = policy.versions[version];
  if (!chosen) {
    const known = Object.keys(policy.versions).join(", ");
    throw Object.assign(new Error(`${policy.name} has no version ${version} (bundled: ${known})`), {
      exitCode: 2 as const,
    });
  }
  return {
    name: policy.name,
    arn: policy.arn,
    version,
    document: chosen.document as { [key: string]: JsonValue },
  };
}

export interface NamedBundledDocument extends BundledDocument {
  /** How the policy is shown: its name, with `@vN` when a version was asked for. */
  label: string;
}

/** `findBundledDocument` for a POLICY argument: a bad version is a usage error, and a label. */
export async function findBundledArgument(spec: string): Promise<NamedBundledDocument | undefined> {
  const found = await findBundledDocument(spec).catch((error: Error) => {
    throw inputError(error.message);
  });
  if (!found) return undefined;
  const label = /@v\d+$/i.test(spec) ? `${found.name}@${found.version}` : found.name;
  return { ...found, label };
}

/** The error for an argument that is neither `what` (e.g. "a file") nor a bundled policy. */
export async function notFoundError(spec: string, what: string): Promise<Error> {
  if (!(await loadCatalog()))
    return inputError(
      `"${spec}" is not ${what}, and the bundled policies are not available (run npm run build)`,
    );
  const similar = await similarBundledNames(spec);
  const hint =
    similar.length > 0
      ? `; did you mean ${similar.join(", ")}?`
      : " (see iamspec policies --search)";
  return inputError(`"${spec}" is neither ${what} nor a bundled policy name or ARN${hint}`);
}

/** Closest bundled names for a "did you mean" hint. */
export async function similarBundledNames(spec: string, limit = 3): Promise<string[]> {
  const module = await loadCatalog();
  if (!module) return [];
  const needle = spec.toLowerCase().replace(/@v\d+$/, "");
  return module.policyCatalog
    .filter((p) => p.name.toLowerCase().includes(needle) || needle.includes(p.name.toLowerCase()))
    .slice(0, limit)
    .map((p) => p.name);
}
