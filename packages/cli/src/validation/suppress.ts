// Applies iamspec.config.json suppressions to diagnostics: same code, file glob (relative to
// the working directory, `*` within a directory, `**` across), JSON path prefix on element
// boundaries (`$.Statement[1]` covers `$.Statement[1].Action`, not `$.Statement[10]`).
import type { Diagnostic } from "@iamspec/core";
import type { Suppression } from "./config.js";

export function isSuppressed(
  diagnostic: Diagnostic,
  file: string,
  suppressions: readonly Suppression[],
): boolean {
  return suppressions.some(
    (s) =>
      s.code === diagnostic.code &&
      (s.file === undefined || globToRegExp(s.file).test(file)) &&
      (s.path === undefined || pathHasPrefix(diagnostic.path, s.path)),
  );
}

export function pathHasPrefix(path: string, prefix: string): boolean {
  if (!path.startsWith(prefix)) return false;
  const next = path.charAt(prefix.length);
  return (
    next === "" || next === "." || next === "[" || prefix.endsWith(".") || prefix.endsWith("[")
  );
}

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let regexp = cache.get(glob);
  if (regexp) return regexp;
  let source = "";
  const normalised = glob.replace(/\\/g, "/").replace(/^\.\//, "");
  for (let i = 0; i < normalised.length; i++) {
    const c = normalised[i]!;
    if (c === "*" && normalised[i + 1] === "*") {
      // `**/` matches zero or more directories; a trailing `**` anything.
      if (normalised[i + 2] === "/") {
        source += "(?:.*/)?";
        i += 2;
      } else {
        source += ".*";
        i += 1;
      }
    } else if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else source += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  regexp = new RegExp(`^${source}$`);
  cache.set(glob, regexp);
  return regexp;
}
