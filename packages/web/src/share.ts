// The whole state in the URL fragment, compressed with lz-string, so a link reproduces the view.
// Unedited bundled policies travel by name (short links); edited or pasted ones as text.
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";
import {
  SLOT_TYPES,
  emptyPolicies,
  type AppState,
  type ContextRow,
  type SlotType,
} from "./state.js";

const FRAGMENT_KEY = "s";
const FORMAT_VERSION = 1;

/** A policy as the link carries it: `b` a bundled reference, or `t` the text (with `n` a name). */
type SharedPolicy = ({ b: string } | { t: string; n?: string }) & { l?: number };

interface SharedState {
  v: number;
  p: Partial<Record<SlotType, SharedPolicy[]>>;
  rk?: 1;
  r: { p?: string; a: string; r?: string; c?: [string, string][] };
  b?: string;
}

export function encodeState(state: AppState): string {
  const p: SharedState["p"] = {};
  for (const slot of SLOT_TYPES) {
    const drafts = state.policies[slot];
    if (drafts.length === 0) continue;
    p[slot] = drafts.map((d) => {
      const policy: SharedPolicy =
        d.bundled !== undefined
          ? { b: d.bundled }
          : d.name
            ? { t: d.text, n: d.name }
            : { t: d.text };
      return d.level ? { ...policy, l: d.level } : policy;
    });
  }
  const { principal, action, resource, context } = state.request;
  const shared: SharedState = {
    v: FORMAT_VERSION,
    p,
    r: {
      a: action,
      ...(principal ? { p: principal } : {}),
      ...(resource ? { r: resource } : {}),
      ...(context.length > 0 ? { c: context.map((row) => [row.key, row.value]) } : {}),
    },
    ...(state.resourcePoliciesKnown ? { rk: 1 as const } : {}),
    ...(state.batch ? { b: state.batch } : {}),
  };
  return `${FRAGMENT_KEY}=${compressToEncodedURIComponent(JSON.stringify(shared))}`;
}

/** A policy from a link or a file: a bundled reference still to load, or text. */
export type SharedDraft = ({ bundled: string } | { text: string; name?: string }) & {
  level?: number;
};

/** A decoded link: policies still to be loaded where they are bundled references. */
export interface DecodedState extends Omit<AppState, "policies"> {
  policies: Record<SlotType, SharedDraft[]>;
}

/**
 * Reads a state from a URL fragment (`#s=…`). Returns undefined when there is none, and throws
 * an Error with a readable message when there is one that cannot be read (a truncated link).
 */
export function decodeState(fragment: string): DecodedState | undefined {
  const params = new URLSearchParams(fragment.replace(/^#/, ""));
  const packed = params.get(FRAGMENT_KEY);
  if (packed === null || packed === "") return undefined;
  // URLSearchParams turns "+" into " "; lz-string's URI alphabet uses "+".
  const json = decompressFromEncodedURIComponent(packed.replaceAll(" ", "+"));
  if (!json) throw new Error("The shared link is damaged (it could not be decompressed).");
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error("The shared link is damaged (its state is not valid JSON).");
  }
  if (!isRecord(raw) || raw.v !== FORMAT_VERSION || !isRecord(raw.r) || !isRecord(raw.p)) {
    throw new Error("The shared link is from an incompatible version of the playground.");
  }
  const policies: DecodedState["policies"] = { ...emptyPolicies() };
  for (const slot of SLOT_TYPES) {
    const list = raw.p[slot];
    if (!Array.isArray(list)) continue;
    policies[slot] = list.flatMap((entry: unknown): DecodedState["policies"][SlotType] => {
      if (!isRecord(entry)) return [];
      const level =
        typeof entry.l === "number" && Number.isInteger(entry.l) && entry.l > 0
          ? { level: entry.l }
          : {};
      if (typeof entry.b === "string") return [{ bundled: entry.b, ...level }];
      if (typeof entry.t === "string") {
        return [
          typeof entry.n === "string"
            ? { text: entry.t, name: entry.n, ...level }
            : { text: entry.t, ...level },
        ];
      }
      return [];
    });
  }
  const r = raw.r;
  const context: ContextRow[] = Array.isArray(r.c)
    ? r.c.flatMap((pair: unknown) =>
        Array.isArray(pair) && typeof pair[0] === "string" && typeof pair[1] === "string"
          ? [{ key: pair[0], value: pair[1] }]
          : [],
      )
    : [];
  return {
    policies,
    resourcePoliciesKnown: raw.rk === 1,
    request: {
      principal: typeof r.p === "string" ? r.p : "",
      action: typeof r.a === "string" ? r.a : "",
      resource: typeof r.r === "string" ? r.r : "",
      context,
    },
    batch: typeof raw.b === "string" ? raw.b : "",
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
