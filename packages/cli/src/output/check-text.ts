// The words of `iamspec check` are core's (formatNoNewAccess, …), so that @iamspec/testing's
// failure messages read as the CLI does; SARIF is the CLI's own.
export { formatAccessNotGranted, formatNoNewAccess, formatNoPublicAccess } from "@iamspec/core";

import { sarifLog } from "./sarif.js";

export interface SarifFinding {
  ruleId: string;
  file: string;
  statementIndex: number;
  message: string;
}

const RULES: Record<string, string> = {
  NO_NEW_ACCESS: "The new policy allows a request the old one does not",
  ACCESS_GRANTED: "The policy may allow a listed action on a listed resource",
  PUBLIC_ACCESS: "The resource policy grants access to anyone",
};

export function checkSarif(findings: readonly SarifFinding[], version: string): string {
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort();
  return sarifLog(
    version,
    ruleIds.map((id) => ({ id, title: RULES[id] ?? id, level: "error" as const })),
    findings.map((f) => ({
      ruleId: f.ruleId,
      level: "error" as const,
      message: f.message,
      location: { file: f.file, path: `$.Statement[${f.statementIndex}]` },
    })),
  );
}
