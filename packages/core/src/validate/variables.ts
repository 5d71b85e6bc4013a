// Policy variables `${key}` / `${key, 'default'}` (IAM-SEMANTICS §6): syntax and where they may appear.
import { closestName } from "./closest-name.js";
import type { ValidationContext } from "./context.js";
import { GLOBAL_KEY_NAMES, globalKeyType } from "./global-keys.js";
import type { JsonNode } from "./json.js";
import { at } from "./model.js";

export interface VariableUse {
  /** The text between `${` and `}`. */
  body: string;
  /** The key name (before any default), trimmed. */
  name: string;
  start: number;
}

/** The special literals `${*}`, `${?}`, `${$}` produce a literal character, not a variable. */
const LITERALS = new Set(["*", "?", "$"]);

/** Variables in a string (literal escapes excluded); `undefined` entries mark an unclosed `${`. */
export function findVariables(text: string): { uses: VariableUse[]; unclosedAt?: number } {
  const uses: VariableUse[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf("${", from);
    if (start < 0) return { uses };
    const end = text.indexOf("}", start + 2);
    if (end < 0) return { uses, unclosedAt: start };
    const body = text.slice(start + 2, end);
    if (!LITERALS.has(body)) uses.push({ body, name: body.split(",")[0]!.trim(), start });
    from = end + 1;
  }
}

export function containsVariable(text: string): boolean {
  const found = findVariables(text);
  return found.uses.length > 0 || found.unclosedAt !== undefined;
}

/** Replaces each variable with `*` (what it may expand to), keeping the literal escapes' characters. */
export function variablesAsWildcards(text: string): string {
  return text.replace(/\$\{([^}]*)\}/g, (_, body: string) => (LITERALS.has(body) ? body : "*"));
}

/** Syntax of each variable in a string where variables are allowed. */
export function checkVariableSyntax(
  ctx: ValidationContext,
  text: string,
  path: string,
  node: JsonNode,
): void {
  const { uses, unclosedAt } = findVariables(text);
  if (unclosedAt !== undefined)
    ctx.report(
      "MISSING_BRACE_IN_VARIABLE",
      at(path, node),
      `The policy variable starting at "${text.slice(unclosedAt, unclosedAt + 24)}" has no closing "}".`,
      "Write variables as ${aws:username}.",
    );
  for (const use of uses) {
    if (use.body.trim() === "") {
      ctx.report(
        "EMPTY_VARIABLE",
        at(path, node),
        '"${}" names no variable.',
        "Write e.g. ${aws:username}.",
      );
      continue;
    }
    const comma = use.body.indexOf(",");
    const rawName = comma < 0 ? use.body : use.body.slice(0, comma);
    if (/\s/.test(rawName.trim()) || (comma < 0 && /\s/.test(rawName)))
      ctx.report(
        "UNSUPPORTED_SPACE_IN_VARIABLE",
        at(path, node),
        `"\${${use.body}}" has a space in the variable name.`,
        "Spaces are only allowed in the default value: ${aws:PrincipalTag/team, 'default'}.",
      );
    // A misspelt global key resolves to nothing, so the entry never matches (IAM-SEMANTICS §6, missing value).
    const name = rawName.trim();
    if (/^aws:/i.test(name) && !/\s/.test(name) && !globalKeyType(name)) {
      const near = closestName(name, GLOBAL_KEY_NAMES);
      ctx.report(
        "INVALID_GLOBAL_CONDITION_KEY",
        at(path, node),
        `"\${${name}}" names no global condition key, so it has no value in any request.`,
        near
          ? `Did you mean \${${near}}?`
          : "Variables name condition keys such as aws:username or aws:PrincipalTag/team.",
      );
    }
    if (comma >= 0) {
      const fallback = use.body.slice(comma + 1).trim();
      if (!/^'[^']*'$/.test(fallback))
        ctx.report(
          "MISSING_QUOTE_IN_VARIABLE",
          at(path, node),
          `The default value of "\${${use.body}}" is not in single quotes.`,
          `Write \${${rawName.trim()}, '${fallback.replace(/^'|'$/g, "")}'}.`,
        );
    }
  }
}

/** A variable where none may appear (Action, Principal, Sid, condition keys…). */
export function checkNoVariable(
  ctx: ValidationContext,
  text: string,
  path: string,
  node: { loc: JsonNode["loc"] },
  element: string,
): boolean {
  if (!containsVariable(text)) return false;
  ctx.report(
    "VARIABLE_UNSUPPORTED_IN_ELEMENT",
    { path, loc: node.loc },
    `Policy variables are not supported in ${element}; "${text}" is compared literally.`,
    "Variables may appear in Resource/NotResource (resource part) and in String/ARN condition values.",
  );
  return true;
}
