// A worker thread of `can --all --jobs N`: answers runs of principals with their matrix lines,
// encoded as UTF-8 (transferred, not copied). It reads the account from the command line, as the
// main thread did; the IAM service data is the bundled one, as on the main thread.
import { Readable } from "node:stream";
import { parentPort, workerData } from "node:worker_threads";
import { AccountQueryError, CanQueryError, accessMatrix } from "@iamspec/core";
import type { CommandLine } from "../args.js";
import { isCliFailure } from "../errors.js";
import { readAccount } from "../input/account-input.js";
import { loadServiceData } from "../input/bundled.js";
import type { Io } from "../io.js";
import type { MatrixQuery } from "./access-matrix.js";
import { matrixLines } from "./access-matrix.js";

export interface MatrixSetup {
  /** The command line the main thread read the account from (its inputs are files, not stdin). */
  line: CommandLine;
  query: MatrixQuery;
}

/** A run of principals (ARNs), answered in order. */
export interface MatrixTask {
  seq: number;
  principals: string[];
}

export type MatrixReply =
  | { seq: number; output: Uint8Array; lines: number }
  /** `input`: the question or the account's policies are at fault (exit 2), not iamspec. */
  | { seq: number; error: string; input: boolean };

const setup = workerData as MatrixSetup;
// readAccount reads only `stdin` of its Io, and the inputs are files here.
const io = { stdin: Readable.from([]) } as unknown as Io;
const ready = Promise.all([readAccount(setup.line, io), loadServiceData()]);
const encoder = new TextEncoder();

async function answer(task: MatrixTask): Promise<MatrixReply> {
  try {
    const [account, data] = await ready;
    if (data === undefined) throw new Error("the bundled IAM service data is not available");
    const rows = accessMatrix(account, {
      ...setup.query,
      serviceData: data,
      principals: task.principals,
    });
    const { text, lines } = matrixLines(rows);
    // Its own buffer (Buffer.from may share a pool), so that it can be transferred.
    return { seq: task.seq, output: encoder.encode(text), lines };
  } catch (error) {
    const input =
      error instanceof AccountQueryError || error instanceof CanQueryError || isCliFailure(error);
    return { seq: task.seq, error: (error as Error).message, input };
  }
}

parentPort!.on("message", (task: MatrixTask) => {
  void answer(task).then((reply) =>
    parentPort!.postMessage(reply, "output" in reply ? [reply.output.buffer as ArrayBuffer] : []),
  );
});
