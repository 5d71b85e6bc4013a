import { fileURLToPath } from "node:url";
import { join } from "node:path";

/** The repository root: this file is generators/policies/{src,dist}/paths.*. */
export const defaultRepoRoot = fileURLToPath(new URL("../../../", import.meta.url));

export interface GeneratorPaths {
  repoRoot: string;
  /** The inputs: policies/. */
  policiesDir: string;
  /** The output tree: packages/policies/src/generated. */
  outDir: string;
}

export function generatorPaths(repoRoot = defaultRepoRoot): GeneratorPaths {
  return {
    repoRoot,
    policiesDir: join(repoRoot, "policies"),
    outDir: join(repoRoot, "packages", "policies", "src", "generated"),
  };
}
