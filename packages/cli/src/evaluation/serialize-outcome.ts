// NDJSON output without JSON.stringify on the hot path. A result of core has its fields in a fixed
// order (id, decision, decidedBy, notes: EvaluationResult in core's types), and its deciding
// statements and notes are frozen objects shared by every result of one compiled policy: each is
// encoded once and found again by identity. The bytes are those of JSON.stringify (tested); the
// lines this does not write (errors, explanations, uncertain results) are JSON.stringify's.
import type { DecidingStatement, EvaluationOutcome, Note } from "@iamspec/core";
import type { ResultBytes } from "./result-bytes.js";

/** Deciding statements and notes -> their JSON as UTF-8 (only frozen ones, core's own, are kept). */
export interface OutcomeBytesCache {
  /** The last statements seen, by statement index (most results name a few statements). */
  recent: (DecidingStatement | undefined)[];
  recentBytes: Uint8Array[];
  statements: WeakMap<DecidingStatement, Uint8Array>;
  notes: WeakMap<Note, Uint8Array>;
}

const RECENT_SLOTS = 32;
const NO_BYTES = new Uint8Array(0);

export function createOutcomeBytesCache(): OutcomeBytesCache {
  return {
    recent: new Array<DecidingStatement | undefined>(RECENT_SLOTS).fill(undefined),
    recentBytes: new Array<Uint8Array>(RECENT_SLOTS).fill(NO_BYTES),
    statements: new WeakMap(),
    notes: new WeakMap(),
  };
}

const ID_PREFIX = Buffer.from('{"id":');
const NOTES_PREFIX = Buffer.from(',"notes":[');
const OPEN = 0x7b; // {
const COMMA = 0x2c;
const CLOSE_LIST = 0x5d; // ]
const CLOSE = 0x7d; // }
const NEWLINE = 0x0a;

/**
 * Writes the result line of `outcome` (the bytes of its JSON.stringify text and a newline) to
 * `out`; false, writing nothing, for errors, explanations and uncertain results.
 * Bytes rather than text: the pieces are encoded once, and no string is built and flattened per line.
 */
export function writeOutcome(
  outcome: EvaluationOutcome,
  cache: OutcomeBytesCache,
  out: ResultBytes,
): boolean {
  if ("error" in outcome || outcome.explain !== undefined || outcome.uncertain !== undefined)
    return false;
  const id = outcome.id;
  let idText: string | undefined;
  // Integers below 2^53 are written digit by digit (as String() and JSON.stringify write them).
  const digits = typeof id === "number" && Number.isSafeInteger(id);
  if (id !== undefined && !digits) {
    idText = typeof id === "number" && Number.isFinite(id) ? String(id) : JSON.stringify(id);
    if (typeof idText !== "string") return false;
  }
  const decision = decisionBytes(outcome.decision);
  out.reserve(
    ID_PREFIX.length + 18 + (idText === undefined ? 0 : idText.length * 3) + decision.length,
  );
  if (id === undefined) out.putByte(OPEN);
  else {
    out.putBytes(ID_PREFIX);
    if (!digits) out.putText(idText!);
    else if ((id as number) < 0) {
      out.putByte(0x2d); // -
      out.putDigits(-(id as number));
    } else out.putDigits(id as number);
    out.putByte(COMMA);
  }
  out.putBytes(decision);
  const statements = outcome.decidedBy;
  for (let i = 0; i < statements.length; i++) {
    const bytes = statementBytes(statements[i]!, cache);
    out.reserve(bytes.length + 1);
    if (i > 0) out.putByte(COMMA);
    out.putBytes(bytes);
  }
  out.reserve(4);
  out.putByte(CLOSE_LIST);
  if (outcome.notes !== undefined) writeNotes(outcome.notes, cache, out);
  out.reserve(2);
  out.putByte(CLOSE);
  out.putByte(NEWLINE);
  return true;
}

const decisionText = (decision: string) => Buffer.from(`"decision":"${decision}","decidedBy":[`);
const ALLOWED = decisionText("Allowed");
const IMPLICITLY_DENIED = decisionText("ImplicitlyDenied");
const EXPLICITLY_DENIED = decisionText("ExplicitlyDenied");

/** `"decision":"<decision>","decidedBy":[`: core's three decisions are encoded once. */
function decisionBytes(decision: string): Uint8Array {
  if (decision === "Allowed") return ALLOWED;
  if (decision === "ImplicitlyDenied") return IMPLICITLY_DENIED;
  if (decision === "ExplicitlyDenied") return EXPLICITLY_DENIED;
  return decisionText(decision);
}

function statementBytes(statement: DecidingStatement, cache: OutcomeBytesCache): Uint8Array {
  const slot = statement.statementIndex & (RECENT_SLOTS - 1);
  if (cache.recent[slot] === statement) return cache.recentBytes[slot]!;
  let bytes = cache.statements.get(statement);
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify(statement));
    // Only frozen statements (core's own) are kept: a statement that can change is not.
    if (!Object.isFrozen(statement)) return bytes;
    cache.statements.set(statement, bytes);
  }
  cache.recent[slot] = statement;
  cache.recentBytes[slot] = bytes;
  return bytes;
}

/** `,"notes":` and the notes as JSON.stringify writes the list. */
function writeNotes(notes: readonly Note[], cache: OutcomeBytesCache, out: ResultBytes): void {
  for (const note of notes) {
    if (!Object.isFrozen(note)) {
      const text = `,"notes":${JSON.stringify(notes)}`;
      out.reserve(text.length * 3);
      out.putText(text);
      return;
    }
  }
  out.reserve(NOTES_PREFIX.length + 1);
  out.putBytes(NOTES_PREFIX);
  for (let i = 0; i < notes.length; i++) {
    const note = notes[i]!;
    let bytes = cache.notes.get(note);
    if (bytes === undefined) {
      bytes = Buffer.from(JSON.stringify(note));
      cache.notes.set(note, bytes);
    }
    out.reserve(bytes.length + 2);
    if (i > 0) out.putByte(COMMA);
    out.putBytes(bytes);
  }
  out.putByte(CLOSE_LIST);
}
