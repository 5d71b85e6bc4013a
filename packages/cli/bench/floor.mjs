// The floor of `eval --input`, run as its own process like the CLI: read the same NDJSON file with
// the CLI's line reader, JSON.parse each line, serialize it again (JSON.stringify) and write the
// lines to stdout with backpressure. No evaluation: the CLI cannot beat this pipeline.
import { createReadStream } from "node:fs";
import { once } from "node:events";
import { readLineBatches } from "../dist/evaluation/read-lines.js";

const input = process.argv[2];
for await (const batch of readLineBatches(createReadStream(input, { highWaterMark: 1 << 20 }))) {
  let out = "";
  for (const line of batch.lines) {
    if (typeof line !== "string" || line === "") continue;
    out += `${JSON.stringify(JSON.parse(line))}\n`;
  }
  if (!process.stdout.write(out)) await once(process.stdout, "drain");
}
