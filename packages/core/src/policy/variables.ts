// Policy variable templates (docs/evaluation-rules.md §6): `${key}`, `${key, 'default'}`, and the special
// literals `${*}`, `${?}`, `${$}`. A template is a list of parts; `raw` text keeps its wildcards,
// `literal` text (from `${*}` and friends, or substituted values) never acts as a wildcard.

export type TemplatePart =
  | { kind: "raw"; text: string }
  | { kind: "literal"; text: string }
  | { kind: "variable"; key: string; keyLower: string; defaultValue?: string };

export type TemplateParse =
  | { ok: true; parts: TemplatePart[]; hasVariables: boolean }
  | {
      ok: false;
      code:
        | "MISSING_BRACE_IN_VARIABLE"
        | "MISSING_QUOTE_IN_VARIABLE"
        | "EMPTY_VARIABLE"
        | "UNSUPPORTED_SPACE_IN_VARIABLE";
      message: string;
      offset: number;
    };

const SPECIAL_LITERALS: Readonly<Record<string, string>> = { "*": "*", "?": "?", $: "$" };

function isSpace(c: string): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r";
}

/** Whether `text` may hold variables; text without `${` parses as one raw part (so callers can skip the parse). */
export function hasVariableSyntax(text: string): boolean {
  return text.includes("${");
}

/** Parses the variables of a 2012-10-17 policy value. Text without `${` is one raw part. */
export function parseTemplate(text: string): TemplateParse {
  if (!hasVariableSyntax(text))
    return { ok: true, parts: [{ kind: "raw", text }], hasVariables: false };
  const parts: TemplatePart[] = [];
  let hasVariables = false;
  let pos = 0;
  for (;;) {
    const start = text.indexOf("${", pos);
    if (start === -1) {
      if (pos < text.length) parts.push({ kind: "raw", text: text.slice(pos) });
      break;
    }
    if (start > pos) parts.push({ kind: "raw", text: text.slice(pos, start) });
    let i = start + 2;
    let name = "";
    while (i < text.length && text[i] !== "}" && text[i] !== ",") name += text[i++];
    if (i >= text.length) {
      return {
        ok: false,
        code: "MISSING_BRACE_IN_VARIABLE",
        message: `Variable "${text.slice(start)}" has no closing "}"`,
        offset: start,
      };
    }
    if (name === "")
      return { ok: false, code: "EMPTY_VARIABLE", message: 'Empty variable "${}"', offset: start };
    if ([...name].some(isSpace)) {
      return {
        ok: false,
        code: "UNSUPPORTED_SPACE_IN_VARIABLE",
        message: `Variable name "${name}" contains a space`,
        offset: start,
      };
    }
    let defaultValue: string | undefined;
    if (text[i] === ",") {
      i++;
      while (i < text.length && isSpace(text[i]!)) i++;
      if (text[i] !== "'") {
        return {
          ok: false,
          code: "MISSING_QUOTE_IN_VARIABLE",
          message: `The default value of variable "${name}" must be in single quotes, e.g. \${${name}, 'default'}`,
          offset: start,
        };
      }
      const close = text.indexOf("'", i + 1);
      if (close === -1) {
        return {
          ok: false,
          code: "MISSING_QUOTE_IN_VARIABLE",
          message: `The default value of variable "${name}" has no closing quote`,
          offset: start,
        };
      }
      defaultValue = text.slice(i + 1, close);
      i = close + 1;
      while (i < text.length && isSpace(text[i]!)) i++;
      if (text[i] !== "}") {
        return {
          ok: false,
          code: "MISSING_BRACE_IN_VARIABLE",
          message: `Variable "${name}" has no closing "}"`,
          offset: start,
        };
      }
    }
    const special = Object.hasOwn(SPECIAL_LITERALS, name) ? SPECIAL_LITERALS[name] : undefined;
    if (special !== undefined && defaultValue === undefined) {
      parts.push({ kind: "literal", text: special });
    } else {
      hasVariables = true;
      parts.push({
        kind: "variable",
        key: name,
        keyLower: name.toLowerCase(),
        ...(defaultValue !== undefined ? { defaultValue } : {}),
      });
    }
    pos = i + 1;
  }
  return { ok: true, parts, hasVariables };
}
