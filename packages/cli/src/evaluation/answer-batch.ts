// Answers a batch of lines: the result lines, each ending with a newline, as UTF-8 in a buffer of
// the pool. The lines are encoded a few kilobytes at a time: one string for the whole batch (a
// megabyte) cost more to flatten and encode than answering the lines did, and went to the old
// generation of the heap.
import type { BufferPool } from "./buffer-pool.js";
import type { LineEvaluator } from "./line-evaluator.js";
import type { LineBatch } from "./read-lines.js";

/** Characters of result lines gathered before they are encoded (small enough for the young heap). */
const ENCODE_CHARS = 16 * 1024;

/** Result lines encoded into a pool buffer, grown (by copying) when a batch needs more. */
class ResultBytes {
  #pool: BufferPool;
  #bytes: Buffer;
  #length = 0;
  #pending = "";

  constructor(pool: BufferPool) {
    this.#pool = pool;
    this.#bytes = Buffer.from(pool.take(0).buffer);
  }

  add(line: string): void {
    this.#pending += `${line}\n`;
    if (this.#pending.length >= ENCODE_CHARS) this.#encode();
  }

  /** The bytes, a view of the start of a buffer taken from the pool (give it back once written). */
  finish(): Uint8Array {
    this.#encode();
    return new Uint8Array(this.#bytes.buffer, 0, this.#length);
  }

  #encode(): void {
    const text = this.#pending;
    if (text.length === 0) return;
    this.#pending = "";
    // A UTF-16 code unit takes at most three bytes in UTF-8.
    const needed = this.#length + text.length * 3;
    if (needed > this.#bytes.length) {
      const grown = Buffer.from(this.#pool.take(Math.max(needed, this.#bytes.length * 2)).buffer);
      grown.set(this.#bytes.subarray(0, this.#length));
      this.#pool.give(this.#bytes.buffer as ArrayBuffer);
      this.#bytes = grown;
    }
    this.#length += this.#bytes.write(text, this.#length);
  }
}

/** A line that could not be read as text (bad UTF-8, too long) is answered with an error line. */
function answerLine(
  evaluator: LineEvaluator,
  line: LineBatch["lines"][number],
  lineNumber: number,
) {
  return typeof line === "string"
    ? evaluator.answer(line, lineNumber)
    : evaluator.unreadable(line, lineNumber);
}

export function answerBatch(
  evaluator: LineEvaluator,
  batch: LineBatch,
  pool: BufferPool,
): Uint8Array | Promise<Uint8Array> {
  const out = new ResultBytes(pool);
  const { lines, first } = batch;
  for (let i = 0; i < lines.length; i++) {
    const answered = answerLine(evaluator, lines[i]!, first + i);
    if (answered === undefined) continue;
    if (typeof answered !== "string") return finishAsync(evaluator, batch, i, out, answered);
    out.add(answered);
  }
  return out.finish();
}

async function finishAsync(
  evaluator: LineEvaluator,
  batch: LineBatch,
  from: number,
  out: ResultBytes,
  pending: Promise<string>,
): Promise<Uint8Array> {
  out.add(await pending);
  const { lines, first } = batch;
  for (let i = from + 1; i < lines.length; i++) {
    const answered = answerLine(evaluator, lines[i]!, first + i);
    if (answered === undefined) continue;
    out.add(typeof answered === "string" ? answered : await answered);
  }
  return out.finish();
}
