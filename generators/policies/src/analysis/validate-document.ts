// Policy grammar validation, one call: core's `parsePolicy` (grammar errors with JSON path and
// position) once it is implemented, and until then the few structural rules the generator relies on.
import { parsePolicy } from "@iamspec/core";
import type { GeneratorDiagnostic } from "../errors.js";
import type { PolicySource } from "../inputs/policy-source.js";
import { shiftPosition } from "../inputs/text-position.js";
import type { JsonNode } from "./json-node.js";

let coreParserAvailable: boolean | undefined;

/** The errors that stop generation; empty when the document is a valid policy. */
export function validateDocument(source: PolicySource, root: JsonNode): GeneratorDiagnostic[] {
  if (coreParserAvailable !== false) {
    try {
      const result = parsePolicy(source.documentText, { name: source.name, source: source.file });
      coreParserAvailable = true;
      return result.diagnostics
        .filter((d) => d.severity === "ERROR")
        .map((d) => ({
          file: source.file,
          ...(d.line !== undefined
            ? shiftPosition(source.documentOffset, d.line, d.column ?? 1)
            : {}),
          path: d.path,
          message: d.message,
          code: d.code,
        }));
    } catch (error) {
      if (!(error instanceof Error && /not implemented/.test(error.message))) throw error;
      coreParserAvailable = false;
    }
  }
  return structuralErrors(source, root);
}

function structuralErrors(source: PolicySource, root: JsonNode): GeneratorDiagnostic[] {
  const errors: GeneratorDiagnostic[] = [];
  const at = (node: JsonNode, path: string, message: string): void => {
    errors.push({
      file: source.file,
      ...(node.loc.line ? shiftPosition(source.documentOffset, node.loc.line, node.loc.column) : {}),
      path,
      message,
    });
  };
  if (root.type !== "object") {
    at(root, "$", "a policy document must be a JSON object");
    return errors;
  }
  const statement = root.entries.find((e) => e.key === "Statement")?.value;
  if (!statement) {
    at(root, "$", 'missing "Statement"');
    return errors;
  }
  const statements = statement.type === "array" ? statement.items : [statement];
  statements.forEach((s, i) => {
    const path = statement.type === "array" ? `$.Statement[${i}]` : "$.Statement";
    if (s.type !== "object") return at(s, path, "a statement must be a JSON object");
    const effect = s.entries.find((e) => e.key === "Effect")?.value;
    if (!effect) at(s, path, 'missing "Effect"');
    else if (effect.type !== "string" || (effect.value !== "Allow" && effect.value !== "Deny")) {
      at(effect, `${path}.Effect`, 'Effect must be "Allow" or "Deny"');
    }
    if (!s.entries.some((e) => e.key === "Action" || e.key === "NotAction")) {
      at(s, path, 'missing "Action" or "NotAction"');
    }
  });
  return errors;
}
