// The generated index: every policy module re-exported, so `import { X } from "@iamspec/policies"`
// works and bundlers keep only X (the package is `"sideEffects": false`).
import type { PolicyModel } from "../analysis/policy-model.js";
import { formatTypeScript, generatedHeader } from "./format.js";

export async function emitIndexModule(models: readonly PolicyModel[]): Promise<string> {
  const lines = models.map((m) => `export * from "./policies/${m.name}.js";`);
  return formatTypeScript(generatedHeader(["policies/"]), `${lines.join("\n")}\n`);
}
