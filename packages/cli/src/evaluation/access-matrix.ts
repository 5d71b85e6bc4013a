// `can --all`: the account's access matrix as NDJSON, one line per (principal, action) allowed or
// uncertain, in ARN order then `can`'s order. Memory stays flat: lines are written per principal
// with backpressure.
//
// With --jobs N, worker threads answer runs of principals. Each worker reads the account from the
// same command line, as the main thread did (a copy sent by message would not be the same: a policy
// read from text keeps its line numbers, which a copy loses), and each run's lines come back
// encoded, written in run order, so the output is the same bytes whatever N is. A free worker takes
// the next run (an administrator's thousands of lines do not hold up the others); at most a few runs
// per worker wait to be written.
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import { accessMatrix, shardPrincipals } from "@iamspec/core";
import type { Account, AccessMatrixQuery, AccessMatrixRow, IamServiceData } from "@iamspec/core";
import type { CommandLine } from "../args.js";
import { inputError } from "../errors.js";
import { autoJobs } from "./ndjson.js";
import type { MatrixReply, MatrixSetup, MatrixTask } from "./access-matrix-worker.js";

/** The matrix question without the service data (which each worker loads itself). */
export type MatrixQuery = Omit<AccessMatrixQuery, "serviceData" | "principals">;

export interface MatrixOptions {
  account: Account;
  serviceData: IamServiceData;
  query: MatrixQuery;
  /** Worker threads; "auto": one per core (up to 4) for 256 principals or more. */
  jobs: number | "auto";
  /** The command line the account was read from: each worker reads it again (not from stdin). */
  line: CommandLine;
  stdout: NodeJS.WritableStream;
  /** Progress for long runs: principals done of the total. */
  progress?: (done: number, total: number, finished: boolean) => void;
}

export interface MatrixSummary {
  principals: number;
  lines: number;
}

/**
 * With --jobs auto, fewer principals than this are answered on the main thread: starting two
 * workers (each reads the account and the IAM data) cost 3 s of CPU time on the synthetic account
 * of bench/account.bench.mjs, what the main thread spends on about 180 of its principals.
 */
const AUTO_MIN_PRINCIPALS = 256;
/** Runs handed to a worker at a time: small enough to spread the work, large enough to pay a message. */
const MAX_RUN = 16;

/** The NDJSON lines of some rows. */
export function matrixLines(rows: Iterable<AccessMatrixRow>): { text: string; lines: number } {
  let text = "";
  let lines = 0;
  for (const row of rows) {
    text += `${JSON.stringify(row)}\n`;
    lines++;
  }
  return { text, lines };
}

export async function writeAccessMatrix(options: MatrixOptions): Promise<MatrixSummary> {
  const { account, serviceData, query } = options;
  const principals = shardPrincipals(account, query.shard).map((p) => p.arn);
  // A bad service or access level is reported before any work starts.
  accessMatrix(account, { ...query, serviceData, principals: [] }).next();
  const jobs =
    options.jobs === "auto"
      ? principals.length >= AUTO_MIN_PRINCIPALS
        ? autoJobs()
        : 1
      : Math.min(options.jobs, Math.max(1, principals.length));
  const write = async (text: string | Uint8Array) => {
    if (text.length > 0 && !options.stdout.write(text)) await once(options.stdout, "drain");
  };
  let done = 0;
  let lastProgress = Date.now();
  const progressed = (count: number) => {
    done += count;
    if (options.progress && Date.now() - lastProgress > 250) {
      lastProgress = Date.now();
      options.progress(done, principals.length, false);
    }
  };
  let lines = 0;
  if (jobs <= 1) {
    for (const arn of principals) {
      const out = matrixLines(accessMatrix(account, { ...query, serviceData, principals: [arn] }));
      lines += out.lines;
      await write(out.text);
      progressed(1);
    }
  } else {
    const size = Math.max(1, Math.min(MAX_RUN, Math.ceil(principals.length / (jobs * 8))));
    const runs: string[][] = [];
    for (let i = 0; i < principals.length; i += size) runs.push(principals.slice(i, i + size));
    lines = await runOnWorkers({ line: options.line, query }, runs, jobs, async (reply, run) => {
      await write(reply.output);
      progressed(run.length);
    });
  }
  options.progress?.(done, principals.length, true);
  return { principals: principals.length, lines };
}

async function runOnWorkers(
  setup: MatrixSetup,
  runs: readonly string[][],
  jobs: number,
  written: (reply: Extract<MatrixReply, { output: Uint8Array }>, run: string[]) => Promise<void>,
): Promise<number> {
  const waiting = new Map<
    number,
    { resolve: (r: MatrixReply) => void; reject: (e: Error) => void }
  >();
  const replies = new Map<number, Promise<MatrixReply>>();
  const idle: Worker[] = [];
  const window = jobs * 4;
  let next = 0;
  let writing = 0;
  let failure: Error | undefined;
  const pump = () => {
    while (idle.length > 0 && next < runs.length && next < writing + window) {
      const seq = next++;
      replies.set(seq, new Promise((resolve, reject) => waiting.set(seq, { resolve, reject })));
      const task: MatrixTask = { seq, principals: runs[seq]! };
      idle.pop()!.postMessage(task);
    }
  };
  const workers = Array.from({ length: jobs }, () => {
    const worker = new Worker(new URL("./access-matrix-worker.js", import.meta.url), {
      workerData: setup,
    });
    worker.on("message", (reply: MatrixReply) => {
      idle.push(worker);
      waiting.get(reply.seq)?.resolve(reply);
      waiting.delete(reply.seq);
      pump();
    });
    worker.on("error", (error) => {
      failure ??= error;
      for (const { reject } of waiting.values()) reject(error);
      waiting.clear();
    });
    idle.push(worker);
    return worker;
  });
  let lines = 0;
  try {
    for (; writing < runs.length; writing++) {
      pump();
      if (failure) throw failure;
      const reply = await replies.get(writing)!;
      replies.delete(writing);
      if ("error" in reply) throw reply.input ? inputError(reply.error) : new Error(reply.error);
      lines += reply.lines;
      await written(reply, runs[writing]!);
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return lines;
}
