// Suppressions from `iamspec.config.json` (read by the CLI; applied here so every front end agrees):
// { "suppressions": [{ "code": "RESOURCE_STAR", "file"?: "glob", "path"?: "JSON path prefix", "reason"?: "…" }] }
import type { Diagnostic } from "../types.js";
import type { SensitiveAccessRule } from "./sensitive-access.js";

export interface Suppression {
  /** A check code of docs/checks.md, or "*" for every code. */
  code: string;
  /** Glob over the file path (`*` within a path segment, `**` across segments, `?` one character). */
  file?: string;
  /** JSON path prefix: `$.Statement[2]` suppresses inside that statement (and nowhere else). */
  path?: string;
  /** Why: shown by tools that list suppressions; not used for matching. */
  reason?: string;
}

/** `iamspec.config.json`: suppressions, and the resources SENSITIVE_ACCESS reports on. */
export interface IamspecConfig {
  suppressions?: Suppression[];
  sensitiveAccess?: SensitiveAccessRule[];
}

export interface SuppressionContext {
  /** The file the diagnostics are about, relative to the config file, with `/` separators. */
  file?: string;
}

/** Converts a file glob to an anchored regular expression; every other character is literal. */
function fileGlobToRegExp(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*" && glob[i + 1] === "*") {
      // `**/` matches zero or more directories; a trailing `**` matches the rest.
      if (glob[i + 2] === "/") {
        source += "(?:[^/]*/)*";
        i += 2;
      } else {
        source += ".*";
        i += 1;
      }
    } else if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else source += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "s");
}

/** A path prefix matches whole path steps only: `$.Statement[1]` does not match `$.Statement[10]`. */
function pathMatches(prefix: string, path: string): boolean {
  if (!path.startsWith(prefix)) return false;
  const next = path[prefix.length];
  return (
    next === undefined ||
    next === "." ||
    next === "[" ||
    prefix.endsWith(".") ||
    prefix.endsWith("[")
  );
}

function normaliseFile(file: string): string {
  return file.replace(/\\/g, "/").replace(/^\.\//, "");
}

export function isSuppressed(
  diagnostic: Diagnostic,
  suppression: Suppression,
  context: SuppressionContext,
): boolean {
  if (suppression.code !== "*" && suppression.code !== diagnostic.code) return false;
  if (suppression.file !== undefined) {
    const file = context.file ?? diagnostic.source;
    if (file === undefined) return false;
    const glob = normaliseFile(suppression.file);
    const target = normaliseFile(file);
    const regExp = fileGlobToRegExp(glob);
    // A glob without "/" matches the file name in any directory, like .gitignore.
    if (
      !regExp.test(target) &&
      !(!glob.includes("/") && regExp.test(target.slice(target.lastIndexOf("/") + 1)))
    )
      return false;
  }
  if (suppression.path !== undefined && !pathMatches(suppression.path, diagnostic.path))
    return false;
  return true;
}

/** The diagnostics that no suppression matches. Pure: the input array is not changed. */
export function applySuppressions(
  diagnostics: readonly Diagnostic[],
  suppressions: readonly Suppression[] | undefined,
  context: SuppressionContext = {},
): Diagnostic[] {
  if (!suppressions || suppressions.length === 0) return [...diagnostics];
  return diagnostics.filter((d) => !suppressions.some((s) => isSuppressed(d, s, context)));
}
