// Shared test helpers: tiny policy builders and result accessors.
import { readFileSync } from "node:fs";
import type {
  EvaluationOutcome,
  EvaluationRequest,
  EvaluationResult,
  JsonValue,
} from "../src/types.js";
import { evaluate } from "../src/evaluation/index.js";
import { REPO_ROOT } from "./repo-root.js";

export type Doc = { [key: string]: JsonValue };

/** The seed policy of docs/architecture.md: the fenced JSON block of policies/EC2ImageBuilderExecutionPolicy.md, byte for byte. */
export const EC2_IMAGE_BUILDER_TEXT = (() => {
  const page = readFileSync(`${REPO_ROOT}policies/EC2ImageBuilderExecutionPolicy.md`, "utf8");
  const match = /```\n([\s\S]*?)\n```/.exec(page);
  if (match === null) throw new Error("no JSON block in EC2ImageBuilderExecutionPolicy.md");
  return match[1]!;
})();

export function policy(...statements: Doc[]): Doc {
  return { Version: "2012-10-17", Statement: statements };
}

export function allow(extra: Doc = {}): Doc {
  return { Effect: "Allow", Action: "*", Resource: "*", ...extra };
}

export function deny(extra: Doc = {}): Doc {
  return { Effect: "Deny", Action: "*", Resource: "*", ...extra };
}

export function decided(outcome: EvaluationOutcome): EvaluationResult {
  if ("error" in outcome) throw new Error(`unexpected error: ${outcome.error.message}`);
  return outcome;
}

export function decisionOf(request: EvaluationRequest): string {
  const outcome = evaluate(request);
  return "error" in outcome ? `error: ${outcome.error.message}` : outcome.decision;
}

export const ALICE = "arn:aws:iam::111122223333:user/alice";
export const ROLE_SESSION = "arn:aws:sts::111122223333:assumed-role/ImageBuilderRole/session1";
