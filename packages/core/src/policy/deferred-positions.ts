// Policies the engine loads from text (compile(), evaluate()) are read without line and column: a
// decision needs them only for the statements it names, and an explanation for the statements it
// shows, while following the text for every position cost as much as JSON.parse itself. The
// positions of such a policy are added to its locations, all at once, the first time something asks
// for one (ensurePositions); parsePolicy, the AST API, still returns every position at once.
import type { ParseOptions, ParseResult, Policy, SourceLocation, Statement } from "../types.js";
import { TextCursor } from "../json/text-cursor.js";
import { MAX_JSON_LENGTH } from "../json/types.js";
import { markParsed, parsePolicy } from "./parse-policy.js";
import { readValidPolicy, type TextWalk } from "./read-valid-policy.js";

interface Pending {
  text: string;
  options: ParseOptions;
}

/** Policies read from text whose locations do not have their line and column yet. */
const pending = new WeakMap<Policy, Pending>();

function quotesIn(text: string): number {
  let count = 0;
  for (let at = text.indexOf('"'); at !== -1; at = text.indexOf('"', at + 1)) count++;
  return count;
}

/**
 * parsePolicy for a policy the engine will evaluate: the same result, with the line and column of
 * its locations added on first use (ensurePositions). A document with any error, escape or number
 * in a condition goes to parsePolicy itself.
 */
export function parsePolicyDeferringPositions(text: string, options: ParseOptions): ParseResult {
  // Without escapes every quote in the text opens or closes a string: twice as many quotes as the
  // strings the walk read means that JSON.parse dropped none (a duplicate key leaves more).
  if (text.length > MAX_JSON_LENGTH || text.charCodeAt(0) === 0xfeff || text.includes("\\"))
    return parsePolicy(text, options);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return parsePolicy(text, options);
  }
  const walk: TextWalk = { text, strings: 0 };
  const policy = readValidPolicy(value, undefined, options, walk);
  if (policy === undefined || quotesIn(text) !== 2 * walk.strings)
    return parsePolicy(text, options);
  markParsed(policy);
  pending.set(policy, { text, options });
  return { ok: true, policy, diagnostics: [] };
}

/** Adds line and column to the locations of `policy` if they were deferred (once). */
export function ensurePositions(policy: Policy): void {
  const deferred = pending.get(policy);
  if (deferred === undefined) return;
  pending.delete(policy);
  const located = readValidPolicy(
    JSON.parse(deferred.text),
    new TextCursor(deferred.text),
    deferred.options,
  );
  // The same text read the same way, with positions: the same tree, location for location.
  if (located === undefined || located.statements.length !== policy.statements.length) return;
  for (let i = 0; i < policy.statements.length; i++)
    copyStatement(policy.statements[i]!, located.statements[i]!);
}

function copy(to: SourceLocation, from: SourceLocation): void {
  to.line = from.line;
  to.column = from.column;
}

function copyList(
  to: { loc: SourceLocation; locs: SourceLocation[] } | undefined,
  from: { loc: SourceLocation; locs: SourceLocation[] } | undefined,
): void {
  if (to === undefined || from === undefined) return;
  copy(to.loc, from.loc);
  for (let i = 0; i < to.locs.length; i++) copy(to.locs[i]!, from.locs[i]!);
}

function copyPrincipal(to: Statement["principal"], from: Statement["principal"]): void {
  if (to === undefined || from === undefined) return;
  copy(to.loc, from.loc);
  for (let i = 0; i < to.entries.length; i++) copy(to.entries[i]!.loc, from.entries[i]!.loc);
}

function copyStatement(to: Statement, from: Statement): void {
  copy(to.loc, from.loc);
  copyList(to.action, from.action);
  copyList(to.notAction, from.notAction);
  copyList(to.resource, from.resource);
  copyList(to.notResource, from.notResource);
  copyPrincipal(to.principal, from.principal);
  copyPrincipal(to.notPrincipal, from.notPrincipal);
  for (let c = 0; c < to.conditions.length; c++) {
    const condition = to.conditions[c]!;
    const source = from.conditions[c]!;
    copy(condition.loc, source.loc);
    for (let v = 0; v < condition.values.length; v++)
      copy(condition.values[v]!.loc, source.values[v]!.loc);
  }
}
