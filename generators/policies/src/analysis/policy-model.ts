// Groups input files into policies: files with the same ARN (or, for raw documents, the same
// name) are versions of one policy (docs/architecture.md); the highest version is the default.
import { GeneratorError, inputError, type GeneratorDiagnostic } from "../errors.js";
import type { PolicySource } from "../inputs/policy-source.js";
import type { DocumentFacts } from "./document-facts.js";
import { valueOf } from "./json-node.js";

export interface PolicyVersionModel {
  versionId: string;
  source: PolicySource;
  /** The parsed, validated document (computed on first use; throws a GeneratorError when invalid). */
  facts: () => DocumentFacts;
  createdAt?: string;
}

export interface PolicyModel {
  name: string;
  /** The TypeScript identifier of the constant (the name with `-` etc. replaced by `_`). */
  identifier: string;
  arn: string;
  description?: string;
  createdAt?: string;
  updatedAt?: string;
  defaultVersion: string;
  /** Ascending by version number. */
  versions: PolicyVersionModel[];
  /** Every input file, sorted. */
  files: string[];
}

export function identifierFor(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_$]/g, "_");
  return /^[0-9]/.test(id) ? `_${id}` : id;
}

const versionNumber = (id: string): number => Number(id.slice(1));

type Item = { source: PolicySource; facts: () => DocumentFacts };

/** Groups sources into policies; documents are analysed lazily (`facts()`), so cached policies cost nothing. */
export function buildPolicyModels(
  sources: readonly PolicySource[],
  analyze: (source: PolicySource) => DocumentFacts,
): PolicyModel[] {
  const analyzed: Item[] = sources.map((source) => {
    let memo: DocumentFacts | undefined;
    return { source, facts: () => (memo ??= analyze(source)) };
  });
  const groups = new Map<string, Item[]>();
  for (const item of analyzed) {
    const key = item.source.arn || `name:${item.source.name}`;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  const errors: GeneratorDiagnostic[] = [];
  const models: PolicyModel[] = [];
  for (const group of groups.values()) {
    const byVersion = new Map<string, Item>();
    for (const item of group) {
      const seen = byVersion.get(item.source.versionId);
      if (!seen) {
        byVersion.set(item.source.versionId, item);
        continue;
      }
      // The same version from two files is fine only when both say the same thing.
      if (JSON.stringify(valueOf(seen.facts().root)) !== JSON.stringify(valueOf(item.facts().root))) {
        errors.push({
          file: item.source.file,
          line: item.source.documentOffset.line + 1,
          column: 1,
          path: "$",
          message: `${item.source.name} ${item.source.versionId} differs from the same version in ${seen.source.file}`,
          code: "POLICY_VERSION_CONFLICT",
        });
      }
    }
    const versions = [...byVersion.values()]
      .sort((a, b) => versionNumber(a.source.versionId) - versionNumber(b.source.versionId))
      .map(({ source, facts }) => {
        const createdAt = source.versionCreatedAt ?? (source.kind === "page" ? source.updatedAt : undefined);
        return { versionId: source.versionId, source, facts, ...(createdAt ? { createdAt } : {}) };
      });
    const latest = versions[versions.length - 1]!;
    const sources = group.map((g) => g.source);
    const description = [...versions].reverse().find((v) => v.source.description)?.source.description;
    const createdAt = sources.map((s) => s.createdAt).filter((d) => d !== undefined).sort()[0];
    const updatedAt = sources.map((s) => s.updatedAt).filter((d) => d !== undefined).sort().at(-1);
    models.push({
      name: latest.source.name,
      identifier: identifierFor(latest.source.name),
      arn: latest.source.arn,
      ...(description ? { description } : {}),
      ...(createdAt ? { createdAt } : {}),
      ...(updatedAt ? { updatedAt } : {}),
      defaultVersion: latest.versionId,
      versions,
      files: sources.map((s) => s.file).sort(),
    });
  }
  if (errors.length > 0) throw new GeneratorError(errors);
  models.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  checkUniqueNames(models);
  return models;
}

/** Module file names and identifiers must be unique, case-insensitively (case-insensitive file systems). */
function checkUniqueNames(models: readonly PolicyModel[]): void {
  const seen = new Map<string, PolicyModel>();
  for (const model of models) {
    for (const key of new Set([`file:${model.name.toLowerCase()}`, `id:${model.identifier.toLowerCase()}`])) {
      const other = seen.get(key);
      if (other) {
        throw inputError(
          { file: model.files[0]! },
          `policy ${model.name} (${model.arn || "no ARN"}) clashes with ${other.name} (${other.arn || "no ARN"}) from ${other.files[0]}: generated module names must differ ignoring case`,
        );
      }
      seen.set(key, model);
    }
  }
}
