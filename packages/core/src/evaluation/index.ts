import type {
  Engine,
  EvaluateOptions,
  EvaluationOutcome,
  EvaluationRequest,
  PolicySet,
} from "../types.js";

export function evaluate(
  _request: EvaluationRequest,
  _options?: EvaluateOptions,
): EvaluationOutcome {
  throw new Error("evaluate: not implemented yet");
}

export function compile(_policies: PolicySet): Engine {
  throw new Error("compile: not implemented yet");
}
