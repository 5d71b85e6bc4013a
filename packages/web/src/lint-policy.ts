// Diagnostics for the editor, from core: validatePolicy (grammar + lint checks) with the IAM
// service data once it has loaded. If core throws (a bug), fall back to parsePolicy's grammar
// diagnostics, then to the browser's JSON error, so typing never breaks the page.
import { parsePolicy, validatePolicy, type Diagnostic, type PolicyType } from "@iamspec/core";
import { serviceDataNow } from "./service-data.js";

export function lintPolicy(text: string, policyType: PolicyType): Diagnostic[] {
  const serviceData = serviceDataNow();
  try {
    return validatePolicy(text, serviceData ? { policyType, serviceData } : { policyType });
  } catch (validateError) {
    console.warn("iamspec: validatePolicy failed", validateError);
  }
  try {
    return parsePolicy(text).diagnostics;
  } catch (parseError) {
    console.warn("iamspec: parsePolicy failed", parseError);
  }
  try {
    JSON.parse(text);
    return [];
  } catch (error) {
    return [
      {
        code: "JSON_SYNTAX_ERROR",
        severity: "ERROR",
        message: (error as Error).message,
        path: "$",
        line: 1,
        column: 1,
      },
    ];
  }
}

/** `Line 3, column 5` style location for lists and messages. */
export function where(d: { line?: number | undefined; column?: number | undefined }): string {
  if (d.line === undefined) return "";
  return d.column !== undefined ? `Line ${d.line}, column ${d.column}` : `Line ${d.line}`;
}
