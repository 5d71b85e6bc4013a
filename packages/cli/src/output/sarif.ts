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

/** A SARIF rule as iamspec describes one: its code, title, level and tags. */
export interface SarifRule {
  id: string;
  title: string;
  level: "error" | "warning" | "note";
  tags?: readonly string[];
}

/** Where a SARIF result points: the file, the JSON path, and the line and column when known. */
export interface SarifLocation {
  file: string;
  path: string;
  line?: number;
  column?: number;
}

export interface SarifResult {
  ruleId: string;
  level: "error" | "warning" | "note";
  message: string;
  location: SarifLocation;
  properties?: Record<string, unknown>;
}

/** The one SARIF log iamspec writes (validate and check): the tool, its rules, the results. */
export function sarifLog(
  version: string,
  rules: readonly SarifRule[],
  results: readonly SarifResult[],
): string {
  const ruleIds = rules.map((r) => r.id);
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
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: r.title },
              defaultConfiguration: { level: r.level },
              ...(r.tags !== undefined && { properties: { tags: r.tags } }),
            })),
          },
        },
        results: results.map((r) => ({
          ruleId: r.ruleId,
          ruleIndex: ruleIds.indexOf(r.ruleId),
          level: r.level,
          message: { text: r.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: r.location.file.replace(/\\/g, "/").replace(/^\.\//, "") },
                ...(r.location.line !== undefined && {
                  region: {
                    startLine: r.location.line,
                    ...(r.location.column !== undefined && { startColumn: r.location.column }),
                  },
                }),
              },
              logicalLocations: [{ fullyQualifiedName: r.location.path, kind: "member" }],
            },
          ],
          ...(r.properties !== undefined && { properties: r.properties }),
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

export function formatSarif(files: readonly FileDiagnostics[], version: string): string {
  const rules = new Map<string, Diagnostic>();
  for (const { diagnostics } of files)
    for (const d of diagnostics) if (!rules.has(d.code)) rules.set(d.code, d);
  const ruleIds = [...rules.keys()].sort();
  return sarifLog(
    version,
    ruleIds.map((id) => {
      const severity = rules.get(id)!.severity;
      return {
        id,
        title: (CHECKS as Record<string, { title: string }>)[id]?.title ?? id,
        level: LEVEL[severity],
        tags: severity === "SECURITY_WARNING" ? ["security"] : [],
      };
    }),
    files.flatMap(({ file, diagnostics }) =>
      diagnostics.map((d) => ({
        ruleId: d.code,
        level: LEVEL[d.severity],
        message: d.hint ? `${d.message} ${d.hint}` : d.message,
        location: {
          file,
          path: d.path,
          ...(d.line !== undefined && { line: d.line }),
          ...(d.column !== undefined && { column: d.column }),
        },
        properties: { severity: d.severity },
      })),
    ),
  );
}
