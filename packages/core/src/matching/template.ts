// Resolving policy-variable templates into glob pieces for one request (docs/evaluation-rules.md §6).
import type { TemplatePart } from "../policy/variables.js";
import type { GlobPiece } from "./glob.js";

/** Looks up a single-valued context key by its lower-case name; undefined when absent or multivalued. */
export type VariableLookup = (keyLower: string) => string | undefined;

/**
 * Substitutes variables. Substituted text is literal (never a wildcard: docs/evaluation-rules.md §6 recommends it, fail-safe).
 * Returns undefined when a variable has no value and no default: the value is "effectively null".
 */
export function resolveTemplate(
  parts: readonly TemplatePart[],
  lookup: VariableLookup | undefined,
): GlobPiece[] | undefined {
  const pieces: GlobPiece[] = [];
  for (const part of parts) {
    if (part.kind === "raw") pieces.push({ text: part.text, literal: false });
    else if (part.kind === "literal") pieces.push({ text: part.text, literal: true });
    else {
      const value = lookup?.(part.keyLower) ?? part.defaultValue;
      if (value === undefined) return undefined;
      pieces.push({ text: value, literal: true });
    }
  }
  return pieces;
}

/**
 * The template's text with variables substituted, for exact comparisons (no glob pieces needed).
 * Undefined when a variable has no value and no default (docs/evaluation-rules.md §6: "effectively null").
 */
export function resolveTemplateText(
  parts: readonly TemplatePart[],
  lookup: VariableLookup | undefined,
): string | undefined {
  let text = "";
  for (const part of parts) {
    if (part.kind !== "variable") text += part.text;
    else {
      const value = lookup?.(part.keyLower) ?? part.defaultValue;
      if (value === undefined) return undefined;
      text += value;
    }
  }
  return text;
}

/** Splits template parts on the first `limit` colons of raw/literal text (never inside a variable). */
export function splitTemplateOnColons(
  parts: readonly TemplatePart[],
  limit: number,
): TemplatePart[][] {
  const segments: TemplatePart[][] = [[]];
  let colons = 0;
  for (const part of parts) {
    if (part.kind === "variable" || colons >= limit) {
      segments[segments.length - 1]!.push(part);
      continue;
    }
    let rest = part.text;
    for (;;) {
      const i = colons < limit ? rest.indexOf(":") : -1;
      if (i === -1) {
        if (rest.length > 0) segments[segments.length - 1]!.push({ kind: part.kind, text: rest });
        break;
      }
      if (i > 0) segments[segments.length - 1]!.push({ kind: part.kind, text: rest.slice(0, i) });
      segments.push([]);
      colons++;
      rest = rest.slice(i + 1);
    }
  }
  return segments;
}
