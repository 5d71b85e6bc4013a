// A worker thread of `eval --input`: answers chunks of lines, in the order received, and sends
// back the result lines encoded as UTF-8 (transferred, not copied).
import { parentPort, workerData } from "node:worker_threads";
import { Readable } from "node:stream";
import type { PolicySet, EvaluateOptions } from "@iamspec/core";
import type { ExpectedDecision } from "@iamspec/core";
import { createLineEvaluator } from "./line-evaluator.js";
import type { LineCounts } from "./line-evaluator.js";
import { answerBatch } from "./answer-batch.js";
import type { LineChunk } from "./read-lines.js";
import { splitLines } from "./read-lines.js";
import { createPolicyResolver } from "./policy-set.js";
import { createBufferPool } from "./buffer-pool.js";

export interface WorkerSetup {
  defaultPolicies: PolicySet | undefined;
  evaluateOptions: EvaluateOptions;
  expect?: ExpectedDecision;
  allowUncertain?: boolean;
  /** As in the main thread's resolver (worker threads share the process working directory). */
  baseDirectory?: string;
}

/** From the main thread: a chunk to answer, or a result buffer written and free again. */
export type WorkerMessage = { chunk: { seq: number; chunk: LineChunk } } | { recycle: ArrayBuffer };

export interface WorkerReply {
  seq: number;
  /** The result lines, UTF-8 (a view of a buffer that the main thread sends back once written). */
  output: Uint8Array;
  /** The chunk's buffer, free again (the main thread reuses it). */
  input: ArrayBuffer | undefined;
  /** The counts of this chunk alone. */
  counts: LineCounts;
}

const setup = workerData as WorkerSetup;
const evaluator = createLineEvaluator({
  defaultPolicies: setup.defaultPolicies,
  // Lines' own policies that name `-` cannot read the parent's stdin: an empty stream.
  resolver: createPolicyResolver(Readable.from([]), setup.baseDirectory),
  evaluateOptions: setup.evaluateOptions,
  ...(setup.expect !== undefined && { expect: setup.expect }),
  ...(setup.allowUncertain === true && { allowUncertain: true }),
});

const buffers = createBufferPool();

// One chunk at a time, so that the counts of a chunk are its own even when a line's policies
// must be loaded asynchronously.
let queue: Promise<void> = Promise.resolve();
parentPort!.on("message", (message: WorkerMessage) => {
  if ("recycle" in message) {
    buffers.give(message.recycle);
    return;
  }
  const { seq, chunk } = message.chunk;
  queue = queue.then(async () => {
    const before = { ...evaluator.counts };
    const batch = splitLines(chunk); // decoded: the chunk's buffer goes back at once
    const input = chunk.bytes?.buffer as ArrayBuffer | undefined;
    // In a pool buffer of its own, so that it can be transferred.
    const output = await answerBatch(evaluator, batch, buffers);
    const counts = {
      lines: evaluator.counts.lines - before.lines,
      errors: evaluator.counts.errors - before.errors,
      mismatches: evaluator.counts.mismatches - before.mismatches,
    };
    const reply: WorkerReply = { seq, output, input, counts };
    const transfer = [output.buffer as ArrayBuffer, ...(input !== undefined ? [input] : [])];
    parentPort!.postMessage(reply, transfer);
  });
});
