import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  INVALID_UTF8,
  MAX_LINE_BYTES,
  OVERLONG,
  readLineBatches,
  readLineChunks,
  splitLines,
} from "./read-lines.js";
import type { LineProblem } from "./read-lines.js";

async function linesOf(chunks: (string | Buffer)[]): Promise<[number, string | LineProblem][]> {
  const out: [number, string | LineProblem][] = [];
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
    const piece = "x".repeat(MAX_LINE_BYTES / 4);
    const chunks = ["ok1\n", ...Array.from({ length: 9 }, () => piece), "\nok3"];
    expect(await linesOf(chunks)).toEqual([
      [1, "ok1"],
      [2, OVERLONG],
      [3, "ok3"],
    ]);
  });

  it("reports an overlong last line without newline", async () => {
    expect(await linesOf(["a\n", "y".repeat(MAX_LINE_BYTES + 1)])).toEqual([
      [1, "a"],
      [2, OVERLONG],
    ]);
  });

  it("reports a line with invalid UTF-8 and reads the others", async () => {
    const chunk = Buffer.concat([Buffer.from("a\nb"), Buffer.from([0xff]), Buffer.from("c\nd\n")]);
    expect(await linesOf([chunk])).toEqual([
      [1, "a"],
      [2, INVALID_UTF8],
      [3, "d"],
    ]);
  });

  it("keeps a valid U+FFFD written in the input", async () => {
    expect(await linesOf(["\uFFFD\n"])).toEqual([[1, "\uFFFD"]]);
  });
});

describe("readLineChunks", () => {
  async function chunksOf(chunks: (string | Buffer)[]) {
    const out = [];
    for await (const chunk of readLineChunks(Readable.from(chunks))) out.push(chunk);
    return out;
  }

  it("cuts at the last newline of each read and numbers the chunks by their first line", async () => {
    const chunks = await chunksOf(["a\nb\nc", "d\ne\n", "f"]);
    expect(chunks.map((c) => [c.first, c.count])).toEqual([
      [1, 2],
      [3, 2],
      [5, 1],
    ]);
    expect(chunks.map((c) => Buffer.from(c.bytes!).toString())).toEqual(["a\nb", "cd\ne", "f"]);
  });

  it("gives each chunk an ArrayBuffer of its own, so that it can be transferred to a worker", async () => {
    for (const chunk of await chunksOf(["x\ny", "z\n"])) {
      expect(chunk.bytes!.byteOffset).toBe(0);
      expect(chunk.bytes!.buffer.byteLength).toBe(chunk.bytes!.length);
    }
  });

  it("answers an overlong line as a chunk without bytes, in its place", async () => {
    const piece = "x".repeat(MAX_LINE_BYTES / 2);
    const chunks = await chunksOf(["a\n", piece, piece, piece, "\nb\n"]);
    expect(chunks.map((c) => [c.first, c.count, c.bytes === undefined])).toEqual([
      [1, 1, false],
      [2, 1, true],
      [3, 1, false],
    ]);
    expect(splitLines(chunks[1]!).lines).toEqual([OVERLONG]);
  });
});

describe("readLineBatches on any chunking (property)", () => {
  it("gives the lines of the whole text, numbered, however the bytes are cut", async () => {
    const line = fc.string({ unit: fc.constantFrom("a", "é", "€", "😀", "\r", " ", "{") });
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        async (lines, cuts) => {
          const bytes = Buffer.from(lines.join("\n"));
          const offsets = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort(
            (a, b) => a - b,
          );
          const chunks: Buffer[] = [];
          let start = 0;
          for (const at of [...offsets, bytes.length]) {
            if (at > start) chunks.push(bytes.subarray(start, at));
            start = at;
          }
          const expected = lines.map((text, i) => [i + 1, text.replace(/\r$/, "")]);
          // A text ending in a newline has no last line after it.
          if (bytes.length === 0 || bytes[bytes.length - 1] === 10) expected.pop();
          expect(await linesOf(chunks)).toEqual(expected);
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });
});
