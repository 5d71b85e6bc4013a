// The request context (docs/evaluation-rules.md §5.2, §8, §10): condition keys matched case-insensitively,
// values kept as strings (JSON numbers and booleans in their JSON text), arrays marked multivalued.
import type { ContextValue } from "../types.js";
import { isAccountId, isAccountIdAt } from "../matching/principal.js";
import { arnColons } from "../matching/arn.js";
import { remember } from "../bounded-cache.js";

/** aws:ResourceAccount from the resource ARN's account field when it is a 12-digit account id. */
function deriveResourceAccount(
  resource: string,
  colons: readonly number[] | undefined,
): ContextEntry | undefined {
  if (colons === undefined) return undefined;
  const account = resource.slice(colons[3]! + 1, colons[4]);
  return isAccountId(account)
    ? {
        key: "aws:ResourceAccount",
        keyLower: "aws:resourceaccount",
        values: [account],
        multi: false,
      }
    : undefined;
}

export interface ContextEntry {
  /** The key as the request (or derivation) wrote it. */
  key: string;
  keyLower: string;
  values: string[];
  /** Given as an array: a multivalued key. */
  multi: boolean;
}

/** Lower-case key -> entry. */
export type ContextMap = Map<string, ContextEntry>;

/**
 * Up to this many keys, the request's own keys are looked up by a linear scan of their entries: a
 * request usually gives a few keys, and a list is cheaper to build than a Map. Past it, an index
 * keeps lookups constant-time (hostile requests with thousands of keys).
 */
const SCANNED_KEYS = 8;

/**
 * The request's keys first, then keys derived from the principal (shared between requests with the
 * same principal), then aws:ResourceAccount derived from the resource ARN: given values win.
 */
export interface RequestContext {
  /** The request's own keys, in the request's order (see `SCANNED_KEYS`). */
  given: readonly ContextEntry[];
  /** Lower-case key -> entry of `given`, built on the first lookup when it has many keys. */
  givenIndex: ContextMap | undefined;
  derived: ContextMap | undefined;
  /** Derived on first use from `resource` (null: its ARN has no 12-digit account). */
  resourceAccount: ContextEntry | null | undefined;
  resource: string;
  /** `arnColons(resource)`, computed on first use by `resourceColons` (null: not a six-field ARN). */
  colons: readonly number[] | null | undefined;
}

/**
 * The offsets of the resource's first five colons; undefined when it is not a six-field ARN.
 * Computed once, on first use: requests that no Resource pattern or account check reaches skip it.
 */
export function resourceColons(context: RequestContext): readonly number[] | undefined {
  let colons = context.colons;
  if (colons === undefined) colons = context.colons = arnColons(context.resource) ?? null;
  return colons ?? undefined;
}

function indexEntries(entries: readonly ContextEntry[]): ContextMap {
  const index: ContextMap = new Map();
  for (const entry of entries) index.set(entry.keyLower, entry);
  return index;
}

function givenGet(context: RequestContext, keyLower: string): ContextEntry | undefined {
  const given = context.given;
  if (given.length > SCANNED_KEYS)
    return (context.givenIndex ??= indexEntries(given)).get(keyLower);
  for (let i = 0; i < given.length; i++) if (given[i]!.keyLower === keyLower) return given[i];
  return undefined;
}

/**
 * The entry of a key, given or derived. `derivable` false (precomputed for a condition's key by
 * `isDerivableKey`) skips the derived keys, which cannot hold it.
 */
export function contextGet(
  context: RequestContext,
  keyLower: string,
  derivable = true,
): ContextEntry | undefined {
  const given = givenGet(context, keyLower);
  if (given !== undefined || !derivable) return given;
  const derived = context.derived?.get(keyLower);
  if (derived !== undefined) return derived;
  if (keyLower !== "aws:resourceaccount") return undefined;
  if (context.resourceAccount === undefined)
    context.resourceAccount =
      deriveResourceAccount(context.resource, resourceColons(context)) ?? null;
  return context.resourceAccount ?? undefined;
}

/**
 * `singleValue(context, "aws:resourceaccount")` without building a context entry for the derived
 * value (it is asked once per decision).
 */
export function resourceAccountOf(context: RequestContext): string | undefined {
  // No principal derives aws:ResourceAccount (derive.ts): only a given value overrides the ARN's.
  const entry = givenGet(context, "aws:resourceaccount");
  if (entry !== undefined) return entry.values.length === 1 ? entry.values[0] : undefined;
  if (context.resourceAccount !== undefined) return context.resourceAccount?.values[0];
  const colons = resourceColons(context);
  if (colons === undefined) return undefined;
  const account = context.resource.slice(colons[3]! + 1, colons[4]);
  return isAccountId(account) ? account : undefined;
}

/**
 * Whether the resource belongs to `account` as far as the request tells: `resourceAccountOf(context)`
 * is `account` or unknown (the caller then assumes its own account, docs/evaluation-rules.md §7.3). Compares in place, without
 * slicing the ARN's account field (it runs once per allowed decision).
 */
