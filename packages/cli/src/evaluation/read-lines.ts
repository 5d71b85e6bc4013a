// Splits a byte stream into batches of lines, one batch per chunk read. Lines are split on the
// newline byte (never part of a multi-byte UTF-8 character), so a chunk that is valid UTF-8 is
// decoded at once; only a chunk that is not is decoded line by line, and a line with invalid
// UTF-8 is reported rather than silently repaired. A line longer than MAX_LINE_BYTES is not
// kept: the reader drops its bytes until the next newline, so memory stays bounded.
import { isUtf8 } from "node:buffer";

export const MAX_LINE_BYTES = 1024 * 1024;

/** A line that is not answered as a request: too long, or not UTF-8. */
export interface LineProblem {
  problem: "overlong" | "utf8";
}

export const OVERLONG: LineProblem = { problem: "overlong" };
export const INVALID_UTF8: LineProblem = { problem: "utf8" };

export interface LineBatch {
  /** Number (1-based) of the first line of the batch. */
  first: number;
  /** The lines, `\r` removed, or the problem that keeps a line from being read. */
  lines: (string | LineProblem)[];
}

export async function* readLineBatches(stream: NodeJS.ReadableStream): AsyncGenerator<LineBatch> {
  let pending: Buffer = Buffer.alloc(0);
  let skipping = false;
  let next = 1;

  const take = (bytes: Buffer, batch: LineBatch): void => {
    if (bytes.length > MAX_LINE_BYTES) batch.lines.push(OVERLONG);
    else if (!isUtf8(bytes)) batch.lines.push(INVALID_UTF8);
    else batch.lines.push(stripCr(bytes.toString("utf8")));
  };

  const split = (bytes: Buffer, final: boolean): LineBatch | undefined => {
    const batch: LineBatch = { first: next, lines: [] };
    let start = 0;
    if (skipping) {
      const newline = bytes.indexOf(10);
      if (newline === -1) {
        if (final) batch.lines.push(OVERLONG);
        start = bytes.length;
      } else {
        batch.lines.push(OVERLONG);
        skipping = false;
        start = newline + 1;
      }
    }
    const last = bytes.lastIndexOf(10);
    if (last >= start) {
      const complete = bytes.subarray(start, last);
      if (isUtf8(complete)) {
        // The fast path: one decode for the whole chunk.
        for (const line of complete.toString("utf8").split("\n")) {
          batch.lines.push(line.length > MAX_LINE_BYTES ? OVERLONG : stripCr(line));
        }
      } else {
        let from = 0;
        for (let nl = complete.indexOf(10); ; nl = complete.indexOf(10, from)) {
          take(complete.subarray(from, nl === -1 ? complete.length : nl), batch);
          if (nl === -1) break;
          from = nl + 1;
        }
      }
      start = last + 1;
    }
    const rest = bytes.subarray(start);
    if (!skipping && rest.length > MAX_LINE_BYTES) {
      skipping = true;
      pending = Buffer.alloc(0);
      if (final) {
        batch.lines.push(OVERLONG);
        skipping = false;
      }
    } else {
      // Copied: a view would keep the whole chunk alive.
      pending = skipping ? Buffer.alloc(0) : Buffer.from(rest);
      if (final && pending.length > 0) {
        take(pending, batch);
        pending = Buffer.alloc(0);
      }
    }
    next += batch.lines.length;
    return batch.lines.length > 0 ? batch : undefined;
  };

  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    const batch = split(pending.length > 0 ? Buffer.concat([pending, bytes]) : bytes, false);
    if (batch) yield batch;
  }
  const batch = split(pending, true);
  if (batch) yield batch;
}

function stripCr(line: string): string {
  return line.length > 0 && line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
}
