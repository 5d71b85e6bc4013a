// YAML documents (test files) with positions, like parseJsonDocument.
import { inputError } from "../errors.js";
import type { ParsedDocument } from "./json-text.js";
import { pathSegments } from "./json-text.js";

/** Parses YAML text (JSON included); errors name line and column. */
export async function parseYamlDocument(text: string, file: string): Promise<ParsedDocument> {
  // Loaded on demand: the YAML parser costs more start-up time than the rest of the CLI.
  const { LineCounter, isNode, parseDocument } = await import("yaml");
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = document.errors[0];
  if (first) {
    const { line, col } = lineCounter.linePos(first.pos[0]);
    throw inputError(`invalid YAML: ${first.message.split("\n")[0]}`, { file, line, column: col });
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw inputError(`invalid YAML: ${(error as Error).message}`, { file });
  }
  return {
    value,
    locate(path) {
      const segments = pathSegments(path);
      for (let length = segments.length; length >= 0; length--) {
        const node = document.getIn(segments.slice(0, length), true);
        if (isNode(node) && node.range) {
          const { line, col } = lineCounter.linePos(node.range[0]);
          return { line, column: col };
        }
      }
      return undefined;
    },
  };
}