export function resourceAccountIsOrUnknown(context: RequestContext, account: string): boolean {
  const entry = givenGet(context, "aws:resourceaccount");
  if (entry !== undefined) return entry.values.length !== 1 || entry.values[0] === account;
  if (context.resourceAccount !== undefined)
    return context.resourceAccount === null || context.resourceAccount.values[0] === account;
  const colons = resourceColons(context);
  if (colons === undefined) return true;
  const start = colons[3]! + 1;
  const end = colons[4]!;
  const resource = context.resource;
  if (end - start === account.length && resource.startsWith(account, start)) return true;
  return !isAccountIdAt(resource, start, end);
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * A context key as requests write it: its lower-case form, and the last entry made for it with a
 * single value. Keys and their values repeat from request to request (a region, a tag): a request
 * whose value is the last one's shares its entry (entries are never changed once made).
 */
interface KeyForm {
  lower: string;
  last: ContextEntry | undefined;
}

const keyForms = new Map<string, KeyForm>();

function makeKeyForm(key: string): KeyForm {
  return { lower: key.toLowerCase(), last: undefined };
}

const NO_ENTRIES: readonly ContextEntry[] = Object.freeze([]);

/**
 * Where the entries of a context are gathered, then copied out at their count: a list grown by push
 * keeps room for more than a dozen, and most requests give one to three keys. Undefined while in
 * use: a getter of a caller's context object could evaluate another request.
 */
let scratch: (ContextEntry | undefined)[] | undefined = [];

/** A scratch list longer than this (a request with many keys) is not kept. */
const SCRATCH_KEPT = 64;

/** Builds the context; an error message for values of the wrong type or keys that collide case-insensitively. */
export function buildRequestContext(
  context: Readonly<Record<string, ContextValue | undefined>> | undefined,
): readonly ContextEntry[] | { error: string; key?: string } {
  if (context === undefined || context === null) return NO_ENTRIES;
  if (typeof context !== "object" || Array.isArray(context))
    return { error: "context must be an object of condition keys" };
  const building = scratch ?? [];
  scratch = undefined;
  try {
    const count = gatherEntries(context, building);
    if (typeof count !== "number") return count;
    // Many requests carry `context: {}`: they share one frozen empty list.
    return count === 0 ? NO_ENTRIES : (building.slice(0, count) as ContextEntry[]);
  } finally {
    // Cleared slot by slot (the filled slots come first): a shorter length would give up the room.
    for (let i = 0; i < building.length && building[i] !== undefined; i++) building[i] = undefined;
    scratch = building.length <= SCRATCH_KEPT ? building : [];
  }
}

/** Fills `entries` from the start (past its length when needed); returns their count or an error. */
function gatherEntries(
  context: Readonly<Record<string, ContextValue | undefined>>,
  entries: (ContextEntry | undefined)[],
): number | { error: string; key?: string } {
  let count = 0;
  // Case-insensitive collisions: a scan among few keys, an index past SCANNED_KEYS (linear either way).
  let seen: ContextMap | undefined;
  // for-in with hasOwn visits the same keys as Object.keys, in the same order, without allocating
  // the key list (this runs for every request).
  for (const key in context) {
    if (!Object.hasOwn(context, key)) continue;
    // A key set to `undefined` is absent, as JSON.stringify would write it: typed callers spread
    // optional values into the context.
    if (context[key] === undefined) continue;
    const form = remember(keyForms, key, 4096, makeKeyForm);
    const lower = form.lower;
    let existing: ContextEntry | undefined;
    if (seen !== undefined) existing = seen.get(lower);
    else for (let i = 0; i < count; i++) if (entries[i]!.keyLower === lower) existing = entries[i];
    if (existing !== undefined) {
      // Two keys that differ only by case are ambiguous (docs/evaluation-rules.md §5.2, UNCONFIRMED): reject.
      return {
        error: `context keys "${existing.key}" and "${key}" differ only by case; condition keys are case-insensitive`,
        key,
      };
    }
    const value = (context as Record<string, unknown>)[key];
    let entry: ContextEntry;
    if (Array.isArray(value)) {
      const values: string[] = [];
      for (const item of value) {
        const text = scalarText(item);
        if (text === undefined)
          return {
            error: `context key "${key}": list items must be strings, numbers or booleans`,
            key,
          };
        values.push(text);
      }
      entry = { key, keyLower: lower, values, multi: true };
    } else {
      const text = scalarText(value);
      if (text === undefined)
        return {
          error: `context key "${key}": value must be a string, number, boolean or a list of them`,
          key,
        };
      const last = form.last;
      if (last !== undefined && last.values[0] === text) entry = last;
      else entry = form.last = { key, keyLower: lower, values: [text], multi: false };
    }
    entries[count++] = entry;
    if (seen !== undefined) seen.set(lower, entry);
    else if (count > SCANNED_KEYS) seen = indexEntries(entries.slice(0, count) as ContextEntry[]);
  }
  return count;
}

/** Adds a derived key unless the request gave one (given values win). */
export function addDerived(map: ContextMap, key: string, value: string): void {
  const keyLower = key.toLowerCase();
  map.set(keyLower, { key, keyLower, values: [value], multi: false });
}

/**
 * The single value of a key for policy variables (docs/evaluation-rules.md §6); undefined when absent or multivalued. A key
 * given as a list is multivalued even with one element: the variables page allows only
 * single-valued keys as variables (a one-element list is no exception).
 */
export function singleValue(context: RequestContext, keyLower: string): string | undefined {
  const entry = contextGet(context, keyLower);
  if (entry === undefined || entry.multi || entry.values.length !== 1) return undefined;
  return entry.values[0];
}
