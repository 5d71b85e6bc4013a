// Splits a byte stream into batches of lines, one batch per chunk read. A line longer than
// MAX_LINE_CHARS is not kept: it is `null` in its batch and the reader drops its bytes until
// the next newline, so memory stays bounded whatever the input.
import { StringDecoder } from "node:string_decoder";
import { MAX_LINE_CHARS } from "./line-evaluator.js";

export interface LineBatch {
  /** Number (1-based) of the first line of the batch. */
  first: number;
  /** The lines, `\r` removed; `null` for a line that was too long. */
  lines: (string | null)[];
}

export async function* readLineBatches(stream: NodeJS.ReadableStream): AsyncGenerator<LineBatch> {
  const decoder = new StringDecoder("utf8");
  let pending = "";
  let skipping = false;
  let next = 1;

  const split = (text: string, final: boolean): LineBatch | undefined => {
    const batch: LineBatch = { first: next, lines: [] };
    let start = 0;
    for (;;) {
      const newline = text.indexOf("\n", start);
      if (newline === -1) break;
      if (skipping) {
        skipping = false;
        batch.lines.push(null);
      } else {
        let line = text.slice(start, newline);
        if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
        batch.lines.push(line.length > MAX_LINE_CHARS ? null : line);
      }
      start = newline + 1;
    }
    const rest = text.slice(start);
    if (!skipping && rest.length > MAX_LINE_CHARS) skipping = true;
    pending = skipping ? "" : rest;
    if (final) {
      if (skipping) batch.lines.push(null);
      else if (pending.length > 0)
        batch.lines.push(pending.endsWith("\r") ? pending.slice(0, -1) : pending);
      pending = "";
      skipping = false;
    }
    next += batch.lines.length;
    return batch.lines.length > 0 ? batch : undefined;
  };

  for await (const chunk of stream) {
    const text = pending + (typeof chunk === "string" ? chunk : decoder.write(chunk as Buffer));
    const batch = split(text, false);
    if (batch) yield batch;
  }
  const batch = split(pending + decoder.end(), true);
  if (batch) yield batch;
}
