// The Principal / NotPrincipal element (docs/evaluation-rules.md §4.1): `"*"`, or a block of principal kinds.
import type { PrincipalBlock, PrincipalEntry, PrincipalKind } from "../types.js";
import type { JsonObjectEntry } from "../json/types.js";
import { jsonPathAppend } from "../json/path.js";
import { PRINCIPAL_KINDS } from "./grammar.js";
import {
  type Context,
  locOf,
  readEntries,
  readPatternList,
  report,
  typeName,
} from "./element-reader.js";

export function hasPartialWildcard(value: string): boolean {
  return value !== "*" && (value.includes("*") || value.includes("?"));
}

export function readPrincipal(
  ctx: Context,
  entry: JsonObjectEntry,
  path: string,
): PrincipalBlock | undefined {
  const node = entry.value;
  const loc = locOf(path, node.loc);
  if (node.type === "string") {
    if (node.value === "*") return { wildcard: true, entries: [], loc };
    report(
      ctx,
      "INVALID_PRINCIPAL_FORMAT",
      `"${entry.key}" must be "*" or an object such as {"AWS": "arn:aws:iam::111122223333:root"}`,
      path,
      node.loc,
    );
    return undefined;
  }
  // `"Principal": []` matches nobody (Access Analyzer EMPTY_ARRAY_PRINCIPAL, docs/evaluation-rules.md §1.8).
  if (node.type === "array" && node.items.length === 0)
    return { wildcard: false, entries: [], loc };
  if (node.type !== "object") {
    report(
      ctx,
      "INVALID_PRINCIPAL_FORMAT",
      `"${entry.key}" must be "*" or an object, not ${typeName(node)}`,
      path,
      node.loc,
    );
    return undefined;
  }
  const entries: PrincipalEntry[] = [];
  let ok = true;
  for (const [kindName, kindEntry] of readEntries(ctx, node, path, undefined, `"${entry.key}"`)) {
    const kindPath = jsonPathAppend(path, kindName);
    if (!PRINCIPAL_KINDS.includes(kindName as PrincipalKind)) {
      report(
        ctx,
        "INVALID_PRINCIPAL_KEY",
        `"${kindName}" is not a principal type`,
        kindPath,
        kindEntry.keyLoc,
        `Use one of ${PRINCIPAL_KINDS.join(", ")}`,
      );
      ok = false;
      continue;
    }
    const values = readPatternList(ctx, kindEntry, kindPath);
    if (values === undefined) {
      ok = false;
      continue;
    }
    values.patterns.forEach((value, i) => {
      const valueLoc = values.locs[i]!;
      if (hasPartialWildcard(value)) {
        ctx.diagnostics.push({
          code: "UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
          severity: "ERROR",
          message: `Principal "${value}" has a partial wildcard: only a whole "*" is allowed`,
          ...valueLoc,
          hint: 'Use "*" with an aws:PrincipalArn condition (ArnLike) instead',
          ...(ctx.source !== undefined ? { source: ctx.source } : {}),
        });
        ok = false;
        return;
      }
      entries.push({ kind: kindName as PrincipalKind, value, loc: valueLoc });
    });
  }
  return ok ? { wildcard: false, entries, loc } : undefined;
}
