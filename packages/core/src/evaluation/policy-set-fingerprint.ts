// What a loaded policy set was made from, so that evaluate() can reuse the loaded form when the
// same set object comes again unchanged (see load-policies.ts): the entries and documents by
// identity, and each document's Statement and its length.
import type { NamedPolicy, Policy } from "../types.js";

export function isPolicyAst(value: object): value is Policy {
  return (
    Array.isArray((value as Policy).statements) && typeof (value as Policy).version === "string"
  );
}

export function isNamedPolicy(value: object): value is NamedPolicy {
  return (
    typeof (value as NamedPolicy).name === "string" &&
    "document" in value &&
    !("Statement" in value)
  );
}

/** The element whose identity and length show a changed document: Statement, or a Policy's statements. */
export function statementsOf(document: object): unknown {
  const statement = (document as { Statement?: unknown }).Statement;
  if (statement !== undefined) return statement;
  return isPolicyAst(document) ? document.statements : undefined;
}

export function lengthOf(value: unknown): number {
  return Array.isArray(value) ? value.length : -1;
}

// What a loaded set was made from, by identity, in the order of its own keys: each key and its
// value; for a list, its length and each entry (levels: each level, its length and its entries);
// for an entry, a named policy's document, name and source, and the document's Statement and its
// length. `fingerprint` records it when a set is loaded; `sameAsPrint` compares a set with it
// without allocating (it runs on every call, so it reads only the keys the set has).

function printEntry(entry: unknown, out: unknown[]): void {
  out.push(entry);
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return;
  let document: object = entry;
  if (isNamedPolicy(entry)) {
    out.push(entry.document, entry.name, entry.source);
    if (typeof entry.document !== "object" || entry.document === null) return;
    document = entry.document;
  }
  const statement = statementsOf(document);
  out.push(statement, lengthOf(statement));
}

export function fingerprint(policies: object): unknown[] {
  const out: unknown[] = [];
  for (const key in policies) {
    if (!Object.hasOwn(policies, key)) continue;
    const list = (policies as Record<string, unknown>)[key];
    out.push(key, list);
    if (!Array.isArray(list)) continue;
    out.push(list.length);
    for (const item of list) {
      if (!Array.isArray(item)) {
        printEntry(item, out);
        continue;
      }
      out.push(item, item.length);
      for (const entry of item) printEntry(entry, out);
    }
  }
  return out;
}

/** The index in `print` after the entry, or -1 when the entry differs. */
function sameEntry(entry: unknown, print: unknown[], i: number): number {
  if (print[i++] !== entry) return -1;
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return i;
  let document: object = entry;
  if (isNamedPolicy(entry)) {
    if (print[i] !== entry.document || print[i + 1] !== entry.name || print[i + 2] !== entry.source)
      return -1;
    i += 3;
    if (typeof entry.document !== "object" || entry.document === null) return i;
    document = entry.document;
  }
  const statement = statementsOf(document);
  if (print[i] !== statement || print[i + 1] !== lengthOf(statement)) return -1;
  return i + 2;
}

export function sameAsPrint(policies: object, print: unknown[]): boolean {
  let i = 0;
  for (const key in policies) {
    if (!Object.hasOwn(policies, key)) continue;
    const list = (policies as Record<string, unknown>)[key];
    if (print[i] !== key || print[i + 1] !== list) return false;
    i += 2;
    if (!Array.isArray(list)) continue;
    if (print[i++] !== list.length) return false;
    for (const item of list) {
      if (!Array.isArray(item)) {
        i = sameEntry(item, print, i);
        if (i < 0) return false;
        continue;
      }
      if (print[i] !== item || print[i + 1] !== item.length) return false;
      i += 2;
      for (const entry of item) {
        i = sameEntry(entry, print, i);
        if (i < 0) return false;
      }
    }
  }
  return i === print.length;
}
