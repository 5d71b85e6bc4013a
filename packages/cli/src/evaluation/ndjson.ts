// `eval --input`: NDJSON requests in, one NDJSON result out per line, in order. Memory stays
// flat: input is read in chunks, output is written per chunk with backpressure, an overlong
// line is answered with an error and skipped. With `jobs` > 1, batches of lines are answered
// by worker threads and written back in input order, with a bounded number in flight.
import { createReadStream } from "node:fs";
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import type { EvaluateOptions, PolicySet } from "@iamspec/core";
import { fileError } from "../input/read-text.js";
import { answerBatch } from "./answer-batch.js";
import type { ExpectedDecision } from "@iamspec/core";
import { createLineEvaluator } from "./line-evaluator.js";
import type { LineCounts } from "./line-evaluator.js";
import type { WorkerSetup } from "./ndjson-worker.js";
import type { PolicyResolver } from "./policy-set.js";
import { readLineBatches } from "./read-lines.js";
import type { LineBatch } from "./read-lines.js";

export interface NdjsonOptions {
  input: string;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  /** Progress for long runs; called about every quarter second. */
  progress?: (lines: number, done: boolean) => void;
  /** Policies from flags, for lines that have none of their own. */
  defaultPolicies: PolicySet | undefined;
  resolver: PolicyResolver;
  evaluateOptions: EvaluateOptions;
  expect?: ExpectedDecision;
  /** Worker threads; 1 answers on the main thread. */
  jobs: number;
}

export type NdjsonSummary = LineCounts;

export async function evaluateNdjson(options: NdjsonOptions): Promise<NdjsonSummary> {
  const stream = await openInput(options);
  let lastProgress = Date.now();
  let linesSeen = 0;
  const progress = (batch: LineBatch) => {
    linesSeen = batch.first + batch.lines.length - 1;
    if (options.progress && Date.now() - lastProgress > 250) {
      lastProgress = Date.now();
      options.progress(linesSeen, false);
    }
  };
  const write = async (text: string) => {
    if (text.length > 0 && !options.stdout.write(text)) await once(options.stdout, "drain");
  };

  let summary: NdjsonSummary;
  if (options.jobs <= 1) {
    const evaluator = createLineEvaluator(options);
    for await (const batch of readLineBatches(stream)) {
      const text = answerBatch(evaluator, batch);
      await write(typeof text === "string" ? text : await text);
      progress(batch);
    }
    summary = evaluator.counts;
  } else {
    summary = await evaluateInWorkers(stream, options, write, progress);
  }
  options.progress?.(linesSeen, true);
  return summary;
}

async function openInput(options: NdjsonOptions): Promise<NodeJS.ReadableStream> {
  if (options.input === "-") return options.stdin;
  const file = createReadStream(options.input, { highWaterMark: 1 << 20 });
  await new Promise<void>((resolve, reject) => {
    file.once("open", () => resolve());
    file.once("error", (error) => reject(fileError(error, options.input)));
  });
  return file;
}

interface BatchResult {
  text: string;
  counts: LineCounts;
}

async function evaluateInWorkers(
  stream: NodeJS.ReadableStream,
  options: NdjsonOptions,
  write: (text: string) => Promise<void>,
  progress: (batch: LineBatch) => void,
): Promise<NdjsonSummary> {
  const setup: WorkerSetup = {
    defaultPolicies: options.defaultPolicies,
    evaluateOptions: options.evaluateOptions,
    ...(options.resolver.baseDirectory !== undefined && {
      baseDirectory: options.resolver.baseDirectory,
    }),
    ...(options.expect !== undefined && { expect: options.expect }),
  };
  const workers = Array.from(
    { length: options.jobs },
    () => new Worker(new URL("./ndjson-worker.js", import.meta.url), { workerData: setup }),
  );
  const waiting = new Map<
    number,
    { resolve: (result: BatchResult) => void; reject: (error: Error) => void }
  >();
  let failure: Error | undefined;
  for (const worker of workers) {
    worker.on("message", (message: { seq: number } & BatchResult) => {
      waiting.get(message.seq)?.resolve(message);
      waiting.delete(message.seq);
    });
    worker.on("error", (error) => {
      failure ??= error;
      for (const { reject } of waiting.values()) reject(error);
      waiting.clear();
    });
  }

  const summary: NdjsonSummary = { lines: 0, errors: 0, mismatches: 0 };
  // Results are written in input order; at most 2 batches per worker are in flight.
  const inFlight: Promise<BatchResult>[] = [];
  const maxInFlight = options.jobs * 2;
  const drainOne = async () => {
    const result = await inFlight.shift()!;
    summary.lines += result.counts.lines;
    summary.errors += result.counts.errors;
    summary.mismatches += result.counts.mismatches;
    await write(result.text);
  };
  try {
    let seq = 0;
    for await (const batch of readLineBatches(stream)) {
      if (failure) throw failure;
      const worker = workers[seq % workers.length]!;
      const id = seq++;
      inFlight.push(
        new Promise<BatchResult>((resolve, reject) => {
          waiting.set(id, { resolve, reject });
        }),
      );
      worker.postMessage({ seq: id, batch });
      progress(batch);
      if (inFlight.length >= maxInFlight) await drainOne();
    }
    while (inFlight.length > 0) await drainOne();
    if (failure) throw failure;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return summary;
}
