// The result panel: evaluates the page's request (debounced while typing), shows the result, the
// decision beside the request form, and highlights the deciding statements in the editors.
import { evaluate, type DecidingStatement, type EvaluationOutcome } from "@iamspec/core";
import { h } from "./dom.js";
import type { PagePolicies } from "./page-policies.js";
import type { SlotsView } from "./policy-slots.js";
import type { RequestForm } from "./request-form.js";
import { renderResult, type ResultHooks } from "./result-view.js";
import { createStatementHighlights } from "./statement-highlights.js";
import type { AppState, SlotType } from "./state.js";

export interface ResultPanel {
  root: HTMLElement;
  /** Evaluates once typing pauses. */
  schedule(): void;
  /** Evaluates at once. */
  evaluateNow(): void;
  /** Shows a message instead of a result (while the page loads). */
  showPending(message: string): void;
  /** The page's request (without policies) and its current decision, as a batch case. */
  currentCase(): Record<string, unknown> | undefined;
}

/** Long enough to skip the keystrokes of a word, short enough to feel live. */
const EVALUATE_DELAY_MS = 200;

export function createResultPanel(
  state: AppState,
  panels: { slots: SlotsView; form: RequestForm; policies: PagePolicies },
): ResultPanel {
  const { slots, form, policies } = panels;
  const highlights = createStatementHighlights(state, slots, policies);
  let lastOutcome: EvaluationOutcome | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const decidedBy = (): readonly DecidingStatement[] =>
    lastOutcome && !("error" in lastOutcome) ? lastOutcome.decidedBy : [];

  const body = h("div", { class: "result-body", "aria-live": "polite" });
  const root = h(
    "section",
    { class: "result", "aria-labelledby": "result-heading" },
    h("h2", { id: "result-heading" }, "Result"),
    body,
  );
  const hooks: ResultHooks = {
    showStatement: (ref) => highlights.show(ref, decidedBy()),
    goToError(at) {
      const index = policies.draftIndex(at);
      const slot = at.policyType as SlotType;
      if (index === undefined) return;
      slots.openSlot(slot);
      slots.editor(slot, index)?.goTo(at.line, at.column);
    },
  };

  function evaluateNow(): void {
    clearTimeout(timer);
    highlights.clear();
    if (state.request.action === "") {
      lastOutcome = undefined;
      renderResult(body, { pending: "Enter an action to evaluate." }, hooks);
      form.showDecision(undefined, "", "");
      return;
    }
    try {
      lastOutcome = evaluate(policies.request(), { explain: true });
      renderResult(body, lastOutcome, hooks);
      if ("error" in lastOutcome) {
        form.showDecision("error", "Cannot evaluate", lastOutcome.error.message);
      } else {
        const first = lastOutcome.decidedBy[0];
        form.showDecision(
          lastOutcome.decision,
          body.querySelector(".badge")?.textContent ?? lastOutcome.decision,
          first ? (first.sid ?? `statement ${first.statementIndex + 1}`) : "",
        );
        highlights.showDeciding(lastOutcome.decidedBy);
      }
    } catch (error) {
      lastOutcome = undefined;
      console.error(error);
      renderResult(body, { thrown: `The evaluator failed: ${(error as Error).message}` }, hooks);
      form.showDecision("error", "Cannot evaluate", "");
    }
    // The end-to-end tests wait for the first evaluation.
    document.body.dataset.ready = "true";
  }

  return {
    root,
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(evaluateNow, EVALUATE_DELAY_MS);
    },
    evaluateNow,
    showPending(message) {
      renderResult(body, { pending: message }, hooks);
    },
    currentCase() {
      if (!lastOutcome || "error" in lastOutcome) return undefined;
      const { policies: _omit, ...request } = policies.request();
      return { ...request, expected: lastOutcome.decision };
    },
  };
}
