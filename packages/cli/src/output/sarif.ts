// SARIF 2.1.0 (the format GitHub code scanning and most CI annotate from).
import { CHECKS } from "@iamspec/core";
import type { Diagnostic, Severity } from "@iamspec/core";

export interface FileDiagnostics {
  file: string;
  diagnostics: readonly Diagnostic[];
}

const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  ERROR: "error",
  SECURITY_WARNING: "warning",
  WARNING: "warning",
  SUGGESTION: "note",
};

export function formatSarif(files: readonly FileDiagnostics[], version: string): string {
  const rules = new Map<string, Diagnostic>();
  for (const { diagnostics } of files)
    for (const d of diagnostics) if (!rules.has(d.code)) rules.set(d.code, d);
  const ruleIds = [...rules.keys()].sort();
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "iamspec",
            version,
            informationUri: "https://github.com/iamspec/iamspec",
            rules: ruleIds.map((id) => ({
              id,
              name: id,
              shortDescription: {
                text: (CHECKS as Record<string, { title: string }>)[id]?.title ?? id,
              },
              defaultConfiguration: { level: LEVEL[rules.get(id)!.severity] },
              properties: {
                tags: rules.get(id)!.severity === "SECURITY_WARNING" ? ["security"] : [],
              },
            })),
          },
        },
        results: files.flatMap(({ file, diagnostics }) =>
          diagnostics.map((d) => ({
            ruleId: d.code,
            ruleIndex: ruleIds.indexOf(d.code),
            level: LEVEL[d.severity],
            message: { text: d.hint ? `${d.message} ${d.hint}` : d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: file.replace(/\\/g, "/").replace(/^\.\//, "") },
                  ...(d.line !== undefined && {
                    region: {
                      startLine: d.line,
                      ...(d.column !== undefined && { startColumn: d.column }),
                    },
                  }),
                },
                logicalLocations: [{ fullyQualifiedName: d.path, kind: "member" }],
              },
            ],
            properties: { severity: d.severity },
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
