// Core diagnostics (1-based line/column, severity of docs/checks.md) as editor lint marks.
import type { Diagnostic } from "@iamspec/core";
import { offsetOf, valueRangeAt } from "./text-positions.js";

export interface EditorMark {
  from: number;
  to: number;
  severity: "error" | "warning" | "info" | "hint";
  message: string;
  source: string;
}

const SEVERITY: Record<Diagnostic["severity"], EditorMark["severity"]> = {
  ERROR: "error",
  SECURITY_WARNING: "warning",
  WARNING: "warning",
  SUGGESTION: "info",
};

export function toEditorMarks(text: string, diagnostics: readonly Diagnostic[]): EditorMark[] {
  return diagnostics.map((d) => {
    const start = offsetOf(text, d.line ?? 1, d.column ?? 1);
    const { from, to } = valueRangeAt(text, start);
    // A value spanning lines (a whole statement) would paint the editor red: mark its first line only.
    const lineEnd = text.indexOf("\n", from);
    const end = lineEnd !== -1 && lineEnd < to ? lineEnd : to;
    const message = `${d.message}${d.hint ? `\n${d.hint}` : ""}`;
    return {
      from: Math.min(from, text.length),
      to: Math.max(Math.min(end, text.length), Math.min(from, text.length)),
      severity: SEVERITY[d.severity] ?? "warning",
      message,
      source: `${d.code} at ${d.path}`,
    };
  });
}
