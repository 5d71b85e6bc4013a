// formatExplanation: a result as plain text, the words the CLI prints (without its colours).
import type { EvaluationOutcome } from "../types.js";
import { presentOutcome } from "./present.js";
import type { PresentationLine, Span } from "./presentation.js";

/**
 * Presentation lines as text: two spaces per depth, a blank line before each block, `- ` before
 * list items. `spanText` lets a terminal wrap each span in its colour; by default, the words alone.
 */
export function linesToText(
  lines: readonly PresentationLine[],
  spanText: (span: Span) => string = (span) => span.text,
): string {
  const out: string[] = [];
  for (const line of lines) {
    if (line.opensBlock === true && out.length > 0) out.push("");
    const bullet = line.kind === "missing" ? "- " : "";
    out.push("  ".repeat(line.depth) + bullet + line.spans.map(spanText).join(""));
  }
  return out.join("\n");
}

/**
 * Renders a result as text: the decision, the deciding statements, notes, readings and (when
 * evaluated with `explain`) the explanation and suggestions; an error as one line.
 */
export function formatExplanation(outcome: EvaluationOutcome): string {
  return linesToText(presentOutcome(outcome));
}
