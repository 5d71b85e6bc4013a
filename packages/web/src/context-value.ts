// Context values as typed in the request form: a JSON array (`["a", "b"]`) for multi-valued
// keys, otherwise the text itself. IAM compares condition values as text, so "true" and "42"
// need no conversion (docs/evaluation-rules.md: condition values are matched in their textual form).
import type { ContextValue } from "@iamspec/core";

export function parseContextValue(text: string): ContextValue {
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every(isScalar)) return parsed;
    } catch {
      // Not a JSON list: keep the text as one value.
    }
  }
  return text;
}

export function formatContextValue(value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify(value);
  return String(value);
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}
