// A worker thread of `eval --input --jobs N`: answers batches of lines, in the order received.
import { parentPort, workerData } from "node:worker_threads";
import { Readable } from "node:stream";
import type { PolicySet, EvaluateOptions } from "@iamspec/core";
import type { ExpectedDecision } from "@iamspec/core";
import { createLineEvaluator } from "./line-evaluator.js";
import { answerBatch } from "./answer-batch.js";
import type { LineBatch } from "./read-lines.js";
import { createPolicyResolver } from "./policy-set.js";

export interface WorkerSetup {
  defaultPolicies: PolicySet | undefined;
  evaluateOptions: EvaluateOptions;
  expect?: ExpectedDecision;
  /** As in the main thread's resolver (worker threads share the process working directory). */
  baseDirectory?: string;
}

const setup = workerData as WorkerSetup;
const evaluator = createLineEvaluator({
  defaultPolicies: setup.defaultPolicies,
  // Lines' own policies that name `-` cannot read the parent's stdin: an empty stream.
  resolver: createPolicyResolver(Readable.from([]), setup.baseDirectory),
  evaluateOptions: setup.evaluateOptions,
  ...(setup.expect !== undefined && { expect: setup.expect }),
});

// One batch at a time, so that the counts of a batch are its own even when a line's policies
// must be loaded asynchronously.
let queue: Promise<void> = Promise.resolve();
parentPort!.on("message", (message: { seq: number; batch: LineBatch }) => {
  queue = queue.then(async () => {
    const before = { ...evaluator.counts };
    const text = await answerBatch(evaluator, message.batch);
    const counts = {
      lines: evaluator.counts.lines - before.lines,
      errors: evaluator.counts.errors - before.errors,
      mismatches: evaluator.counts.mismatches - before.mismatches,
    };
    parentPort!.postMessage({ seq: message.seq, text, counts });
  });
});
