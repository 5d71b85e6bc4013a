// Policy variables in lint checks (docs/evaluation-rules.md §6). Templates are read by the parser's
// `parseTemplate`; its syntax errors (MISSING_BRACE_IN_VARIABLE, …) are reported by the parser. Here:
// where variables may appear at all, and variables that name no global key.
import { parseTemplate } from "../policy/variables.js";
import { closestName } from "../closest-name.js";
import type { ValidationContext } from "./context.js";
import { GLOBAL_KEY_NAMES, globalKeyType } from "./global-keys.js";
import type { SourceLocation } from "../types.js";

/** How a string uses policy variables: the keys it names, and whether it is well-formed. */
export interface VariableUses {
  /** The variable keys, in order (the literals `${*}`, `${?}`, `${$}` are not variables). */
  keys: string[];
  /** Whether the text holds something variable-like: a variable, or a malformed `${`. */
  any: boolean;
}

export function findVariables(text: string): VariableUses {
  const template = parseTemplate(text);
  if (!template.ok) return { keys: [], any: true };
  const keys = template.parts.flatMap((part) => (part.kind === "variable" ? [part.key] : []));
  return { keys, any: template.hasVariables };
}

export function containsVariable(text: string): boolean {
  return findVariables(text).any;
}

/** Replaces each variable with `*` (what it may expand to), keeping the literal escapes' characters. */
export function variablesAsWildcards(text: string): string {
  const template = parseTemplate(text);
  // A malformed template is the parser's error; the rest of the text is still worth checking.
  if (!template.ok) return text.replace(/\$\{[^}]*\}/g, "*");
  return template.parts.map((part) => (part.kind === "variable" ? "*" : part.text)).join("");
}

/** Variables that name a global key that does not exist: they resolve to nothing, so the value never
 * matches (docs/evaluation-rules.md §6, missing values). */
export function checkVariableKeys(ctx: ValidationContext, text: string, at: SourceLocation): void {
  for (const name of findVariables(text).keys) {
    if (!/^aws:/i.test(name) || globalKeyType(name)) continue;
    const near = closestName(name, GLOBAL_KEY_NAMES);
    ctx.report(
      "INVALID_GLOBAL_CONDITION_KEY",
      at,
      `"\${${name}}" names no global condition key, so it has no value in any request.`,
      near
        ? `Did you mean \${${near}}?`
        : "Variables name condition keys such as aws:username or aws:PrincipalTag/team.",
    );
  }
}

/** A variable where none may appear (Action, Principal, Sid, condition keys…). */
export function checkNoVariable(
  ctx: ValidationContext,
  text: string,
  at: SourceLocation,
  element: string,
): boolean {
  if (!containsVariable(text)) return false;
  ctx.report(
    "VARIABLE_UNSUPPORTED_IN_ELEMENT",
    at,
    `Policy variables are not supported in ${element}; "${text}" is compared literally.`,
    "Variables may appear in Resource/NotResource (resource part) and in String/ARN condition values.",
  );
  return true;
}
