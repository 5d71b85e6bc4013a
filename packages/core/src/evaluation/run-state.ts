// The state of one decision: what the layers found, the notes and the reading points reached. The
// facts the summaries need live here, so that the decision creates no closures: summaries are plain
// functions of the state (decision-wording.ts), called only in explain mode.
import type { Note, PolicyExplanation, UncertainReading } from "../types.js";
import type { LoadedPolicySet, PolicyRef } from "./load-policies.js";
import type { MatchOptions, MatchScratch } from "./match-statement.js";
import type { PreparedRequest } from "./prepare-request.js";
import type { AwsSideRule } from "./aws-side-rules.js";
import type { ReadingCode } from "./readings.js";
import { uncertainReading } from "./readings.js";
import type { Verdict } from "./layer.js";

export interface RunState {
  id: string | number | undefined;
  set: LoadedPolicySet;
  prep: PreparedRequest;
  options: MatchOptions;
  scratch: MatchScratch;
  notes: Note[] | undefined;
  /** Set in explain mode. */
  explained: { ref: PolicyRef; explanation: PolicyExplanation }[] | undefined;
  rcpFailedLevel: number | undefined;
  scpFailedLevel: number | undefined;
  isRoot: boolean;
  identityAllows: boolean;
  boundaryAllows: boolean;
  sessionAllows: boolean;
  /** A session policy was given and binds the principal (docs/evaluation-rules.md §7.1: role and federated-user sessions). */
  hasSession: boolean;
  /** Resource-policy grants limited by the boundary and session policy (full mode). */
  limitedGrants: number;
  consent: "kms" | "trust" | undefined;
  /** Denies that matched a request that needs no permission (sts:GetCallerIdentity); for the summary. */
  waivedDenies: readonly Verdict[];
  /** The AWS-side rule that refused the request; for the summary. */
  awsRule: AwsSideRule | undefined;
  /** Decide under the other reading of every reading point (readings.ts) instead of the fail-safe one. */
  other: boolean;
  /** The reading points reached, in order (undefined: none, the common case). */
  readings: UncertainReading[] | undefined;
}

export const NO_VERDICTS: readonly Verdict[] = Object.freeze([]);

const WITH_BOUNDARY: MatchOptions = Object.freeze({ hasBoundary: true });
const WITHOUT_BOUNDARY: MatchOptions = Object.freeze({ hasBoundary: false });
const SCRATCH: MatchScratch = { kind: undefined, unknownReason: undefined };

export function newRunState(
  set: LoadedPolicySet,
  prep: PreparedRequest,
  explain: boolean,
  id: string | number | undefined,
  other: boolean,
): RunState {
  const p = prep.principal;
  return {
    id,
    set,
    prep,
    options: set.boundary !== undefined ? WITH_BOUNDARY : WITHOUT_BOUNDARY,
    // Reused: decide() is synchronous and calls no user code, and record() copies what it needs.
    scratch: SCRATCH,
    notes: undefined,
    explained: explain ? [] : undefined,
    rcpFailedLevel: undefined,
    scpFailedLevel: undefined,
    isRoot: p?.kind === "root",
    identityAllows: false,
    boundaryAllows: false,
    sessionAllows: false,
    hasSession: false,
    limitedGrants: 0,
    consent: undefined,
    waivedDenies: NO_VERDICTS,
    awsRule: undefined,
    other,
    readings: undefined,
  };
}

/**
 * A state to reuse, one per run: decide() is synchronous and calls no user code, and nothing keeps
 * a state after it (a result takes its notes and readings, which a reset replaces, never changes).
 * Taken while in use; a run that throws leaves it taken, and the next run makes a new one.
 */
let spare: RunState | undefined;

/**
 * `newRunState`, reusing the spare state when there is one; give it back with `releaseRunState`.
 * Sets every field newRunState sets (test/request-reuse.test.ts holds the two together).
 */
export function takeRunState(
  set: LoadedPolicySet,
  prep: PreparedRequest,
  explain: boolean,
  id: string | number | undefined,
  other: boolean,
): RunState {
  const st = spare;
  if (st === undefined) return newRunState(set, prep, explain, id, other);
  spare = undefined;
  st.id = id;
  st.set = set;
  st.prep = prep;
  st.options = set.boundary !== undefined ? WITH_BOUNDARY : WITHOUT_BOUNDARY;
  st.scratch = SCRATCH;
  st.notes = undefined;
  st.explained = explain ? [] : undefined;
  st.rcpFailedLevel = undefined;
  st.scpFailedLevel = undefined;
  st.isRoot = prep.principal?.kind === "root";
  st.identityAllows = false;
  st.boundaryAllows = false;
  st.sessionAllows = false;
  st.hasSession = false;
  st.limitedGrants = 0;
  st.consent = undefined;
  st.waivedDenies = NO_VERDICTS;
  st.awsRule = undefined;
  st.other = other;
  st.readings = undefined;
  return st;
}

/** Keeps `st` for the next run; it must not be read again. */
export function releaseRunState(st: RunState): void {
  // What the next run replaces anyway, dropped now so that a spare holds no policies or request.
  st.set = NO_SET;
  st.prep = NO_PREP;
  st.notes = undefined;
  st.explained = undefined;
  st.readings = undefined;
  st.waivedDenies = NO_VERDICTS;
  st.id = undefined;
  spare = st;
}

const NO_SET = undefined as unknown as LoadedPolicySet;
const NO_PREP = undefined as unknown as PreparedRequest;

/** Records a reached reading point (once per code and place). */
export function reachReading(st: RunState, code: ReadingCode, where: string, why?: string): void {
  const reading = uncertainReading(code, where, why);
  if (st.readings === undefined) st.readings = [reading];
  else if (!st.readings.some((r) => r.code === code && r.where === reading.where))
    st.readings.push(reading);
}

export function addNote(st: RunState, code: string, message: string): void {
  pushNote(st, { code, message });
}

/** Appends a note; the first one makes a one-element list (no empty list that grows on push). */
export function pushNote(st: RunState, note: Note): void {
  if (st.notes === undefined) st.notes = [note];
  else st.notes.push(note);
}
