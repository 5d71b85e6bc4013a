// What every check gets: the policy type, the optional IAM service data, and `report` to add a diagnostic
// with the catalogue's severity and the source position of the JSON node it is about.
import type { Diagnostic, IamServiceData, PolicyType } from "../types.js";
import { CHECKS, type CheckCode } from "./checks.js";
import type { JsonLoc } from "./json.js";

/** A place in the policy: its JSON path, and the source position when the policy came as text. */
export interface Place {
  path: string;
  loc?: JsonLoc;
}

export interface ValidationContext {
  policyType: PolicyType;
  serviceData?: IamServiceData;
  /** Whether positions are real (the policy came as JSON text) rather than synthesised from a value. */
  hasPositions: boolean;
  diagnostics: Diagnostic[];
  report(code: CheckCode, at: Place, message: string, hint?: string): void;
}

export function createContext(
  policyType: PolicyType,
  serviceData: IamServiceData | undefined,
  hasPositions: boolean,
): ValidationContext {
  const diagnostics: Diagnostic[] = [];
  return {
    policyType,
    serviceData,
    hasPositions,
    diagnostics,
    report(code, at, message, hint) {
      const diagnostic: Diagnostic = {
        code,
        severity: CHECKS[code].severity,
        message,
        path: at.path,
      };
      if (hasPositions && at.loc && at.loc.line > 0) {
        diagnostic.line = at.loc.line;
        diagnostic.column = at.loc.column;
      }
      if (hint) diagnostic.hint = hint;
      diagnostics.push(diagnostic);
    },
  };
}
