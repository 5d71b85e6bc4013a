// `eval --input`: NDJSON requests in, one NDJSON result out per line, in order. Memory stays
// flat: input is read in chunks, output is written per chunk with backpressure, an overlong
// line is answered with an error and skipped.
//
// Large inputs are answered by worker threads: the main thread only cuts the input at newlines
// and hands each chunk's bytes to a worker (transferred, not copied); the worker decodes,
// evaluates and sends back the encoded result lines, which the main thread writes in input order
// with a bounded number of chunks in flight. The first chunks are answered on the main thread, so
// that a short input never pays for starting workers.
import { availableParallelism } from "node:os";
import { createReadStream } from "node:fs";
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import type { EvaluateOptions, PolicySet } from "@iamspec/core";
import type { ExpectedDecision } from "@iamspec/core";
import { fileError } from "../input/read-text.js";
import { answerBatch } from "./answer-batch.js";
import { createLineEvaluator } from "./line-evaluator.js";
import type { LineCounts } from "./line-evaluator.js";
import { createBufferPool } from "./buffer-pool.js";
import type { BufferPool } from "./buffer-pool.js";
import type { WorkerReply, WorkerSetup } from "./ndjson-worker.js";
import type { PolicyResolver } from "./policy-set.js";
import { readLineChunks, splitLines } from "./read-lines.js";
import type { LineChunk } from "./read-lines.js";

/**
 * With --jobs auto, input answered on the main thread before workers start (~9,000 typical lines).
 * Small: whatever the main thread answers grows its heap, which stays while the workers run (8 MB
 * made 260 MB of peak RSS on a million lines with two workers, 2 MB 235 MB, for the same CPU time).
 */
const MAIN_THREAD_BYTES = 2 * 1024 * 1024;
/** Workers by default: one per core, at most this many (each holds its own compiled policies). */
const MAX_AUTO_JOBS = 4;

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
  /** --allow-uncertain: an uncertain result meets --expect on its fail-safe decision alone. */
  allowUncertain?: boolean;
  /** Worker threads for large inputs; 1 answers every line on the main thread; "auto": one per core. */
  jobs: number | "auto";
}

export type NdjsonSummary = LineCounts;

/** The number of workers "auto" means here: one per core, none on a single core. */
export function autoJobs(): number {
  const cores = availableParallelism();
  return cores <= 1 ? 1 : Math.min(cores, MAX_AUTO_JOBS);
}

export async function evaluateNdjson(options: NdjsonOptions): Promise<NdjsonSummary> {
  const stream = await openInput(options);
  const jobs = options.jobs === "auto" ? autoJobs() : options.jobs;
  // An explicit --jobs starts workers at once; "auto" answers a short input on the main thread.
  const mainThreadBytes = options.jobs === "auto" ? MAIN_THREAD_BYTES : 0;
  let lastProgress = Date.now();
  let linesSeen = 0;
  const progress = (chunk: LineChunk) => {
    linesSeen = chunk.first + chunk.count - 1;
    if (options.progress && Date.now() - lastProgress > 250) {
      lastProgress = Date.now();
      options.progress(linesSeen, false);
    }
  };
  /** Writes with backpressure; `written` runs once the bytes have left (their buffer may be reused). */
  const write = async (output: Uint8Array, written?: () => void) => {
    if (output.length === 0) {
      written?.();
      return;
    }
    if (!options.stdout.write(output, written && (() => written()))) {
      await once(options.stdout, "drain");
    }
  };

  const evaluator = createLineEvaluator(options);
  const summary: NdjsonSummary = evaluator.counts;
  const buffers = createBufferPool();
  const chunks = readLineChunks(stream, buffers.take);
  let pool: WorkerPool | undefined;
  let bytesOnMain = 0;
  try {
    for await (const chunk of chunks) {
      if (pool === undefined && (jobs <= 1 || bytesOnMain < mainThreadBytes)) {
        bytesOnMain += chunk.bytes?.length ?? 0;
        const batch = splitLines(chunk); // decoded: the chunk's buffer can be reused
        if (chunk.bytes !== undefined) buffers.give(chunk.bytes.buffer as ArrayBuffer);
        const output = await answerBatch(evaluator, batch, buffers);
        await write(output, () => buffers.give(output.buffer as ArrayBuffer));
      } else {
        pool ??= createWorkerPool(jobs, options, write, summary, buffers);
        await pool.submit(chunk);
      }
      progress(chunk);
    }
    await pool?.finish();
  } finally {
    await pool?.close();
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

interface WorkerPool {
  /** Hands a chunk to the next worker; waits while two chunks per worker are in flight. */
  submit(chunk: LineChunk): Promise<void>;
  /** Waits for every reply and writes it. */
  finish(): Promise<void>;
  close(): Promise<unknown>;
}

/** Workers answering chunks; replies are written in submission order. */
function createWorkerPool(
  jobs: number,
  options: NdjsonOptions,
  write: (output: Uint8Array, written: () => void) => Promise<void>,
  summary: NdjsonSummary,
  buffers: BufferPool,
): WorkerPool {
  const setup: WorkerSetup = {
    defaultPolicies: options.defaultPolicies,
    evaluateOptions: options.evaluateOptions,
    ...(options.resolver.baseDirectory !== undefined && {
      baseDirectory: options.resolver.baseDirectory,
    }),
    ...(options.expect !== undefined && { expect: options.expect }),
    ...(options.allowUncertain === true && { allowUncertain: true }),
  };
  const waiting = new Map<
    number,
    { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void }
  >();
  const inFlight: Promise<WorkerReply>[] = [];
  let failure: Error | undefined;
  let seq = 0;
  const workers = Array.from({ length: jobs }, () => {
    const worker = new Worker(new URL("./ndjson-worker.js", import.meta.url), {
      workerData: setup,
      // A worker's young generation grows to 48 MB by default; 16 MB keeps two workers and the
      // main thread under 250 MB on a million lines, for no more CPU time (measured).
      resourceLimits: { maxYoungGenerationSizeMb: 16 },
    });
    worker.on("message", (reply: WorkerReply) => {
      waiting.get(reply.seq)?.resolve(reply);
      waiting.delete(reply.seq);
    });
    worker.on("error", (error) => {
      failure ??= error;
      for (const { reject } of waiting.values()) reject(error);
      waiting.clear();
    });
    return worker;
  });

  const drainOne = async () => {
    const reply = await inFlight.shift()!;
    if (reply.input !== undefined) buffers.give(reply.input);
    summary.lines += reply.counts.lines;
    summary.errors += reply.counts.errors;
    summary.mismatches += reply.counts.mismatches;
    // Once written, the result buffer goes back to its worker for the next chunk.
    const worker = workers[reply.seq % workers.length]!;
    const output = reply.output;
    await write(output, () =>
      worker.postMessage({ recycle: output.buffer }, [output.buffer as ArrayBuffer]),
    );
  };

  return {
    async submit(chunk) {
      if (failure) throw failure;
      const id = seq++;
      inFlight.push(
        new Promise<WorkerReply>((resolve, reject) => waiting.set(id, { resolve, reject })),
      );
      const transfer = chunk.bytes !== undefined ? [chunk.bytes.buffer as ArrayBuffer] : [];
      workers[id % workers.length]!.postMessage({ chunk: { seq: id, chunk } }, transfer);
      if (inFlight.length >= workers.length * 2) await drainOne();
    },
    async finish() {
      while (inFlight.length > 0) await drainOne();
      if (failure) throw failure;
    },
    close() {
      return Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
