// Human-readable evaluation results: core's presentation lines (the same words as
// formatExplanation and the web page), painted when colour is wanted.
import { linesToText, presentOutcome, type EvaluationResult, type Span } from "@iamspec/core";
import type { Paint } from "./colour.js";

export function decisionColour(decision: string, paint: Paint): string {
  if (decision === "Allowed") return paint.green(decision);
  if (decision === "ExplicitlyDenied") return paint.red(decision);
  return paint.yellow(decision);
}

function paintSpan(span: Span, paint: Paint): string {
  let text = span.text;
  switch (span.role) {
    case "decision":
      text = decisionColour(text, paint);
      break;
    case "uncertain":
    case "label":
      text = paint.yellow(text);
      break;
    case "pass":
      text = paint.green(text);
      break;
    case "fail":
      text = paint.red(text);
      break;
    case "muted":
    case "link":
      text = paint.dim(text);
      break;
    default:
      break;
  }
  return span.strong === true ? paint.bold(text) : text;
}

export function formatResultText(result: EvaluationResult, paint: Paint): string {
  return linesToText(presentOutcome(result), (span) => paintSpan(span, paint));
}
