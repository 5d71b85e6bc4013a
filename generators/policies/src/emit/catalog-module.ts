// The generated catalog: metadata of every policy (no documents) and one lazy loader per policy,
// so `loadPolicy` code-splits: a bundler makes one chunk per `import()`. Printed in prettier's
// layout directly (the data printer), like the policy modules.
import type { PolicyModel } from "../analysis/policy-model.js";
import { arr, obj, printData, raw, str, strings, type DataNode } from "./data-printer.js";
import { generatedHeader } from "./format.js";

export function emitCatalogModule(models: readonly PolicyModel[]): string {
  const entries = arr(
    models.map((m) =>
      obj([
        ["name", str(m.name)],
        ["arn", str(m.arn)],
        ...(m.description ? [["description", str(m.description)] as [string, DataNode]] : []),
        ["defaultVersion", str(m.defaultVersion)],
        ["versions", strings(m.versions.map((v) => v.versionId))],
        ...(m.updatedAt ? [["updatedAt", str(m.updatedAt)] as [string, DataNode]] : []),
      ]),
    ),
  );
  const loaders = obj(models.map((m) => [m.name, raw(`() => import("./policies/${m.name}.js")`)]));
  const catalogHead = "export const policyCatalog: readonly PolicyCatalogEntry[] = ";
  const loadersHead = "export const policyLoaders: { readonly [name: string]: ModuleLoader } = ";
  return [
    generatedHeader(["policies/"]),
    `import type { PolicyCatalogEntry } from "../types.js";`,
    "",
    "/** Every bundled policy, by name (byte order). */",
    `${catalogHead}${printData(entries, 0, catalogHead.length, 1)};`,
    "",
    "type ModuleLoader = () => Promise<{ readonly [name: string]: unknown }>;",
    "",
    "/** Name -> loader of the policy's module (its constant is the export named by `policyIdentifier`). */",
    `${loadersHead}${printData(loaders, 0, loadersHead.length, 1)};`,
    "",
  ].join("\n");
}
