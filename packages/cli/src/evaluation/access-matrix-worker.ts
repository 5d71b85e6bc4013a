// A worker thread of `can --all --jobs N`: answers runs of principals with their matrix lines,
// encoded as UTF-8 (transferred, not copied). The account comes once, serialized (v8); the IAM
// service data is the bundled one, as on the main thread.
import { deserialize } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import { AccountQueryError, CanQueryError, accessMatrix } from "@iamspec/core";
import type { Account } from "@iamspec/core";
import { loadServiceData } from "../input/bundled.js";
import type { MatrixQuery } from "./access-matrix.js";
import { matrixLines } from "./access-matrix.js";

export interface MatrixSetup {
  /** The account, v8-serialized, in shared memory. */
  account: Uint8Array;
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
const account = deserialize(setup.account) as Account;
const serviceData = loadServiceData();
const encoder = new TextEncoder();

parentPort!.on("message", (task: MatrixTask) => {
  void serviceData.then((data) => {
    let reply: MatrixReply;
    try {
      if (data === undefined) throw new Error("the bundled IAM service data is not available");
      const rows = accessMatrix(account, {
        ...setup.query,
        serviceData: data,
        principals: task.principals,
      });
      const { text, lines } = matrixLines(rows);
      // Its own buffer (Buffer.from may share a pool), so that it can be transferred.
      reply = { seq: task.seq, output: encoder.encode(text), lines };
    } catch (error) {
      const input = error instanceof AccountQueryError || error instanceof CanQueryError;
      reply = { seq: task.seq, error: (error as Error).message, input };
    }
    const transfer = "output" in reply ? [reply.output.buffer as ArrayBuffer] : [];
    parentPort!.postMessage(reply, transfer);
  });
});
