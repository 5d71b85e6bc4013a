// Wires the playground's panels together: policy slots, request form, result, batch, and the URL
// state. Every change re-evaluates (debounced) and rewrites the URL so the address is a share link.
import { conditionKeysOf } from "@iamspec/core";
import { createBatchView } from "./batch-view.js";
import { download, h } from "./dom.js";
import { createPagePolicies } from "./page-policies.js";
import { createBanner, createPageHeader } from "./page-header.js";
import { createSlotsView } from "./policy-slots.js";
import { loadCatalog } from "./policy-source.js";
import { readRequestFile, requestFileOf } from "./request-file.js";
import { createRequestForm } from "./request-form.js";
import { createResultPanel } from "./result-panel.js";
import { conditionKeyType, loadServiceData } from "./service-data.js";
import { SAMPLE_REQUEST, emptyPolicies, type AppState } from "./state.js";
import { createUrlState } from "./url-state.js";

/** The catalog and the service data are large: they are fetched once the page is usable. */
const DEFERRED_LOAD_MS = 500;

export async function startApp(root: HTMLElement): Promise<void> {
  const state: AppState = {
    policies: emptyPolicies(),
    resourcePoliciesKnown: false,
    request: { ...SAMPLE_REQUEST, context: [] },
    batch: "",
  };
  const banner = createBanner();
  const policies = createPagePolicies(state);
  // The panels call each other only from event handlers, after all of them exist.
  const onChange = () => {
    url.schedule();
    result.schedule();
  };

  const slots = createSlotsView(
    state,
    () => {
      onChange();
      form.refreshSuggestions();
    },
    banner.show,
  );
  const form = createRequestForm(state, {
    onChange,
    onEvaluate: () => result.evaluateNow(),
    policyActions: () =>
      policies.parsed().flatMap((p) => p.statements.flatMap((s) => s.action?.patterns ?? [])),
    contextKeys: () => conditionKeysOf(policies.parsed(), conditionKeyType),
    wantServiceData: () => void withServiceData(),
    exportRequest: () =>
      download(
        "iamspec-request.json",
        `${JSON.stringify(requestFileOf(state, policies.forFile()), null, 2)}\n`,
      ),
    importRequest: (text) => {
      try {
        const imported = readRequestFile(text);
        banner.hide();
        void url.apply({ ...imported, batch: state.batch }).then(url.writeNow);
      } catch (error) {
        banner.show(`Import request: ${(error as Error).message}`);
      }
    },
  });
  const result = createResultPanel(state, { slots, form, policies });
  const batch = createBatchView(state, {
    pagePolicies: policies.set,
    pagePoliciesForFile: policies.forFile,
    currentCase: result.currentCase,
    onChange: () => url.schedule(),
  });
  const url = createUrlState(state, { slots, form, result, batch, banner });

  root.replaceChildren(
    createPageHeader({ shareUrl: url.writeNow, resetToSample: () => void url.resetToSample() }),
    banner.root,
    h("main", { class: "layout" }, slots.root, h("div", { class: "side" }, form.root, result.root)),
    batch.root,
    lazySection("compare-panel", "Compare two policies or two versions", () =>
      import("./compare-view.js").then((m) => m.createCompareView()),
    ),
    lazySection(
      "account-panel",
      "Account: who can do an action? (aws iam get-account-authorization-details)",
      () => import("./account-view.js").then((m) => m.createAccountView()),
    ),
  );

  async function withServiceData(): Promise<void> {
    const data = await loadServiceData();
    if (!data) return;
    form.refreshSuggestions();
    slots.relintAll();
  }

  // A pasted share link in the same tab; other fragments (in-page anchors) leave the state alone.
  window.addEventListener("hashchange", () => {
    if (new URLSearchParams(location.hash.slice(1)).has("s")) void url.load();
  });
  await url.load();
  setTimeout(() => {
    void loadCatalog();
    void withServiceData();
  }, DEFERRED_LOAD_MS);
}

/** A panel whose code (and its editors) loads on first open: Compare, Account. */
function lazySection(
  className: string,
  summary: string,
  mount: () => Promise<HTMLElement>,
): HTMLElement {
  const details = h("details", { class: className }, h("summary", {}, summary));
  let mounted = false;
  details.addEventListener("toggle", () => {
    if (!details.open || mounted) return;
    mounted = true;
    void mount().then((view) => details.append(view));
  });
  return details;
}
