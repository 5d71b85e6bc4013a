export { formatExplanation, linesToText } from "./format.js";
export { presentOutcome } from "./present.js";
export {
  DECISION_WORDS,
  type LineKind,
  type PresentationLine,
  type Span,
  type SpanRole,
  type StatementRef,
} from "./presentation.js";
export { describeRequirement } from "./describe.js";
