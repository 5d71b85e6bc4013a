// Splits a byte stream into batches of lines, in two steps that can run on different threads:
// `readLineChunks` cuts the stream at newlines into chunks of whole lines (cheap: it only looks
// for newline bytes), `splitLines` decodes a chunk into its lines. Lines are split on the newline
// byte (never part of a multi-byte UTF-8 character), so a chunk that is valid UTF-8 is decoded at
// once; only a chunk that is not is decoded line by line, and a line with invalid UTF-8 is
// reported rather than silently repaired. A line longer than MAX_LINE_BYTES is not kept: the
// reader drops its bytes until the next newline, so memory stays bounded.
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

/**
 * Whole lines of the input: `bytes` holds `count` lines (without the newline after the last), or
 * the chunk is one line that was too long to keep (`bytes` undefined).
 */
export interface LineChunk {
  first: number;
  count: number;
  bytes: Uint8Array | undefined;
}

const NEWLINE = 10;

function countNewlines(bytes: Uint8Array): number {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) count++;
  return count;
}

/** Where chunk bytes are copied to: a buffer of its own, so that it can be transferred. */
export type Allocate = (size: number) => Uint8Array;

const allocateNew: Allocate = (size) => new Uint8Array(size);

/** A copy (stream chunks may share a pool); `allocate` gives a buffer of its own, transferable. */
function ownCopy(parts: readonly Uint8Array[], length: number, allocate: Allocate): Uint8Array {
  const out = allocate(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export async function* readLineChunks(
  stream: NodeJS.ReadableStream,
  allocate: Allocate = allocateNew,
): AsyncGenerator<LineChunk> {
  // The start of the current line, carried over from earlier chunks.
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  let skipping = false;
  let next = 1;

  for await (const chunk of stream) {
    let bytes: Uint8Array = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    if (skipping) {
      const newline = bytes.indexOf(NEWLINE);
      if (newline === -1) continue;
      yield { first: next++, count: 1, bytes: undefined };
      skipping = false;
      bytes = bytes.subarray(newline + 1);
    }
    const last = bytes.lastIndexOf(NEWLINE);
    if (last === -1) {
      if (pendingLength + bytes.length > MAX_LINE_BYTES) {
        skipping = true;
        pending = [];
        pendingLength = 0;
      } else {
        // Copied: a view would keep the whole chunk alive.
        pending.push(Uint8Array.prototype.slice.call(bytes));
        pendingLength += bytes.length;
      }
      continue;
    }
    const head = bytes.subarray(0, last);
    const lines = ownCopy([...pending, head], pendingLength + head.length, allocate);
    const count = countNewlines(head) + 1;
    yield { first: next, count, bytes: lines };
    next += count;
    const rest = bytes.subarray(last + 1);
    if (rest.length > MAX_LINE_BYTES) {
      skipping = true;
      pending = [];
      pendingLength = 0;
    } else {
      pending = rest.length > 0 ? [Uint8Array.prototype.slice.call(rest)] : [];
      pendingLength = rest.length;
    }
  }
  if (skipping) yield { first: next, count: 1, bytes: undefined };
  else if (pendingLength > 0)
    yield { first: next, count: 1, bytes: ownCopy(pending, pendingLength, allocate) };
}

/** The lines of a chunk. */
export function splitLines(chunk: LineChunk): LineBatch {
  const batch: LineBatch = { first: chunk.first, lines: [] };
  const bytes = chunk.bytes;
  if (bytes === undefined) {
    batch.lines.push(OVERLONG);
    return batch;
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (isUtf8(buffer)) {
    // The fast path: one decode for the whole chunk.
    for (const line of buffer.toString("utf8").split("\n")) {
      batch.lines.push(line.length > MAX_LINE_BYTES ? OVERLONG : stripCr(line));
    }
    return batch;
  }
  let from = 0;
  for (let nl = buffer.indexOf(NEWLINE); ; nl = buffer.indexOf(NEWLINE, from)) {
    const line = buffer.subarray(from, nl === -1 ? buffer.length : nl);
    if (line.length > MAX_LINE_BYTES) batch.lines.push(OVERLONG);
    else if (!isUtf8(line)) batch.lines.push(INVALID_UTF8);
    else batch.lines.push(stripCr(line.toString("utf8")));
    if (nl === -1) break;
    from = nl + 1;
  }
  return batch;
}

export async function* readLineBatches(stream: NodeJS.ReadableStream): AsyncGenerator<LineBatch> {
  for await (const chunk of readLineChunks(stream)) yield splitLines(chunk);
}

function stripCr(line: string): string {
  return line.length > 0 && line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
}
