import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { MAX_LINE_CHARS } from "./line-evaluator.js";
import { readLineBatches } from "./read-lines.js";

async function linesOf(chunks: (string | Buffer)[]): Promise<[number, string | null][]> {
  const out: [number, string | null][] = [];
  for await (const batch of readLineBatches(Readable.from(chunks))) {
    batch.lines.forEach((line, i) => out.push([batch.first + i, line]));
  }
  return out;
}

describe("readLineBatches", () => {
  it("numbers lines across chunk boundaries and keeps blank lines in place", async () => {
    expect(await linesOf(["a\nb", "c\n\nd"])).toEqual([
      [1, "a"],
      [2, "bc"],
      [3, ""],
      [4, "d"],
    ]);
  });

  it("removes the \\r of CRLF line ends", async () => {
    expect(await linesOf(["a\r\nb\r\n"])).toEqual([
      [1, "a"],
      [2, "b"],
    ]);
  });

  it("decodes a UTF-8 character split between chunks", async () => {
    const bytes = Buffer.from("é\n");
    expect(await linesOf([bytes.subarray(0, 1), bytes.subarray(1)])).toEqual([[1, "é"]]);
  });

  it("drops an overlong line spread over many chunks, keeping the lines around it", async () => {
    const piece = "x".repeat(MAX_LINE_CHARS / 4);
    const chunks = ["ok1\n", ...Array.from({ length: 9 }, () => piece), "\nok3"];
    expect(await linesOf(chunks)).toEqual([
      [1, "ok1"],
      [2, null],
      [3, "ok3"],
    ]);
  });

  it("reports an overlong last line without newline", async () => {
    expect(await linesOf(["a\n", "y".repeat(MAX_LINE_CHARS + 1)])).toEqual([
      [1, "a"],
      [2, null],
    ]);
  });
});
