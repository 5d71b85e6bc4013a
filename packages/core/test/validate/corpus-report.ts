// Counts per diagnostic code over every AWS managed policy, with and without the IAM service data, as a
// Markdown table (for issue notes). Run from the repository root:
//   npx esbuild packages/core/test/validate/corpus-report.ts --bundle --platform=node --format=esm \
//     --log-level=warning | node --input-type=module -
import { CHECKS, validatePolicy, type ValidateOptions } from "../../src/validate/index.js";
import type { Diagnostic } from "../../src/types.js";
import { corpus, readGeneratedServiceData } from "./corpus-data.js";

const policies = corpus();
const serviceData = readGeneratedServiceData();

function run(options: ValidateOptions): {
  counts: Map<string, number>;
  policies: Map<string, number>;
  all: Diagnostic[];
} {
  const counts = new Map<string, number>();
  const perPolicy = new Map<string, Set<string>>();
  const all: Diagnostic[] = [];
  for (const { file, text } of policies) {
    for (const d of validatePolicy(text, options)) {
      counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
      const set = perPolicy.get(d.code) ?? new Set();
      set.add(file);
      perPolicy.set(d.code, set);
      all.push({ ...d, source: file });
    }
  }
  return { counts, policies: new Map([...perPolicy].map(([c, s]) => [c, s.size])), all };
}

const runs = {
  plain: run({ awsManaged: true }),
  data: run({ serviceData, awsManaged: true }),
  dataQuota: run({ serviceData }),
};
const codes = [
  ...new Set([
    ...runs.plain.counts.keys(),
    ...runs.data.counts.keys(),
    ...runs.dataQuota.counts.keys(),
  ]),
].sort(
  (a, b) => (runs.data.counts.get(b) ?? 0) - (runs.data.counts.get(a) ?? 0) || a.localeCompare(b),
);
const lines = [
  `${policies.length} AWS managed policies; IAM data of ${serviceData.updatedAt}.`,
  "",
  "| Code | Severity | Without data | With data | Policies (with data) |",
  "|---|---|---:|---:|---:|",
];
for (const code of codes) {
  const severity = (CHECKS as Record<string, { severity: string }>)[code]?.severity ?? "?";
  lines.push(
    `| ${code} | ${severity} | ${runs.plain.counts.get(code) ?? 0} | ${runs.data.counts.get(code) ?? 0} | ${runs.data.policies.get(code) ?? 0} |`,
  );
}
lines.push(
  "",
  `Without awsManaged (customer managed quota applied): POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA ${runs.dataQuota.counts.get("POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA") ?? 0}.`,
);
console.log(lines.join("\n"));
if (process.argv.includes("--errors") || process.env.CORPUS_ERRORS) {
  for (const d of runs.data.all.filter((x) => x.severity === "ERROR"))
    console.error(`${d.source} ${d.code} ${d.path}: ${d.message}`);
}
const show = process.env.CORPUS_SHOW;
if (show)
  for (const d of runs.data.all.filter((x) => x.code === show))
    console.error(`${d.source} ${d.path}: ${d.message}`);
