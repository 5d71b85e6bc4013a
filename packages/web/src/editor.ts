// A CodeMirror 6 JSON editor for one policy: core's diagnostics inline as you type (lint marks
// and a gutter), and the deciding statement highlighted after an evaluation.
import { json } from "@codemirror/lang-json";
import { forceLinting, lintGutter, linter, type Diagnostic as LintMark } from "@codemirror/lint";
import { EditorState, RangeSetBuilder, StateEffect, StateField } from "@codemirror/state";
import { Decoration, EditorView, type DecorationSet } from "@codemirror/view";
import { basicSetup } from "codemirror";
import type { EditorMark } from "./diagnostics.js";

export type HighlightKind = "allow" | "deny" | "focus";
export interface Highlight {
  from: number;
  to: number;
  kind: HighlightKind;
}

const setHighlights = StateEffect.define<Highlight[]>();

const highlightField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, transaction) {
    for (const effect of transaction.effects) {
      if (effect.is(setHighlights)) return buildHighlights(transaction.state, effect.value);
    }
    // An edit makes the old result stale: drop the highlight rather than paint the wrong lines.
    return transaction.docChanged ? Decoration.none : decorations;
  },
  provide: (field) => EditorView.decorations.from(field),
});

function buildHighlights(state: EditorState, highlights: Highlight[]): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  const sorted = [...highlights].sort((a, b) => a.from - b.from);
  for (const { from, to, kind } of sorted) {
    const first = state.doc.lineAt(Math.min(from, state.doc.length));
    const last = state.doc.lineAt(Math.min(Math.max(to - 1, from), state.doc.length));
    for (let n = first.number; n <= last.number; n++) {
      const line = state.doc.line(n);
      const position = n === first.number ? "start" : n === last.number ? "end" : "middle";
      builder.add(
        line.from,
        line.from,
        Decoration.line({
          class: `cm-decided cm-decided-${kind} cm-decided-${position}`,
          attributes: { "data-decided": kind },
        }),
      );
    }
  }
  return builder.finish();
}

export interface PolicyEditorOptions {
  parent: HTMLElement;
  text: string;
  /** Accessible name of the editing area. */
  label: string;
  onChange: (text: string) => void;
  /** Diagnostics for the current text (run debounced by the linter). */
  lint: (text: string) => EditorMark[] | Promise<EditorMark[]>;
}

export interface PolicyEditor {
  view: EditorView;
  text(): string;
  setText(text: string): void;
  highlight(highlights: Highlight[]): void;
  /** Scroll so the offset is visible (centred) without moving focus. */
  reveal(offset: number): void;
  /** Put the cursor at a 1-based line and column, scrolled into view, and focus the editor. */
  goTo(line: number, column: number): void;
  /** Re-run diagnostics now (e.g. service data arrived). */
  relint(): void;
  destroy(): void;
}

export function createPolicyEditor(options: PolicyEditorOptions): PolicyEditor {
  const view = new EditorView({
    parent: options.parent,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        basicSetup,
        json(),
        lintGutter(),
        linter(async (v) => (await options.lint(v.state.doc.toString())) as LintMark[], {
          delay: 250,
        }),
        highlightField,
        EditorView.contentAttributes.of({ "aria-label": options.label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    highlight(highlights) {
      view.dispatch({ effects: setHighlights.of(highlights) });
    },
    reveal(offset) {
      const pos = Math.min(offset, view.state.doc.length);
      view.dispatch({ effects: EditorView.scrollIntoView(pos, { y: "center" }) });
    },
    goTo(line, column) {
      const doc = view.state.doc;
      const target = doc.line(Math.min(Math.max(line, 1), doc.lines));
      const pos = Math.min(target.from + Math.max(column - 1, 0), target.to);
      view.dispatch({
        selection: { anchor: pos },
        effects: EditorView.scrollIntoView(pos, { y: "center" }),
      });
      view.focus();
    },
    relint() {
      forceLinting(view);
    },
    destroy() {
      view.destroy();
    },
  };
}
