// Marks statements in the policy editors: the deciding ones after each evaluation, and the one a
// "Show in editor" button points at.
import { parsePolicy, type DecidingStatement } from "@iamspec/core";
import type { PagePolicies } from "./page-policies.js";
import type { SlotsView } from "./policy-slots.js";
import type { StatementRef } from "./result-view.js";
import { SLOT_TYPES, type AppState, type SlotType } from "./state.js";
import { offsetOf, valueRangeAt } from "./text-positions.js";

export interface StatementHighlights {
  clear(): void;
  /** Highlights the deciding statements; the first one is scrolled into view. */
  showDeciding(decidedBy: readonly DecidingStatement[]): void;
  /** Highlights one statement (as deciding when it is one) and scrolls to it. */
  show(ref: StatementRef, decidedBy: readonly DecidingStatement[]): void;
}

export function createStatementHighlights(
  state: AppState,
  slots: SlotsView,
  policies: PagePolicies,
): StatementHighlights {
  function clear(): void {
    for (const slot of SLOT_TYPES) {
      state.policies[slot].forEach((_, i) => slots.editor(slot, i)?.highlight([]));
    }
  }

  function highlight(ref: StatementRef, kind: "allow" | "deny" | "focus", reveal: boolean): void {
    const slot = ref.policyType as SlotType;
    const index = policies.draftIndex(ref);
    const editor = index === undefined ? undefined : slots.editor(slot, index);
    if (!editor) return;
    const text = editor.text();
    let line = ref.line;
    let column: number | undefined;
    // Policies given as objects have no line numbers in the result: find the statement's.
    if (line === undefined) {
      try {
        const parsed = parsePolicy(text);
        const loc = parsed.ok ? parsed.policy.statements[ref.statementIndex]?.loc : undefined;
        line = loc?.line;
        column = loc?.column;
      } catch {
        line = undefined;
      }
    }
    if (line === undefined) return;
    const range = valueRangeAt(text, offsetOf(text, line, column ?? lineIndent(text, line)));
    editor.highlight([{ ...range, kind }]);
    if (reveal) {
      slots.openSlot(slot);
      editor.reveal(range.from);
    }
  }

  return {
    clear,
    showDeciding(decidedBy) {
      for (const d of decidedBy) {
        highlight(d, d.effect === "Allow" ? "allow" : "deny", d === decidedBy[0]);
      }
    },
    show(ref, decidedBy) {
      const deciding = decidedBy.some(
        (d) =>
          d.policyType === ref.policyType &&
          d.policyIndex === ref.policyIndex &&
          (d.level ?? 0) === (ref.level ?? 0) &&
          d.statementIndex === ref.statementIndex,
      );
      const kind = !deciding ? "focus" : decidedBy[0]?.effect === "Deny" ? "deny" : "allow";
      clear();
      highlight(ref, kind, true);
      const index = policies.draftIndex(ref);
      if (index !== undefined) {
        slots
          .editor(ref.policyType as SlotType, index)
          ?.view.dom.scrollIntoView({ block: "nearest" });
      }
    },
  };
}

/** The column of the first non-blank character of a line (statement objects start there). */
function lineIndent(text: string, line: number): number {
  const start = offsetOf(text, line, 1);
  let column = 1;
  while (text[start + column - 1] === " " || text[start + column - 1] === "\t") column++;
  return column;
}
