// The generated catalog: metadata of every policy (no documents) and one lazy loader per policy,
// so `loadPolicy` code-splits: a bundler makes one chunk per `import()`.
import type { PolicyModel } from "../analysis/policy-model.js";
import { formatTypeScript, generatedHeader } from "./format.js";
import { propertyKey, stringTuple } from "./literal.js";

export async function emitCatalogModule(models: readonly PolicyModel[]): Promise<string> {
  const entries = models.map((m) => {
    const fields = [
      `name: ${JSON.stringify(m.name)}`,
      `arn: ${JSON.stringify(m.arn)}`,
      ...(m.description ? [`description: ${JSON.stringify(m.description)}`] : []),
      `defaultVersion: ${JSON.stringify(m.defaultVersion)}`,
      `versions: ${stringTuple(m.versions.map((v) => v.versionId))}`,
      ...(m.updatedAt ? [`updatedAt: ${JSON.stringify(m.updatedAt)}`] : []),
    ];
    return `{ ${fields.join(", ")} }`;
  });
  const loaders = models.map(
    (m) =>
      `${propertyKey(m.name)}: () => import("./policies/${m.name}.js").then((m) => m.${m.identifier})`,
  );
  const body = [
    `import type { GeneratedPolicy, PolicyCatalogEntry } from "../types.js";`,
    "",
    `/** Every bundled policy, by name (byte order). */`,
    `export const policyCatalog: readonly PolicyCatalogEntry[] = [${entries.join(",\n")}];`,
    "",
    `/** Name -> loader of the policy module. */`,
    `export const policyLoaders: Readonly<Record<string, () => Promise<GeneratedPolicy>>> = {${loaders.join(",\n")}};`,
    "",
  ].join("\n");
  return formatTypeScript(generatedHeader(["policies/"]), body);
}
