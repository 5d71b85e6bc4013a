// The policies on the page in the forms the panels need: parsed (for suggestions), as core's
// PolicySet (to evaluate), as a request file carries them (to export), and the request itself.
import { parsePolicy, type EvaluationRequest, type Policy, type PolicySet } from "@iamspec/core";
import { parseContextValue } from "./context-value.js";
import { arrangeLevels, draftIndexOf, layoutLevels, type LevelLayout } from "./policy-levels.js";
import { SLOT_TYPES, type AppState, type SlotType } from "./state.js";

export interface PagePolicies {
  /** The policies that parse, for the action and context-key suggestions. */
  parsed(): Policy[];
  /** The policies as core evaluates them. */
  set(): PolicySet;
  /** The policies as a request file carries them: bundled names, or inline documents. */
  forFile(): Record<string, unknown>;
  /** The slot index of the policy a result refers to (SCP/RCP results count within a level). */
  draftIndex(ref: {
    policyType: string;
    policyIndex: number;
    level?: number | undefined;
  }): number | undefined;
  /** The page's request, with its policies, as core evaluates it. */
  request(): EvaluationRequest;
}

/** Parsing on every keystroke would repeat work: results are kept per policy text. */
const MAX_PARSED = 50;

export function createPagePolicies(state: AppState): PagePolicies {
  const parseCache = new Map<string, Policy | undefined>();

  function parsedOf(text: string): Policy | undefined {
    if (!parseCache.has(text)) {
      if (parseCache.size > MAX_PARSED) parseCache.clear();
      let parsed: Policy | undefined;
      try {
        const r = parsePolicy(text);
        parsed = r.ok ? r.policy : undefined;
      } catch {
        parsed = undefined;
      }
      parseCache.set(text, parsed);
    }
    return parseCache.get(text);
  }

  function layoutOf(slot: SlotType): LevelLayout {
    return layoutLevels(state.policies[slot].map((d) => d.level));
  }

  /** Slots that the request names: non-empty ones, and resource when known to be empty. */
  function namedSlots(): SlotType[] {
    return SLOT_TYPES.filter(
      (slot) =>
        state.policies[slot].length > 0 || (slot === "resource" && state.resourcePoliciesKnown),
    );
  }

  function set(): PolicySet {
    const policies: { -readonly [K in keyof PolicySet]: PolicySet[K] } = {};
    for (const slot of namedSlots()) {
      const entries = state.policies[slot].map((d, i) => ({
        name: d.name ?? `${slot} policy ${i + 1}`,
        document: d.text,
      }));
      if (slot === "scp" || slot === "rcp") policies[slot] = arrangeLevels(layoutOf(slot), entries);
      else policies[slot] = entries;
    }
    return policies;
  }

  return {
    parsed() {
      const policies: Policy[] = [];
      for (const slot of SLOT_TYPES) {
        for (const draft of state.policies[slot]) {
          const policy = parsedOf(draft.text);
          if (policy) policies.push(policy);
        }
      }
      return policies;
    },
    set,
    forFile() {
      const out: Record<string, unknown> = {};
      for (const slot of namedSlots()) {
        const entries = state.policies[slot].map((d): unknown => {
          if (d.bundled !== undefined) return d.bundled;
          try {
            return JSON.parse(d.text) as unknown;
          } catch {
            return d.text;
          }
        });
        out[slot] =
          slot === "scp" || slot === "rcp" ? arrangeLevels(layoutOf(slot), entries) : entries;
      }
      return out;
    },
    draftIndex(ref) {
      const slot = ref.policyType as SlotType;
      if (slot !== "scp" && slot !== "rcp") return ref.policyIndex;
      return draftIndexOf(layoutOf(slot), ref.level, ref.policyIndex);
    },
    request() {
      const { principal, action, resource, context } = state.request;
      const request: EvaluationRequest = { action, policies: set() };
      if (principal) request.principal = principal;
      if (resource) request.resource = resource;
      const entries = context.filter((row) => row.key.trim() !== "");
      if (entries.length > 0) {
        request.context = Object.fromEntries(
          entries.map((row) => [row.key.trim(), parseContextValue(row.value)]),
        );
      }
      return request;
    },
  };
}
