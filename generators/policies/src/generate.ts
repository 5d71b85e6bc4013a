// The generator: policies/ in, the file tree of packages/policies/src/generated out (in memory).
import { analyzeDocument, type DocumentFacts } from "./analysis/document-facts.js";
import { buildPolicyModels, type PolicyModel } from "./analysis/policy-model.js";
import { GeneratorError, type GeneratorDiagnostic } from "./errors.js";
import { emitCatalogModule } from "./emit/catalog-module.js";
import { emitIndexModule } from "./emit/index-module.js";
import { emitPolicyModule, policyModulePath } from "./emit/policy-module.js";
import { listInputFiles, readPolicySource } from "./inputs/read-inputs.js";
import type { PolicySource } from "./inputs/policy-source.js";

export interface GenerateOptions {
  repoRoot: string;
  policiesDir: string;
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
  const inputs = listInputFiles(options.repoRoot, options.policiesDir);
  const analyzed: { source: PolicySource; facts: DocumentFacts }[] = [];
  const errors: GeneratorDiagnostic[] = [];
  for (const input of inputs) {
    try {
      const source = readPolicySource(input);
      analyzed.push({ source, facts: analyzeDocument(source) });
    } catch (error) {
      if (!(error instanceof GeneratorError)) throw error;
      errors.push(...error.diagnostics);
    }
  }
  // Every invalid file is reported, not just the first; nothing is emitted.
  if (errors.length > 0) throw new GeneratorError(errors);
  const models = buildPolicyModels(analyzed);

  const files = new Map<string, string>();
  let done = 0;
  for (const model of models) {
    files.set(policyModulePath(model), await emitPolicyModule(model));
    options.onProgress?.(++done, models.length, "policies");
  }
  files.set("index.ts", await emitIndexModule(models));
  files.set("catalog.ts", await emitCatalogModule(models));
  return { files, warnings: [], policies: models.length, services: 0 };
}

export type { PolicyModel };
