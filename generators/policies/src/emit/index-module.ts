// The generated index: every policy module re-exported, so `import { X } from "@iamspec/policies"`
// works and bundlers keep only X (the package is `"sideEffects": false`).
import type { PolicyModel } from "../analysis/policy-model.js";
import { generatedHeader } from "./format.js";

export function emitIndexModule(models: readonly PolicyModel[]): string {
  const lines = models.map((m) => `export * from "./policies/${m.name}.js";`);
  return `${generatedHeader(["policies/"])}\n${lines.join("\n")}\n`;
}
