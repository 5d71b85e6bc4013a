// The words of `iamspec check` are core's (formatNoNewAccess, …), so that @iamspec/testing's
// failure messages read as the CLI does; SARIF is the CLI's own.
export { formatAccessNotGranted, formatNoNewAccess, formatNoPublicAccess } from "@iamspec/core";

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
  return JSON.stringify(
    {
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
                shortDescription: { text: RULES[id] ?? id },
                defaultConfiguration: { level: "error" },
              })),
            },
          },
          results: findings.map((f) => ({
            ruleId: f.ruleId,
            ruleIndex: ruleIds.indexOf(f.ruleId),
            level: "error",
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: f.file.replace(/\\/g, "/").replace(/^\.\//, "") },
                },
                logicalLocations: [
                  { fullyQualifiedName: `$.Statement[${f.statementIndex}]`, kind: "member" },
                ],
              },
            ],
          })),
        },
      ],
    },
    null,
    2,
  );
}
