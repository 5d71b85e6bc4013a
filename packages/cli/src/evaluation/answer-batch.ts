// Answers a batch of lines: the result lines, each ending with a newline, as UTF-8 in a buffer of
// the pool (result-bytes.ts).
import type { BufferPool } from "./buffer-pool.js";
import type { LineEvaluator } from "./line-evaluator.js";
import type { LineBatch } from "./read-lines.js";
import { ResultBytes } from "./result-bytes.js";

/** A line that could not be read as text (bad UTF-8, too long) is answered with an error line. */
function answerLine(
  evaluator: LineEvaluator,
  line: LineBatch["lines"][number],
  lineNumber: number,
  out: ResultBytes,
) {
  return typeof line === "string"
    ? evaluator.answer(line, lineNumber, out)
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
    const answered = answerLine(evaluator, lines[i]!, first + i, out);
    if (answered === undefined || answered === true) continue;
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
    const answered = answerLine(evaluator, lines[i]!, first + i, out);
    if (answered === undefined || answered === true) continue;
    out.add(typeof answered === "string" ? answered : await answered);
  }
  return out.finish();
}
