// Answers a batch of lines: the result lines joined, each ending with a newline.
import type { LineEvaluator } from "./line-evaluator.js";
import type { LineBatch } from "./read-lines.js";

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

export function answerBatch(evaluator: LineEvaluator, batch: LineBatch): string | Promise<string> {
  let out = "";
  const { lines, first } = batch;
  for (let i = 0; i < lines.length; i++) {
    const answered = answerLine(evaluator, lines[i]!, first + i);
    if (answered === undefined) continue;
    if (typeof answered !== "string") return finishAsync(evaluator, batch, i, out, answered);
    out += `${answered}\n`;
  }
  return out;
}

async function finishAsync(
  evaluator: LineEvaluator,
  batch: LineBatch,
  from: number,
  done: string,
  pending: Promise<string>,
): Promise<string> {
  let out = `${done}${await pending}\n`;
  const { lines, first } = batch;
  for (let i = from + 1; i < lines.length; i++) {
    const answered = answerLine(evaluator, lines[i]!, first + i);
    if (answered === undefined) continue;
    out += `${typeof answered === "string" ? answered : await answered}\n`;
  }
  return out;
}
