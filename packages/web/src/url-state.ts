// The page's state in its address: every change rewrites the URL fragment (so the address is a
// share link), and a link, the sample or an imported request is loaded back into every panel.
import type { BatchView } from "./batch-view.js";
import type { Banner } from "./page-header.js";
import { draftOf, type SlotsView } from "./policy-slots.js";
import { loadBundledPolicy, loadSamplePolicy } from "./policy-source.js";
import type { RequestForm } from "./request-form.js";
import type { ResultPanel } from "./result-panel.js";
import { decodeState, encodeState, type DecodedState } from "./share.js";
import {
  SAMPLE_POLICY,
  SAMPLE_REQUEST,
  SLOT_TYPES,
  emptyPolicies,
  type AppState,
} from "./state.js";

export interface UrlState {
  /** Rewrites the URL once typing pauses. */
  schedule(): void;
  /** Rewrites the URL now and returns it. */
  writeNow(): string;
  /** Puts a decoded state into every panel, then evaluates (and runs the batch, if any). */
  apply(decoded: DecodedState): Promise<void>;
  resetToSample(): Promise<void>;
  /** Loads the state in the address, or the sample when there is none. */
  load(): Promise<void>;
}

/** Compressing a large pasted policy on every keystroke would make typing lag. */
const URL_DELAY_MS = 300;

export function createUrlState(
  state: AppState,
  panels: {
    slots: SlotsView;
    form: RequestForm;
    result: ResultPanel;
    batch: BatchView;
    banner: Banner;
  },
): UrlState {
  const { slots, form, result, batch, banner } = panels;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function writeNow(): string {
    clearTimeout(timer);
    history.replaceState(null, "", `#${encodeState(state)}`);
    return location.href;
  }

  async function apply(decoded: DecodedState): Promise<void> {
    const policies = emptyPolicies();
    const missing: string[] = [];
    for (const slot of SLOT_TYPES) {
      for (const entry of decoded.policies[slot]) {
        if ("bundled" in entry) {
          const loaded =
            entry.bundled === SAMPLE_POLICY
              ? await loadSamplePolicy()
              : await loadBundledPolicy(entry.bundled);
          if (loaded) policies[slot].push({ ...draftOf(loaded), ...levelOf(entry) });
          else missing.push(entry.bundled);
        } else {
          policies[slot].push({
            ...(entry.name ? { name: entry.name, text: entry.text } : { text: entry.text }),
            ...levelOf(entry),
          });
        }
      }
    }
    if (missing.length > 0) banner.show(`Not a bundled policy (left out): ${missing.join(", ")}`);
    state.policies = policies;
    state.resourcePoliciesKnown = decoded.resourcePoliciesKnown;
    state.request = decoded.request;
    state.batch = decoded.batch;
    slots.renderAll();
    form.render();
    batch.render();
    result.evaluateNow();
    if (state.batch) await batch.run();
  }

  async function resetToSample(): Promise<void> {
    banner.hide();
    result.showPending(`Loading ${SAMPLE_POLICY}…`);
    await apply({
      policies: { ...emptyPolicies(), identity: [{ bundled: SAMPLE_POLICY }] },
      resourcePoliciesKnown: false,
      request: { ...SAMPLE_REQUEST, context: [] },
      batch: "",
    });
    writeNow();
  }

  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(writeNow, URL_DELAY_MS);
    },
    writeNow,
    apply,
    resetToSample,
    async load() {
      let decoded: DecodedState | undefined;
      try {
        decoded = decodeState(location.hash);
      } catch (error) {
        banner.show(`${(error as Error).message} Showing the sample instead.`);
      }
      if (decoded) await apply(decoded);
      else await resetToSample();
    },
  };
}

function levelOf(entry: { level?: number }): { level?: number } {
  return entry.level ? { level: entry.level } : {};
}
