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
