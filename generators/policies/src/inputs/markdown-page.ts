// Reads an AWS managed policy documentation page (the format of
// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/<Name>.html, as Markdown):
// name, description, ARN, times and version from the page, the document from its fenced block.
import { inputError } from "../errors.js";
import type { PolicySource } from "./policy-source.js";
import { isoFromAwsPageDate } from "./dates.js";

const fieldPatterns = {
  title: /^# (\S+)\s*$/m,
  description: /^\*\*Description\*\*:?\s*(.+?)\s*$/m,
  createdAt: /^\+ \*\*Creation time:?\*\*:?\s*(.+?)\s*$/m,
  updatedAt: /^\+ \*\*Edited time:?\*\*:?\s*(.+?)\s*$/m,
  arn: /^\+ \*\*ARN\*\*:?\s*`([^`]+)`\s*$/m,
  version: /^\*\*Policy version:?\*\*:?\s*(v\d+)\b/m,
} as const;

export function readMarkdownPage(file: string, text: string): PolicySource {
  const field = (key: keyof typeof fieldPatterns, required: boolean): string | undefined => {
    const match = fieldPatterns[key].exec(text);
    if (!match && required) {
      throw inputError({ file, line: 1, column: 1 }, `documentation page has no ${key} line`);
    }
    return match?.[1];
  };
  const arn = field("arn", true)!;
  const name = arn.slice(arn.lastIndexOf("/") + 1);
  const title = field("title", false);
  if (title !== undefined && title !== name) {
    throw inputError(
      { file, ...lineOf(text, fieldPatterns.title) },
      `page title "${title}" does not match the ARN's policy name "${name}"`,
    );
  }
  const dateField = (key: "createdAt" | "updatedAt"): string | undefined => {
    const raw = field(key, false);
    if (raw === undefined) return undefined;
    const iso = isoFromAwsPageDate(raw);
    if (!iso) throw inputError({ file, ...lineOf(text, fieldPatterns[key]) }, `unreadable date "${raw}"`);
    return iso;
  };

  const block = fencedJsonBlock(text);
  if (!block) {
    throw inputError({ file, line: 1, column: 1 }, "documentation page has no fenced JSON policy document");
  }
  const description = field("description", false);
  const createdAt = dateField("createdAt");
  const updatedAt = dateField("updatedAt");
  return {
    file,
    kind: "page",
    name,
    arn,
    versionId: field("version", false) ?? "v1",
    ...(description !== undefined ? { description } : {}),
    ...(createdAt !== undefined ? { createdAt } : {}),
    ...(updatedAt !== undefined ? { updatedAt } : {}),
    documentText: block.text,
    documentOffset: { line: block.line, column: 0 },
  };
}

/** The first fenced block after the "JSON policy document" heading (or the first one at all). */
function fencedJsonBlock(text: string): { text: string; line: number } | undefined {
  const heading = text.search(/^## JSON policy document\s*$/m);
  const fence = /^```[a-z]*\s*\n([\s\S]*?)^```\s*$/m;
  const from = heading === -1 ? 0 : heading;
  const match = fence.exec(text.slice(from));
  if (!match) return undefined;
  const start = from + match.index + match[0].indexOf("\n") + 1;
  const line = text.slice(0, start).split("\n").length - 1;
  return { text: match[1]!, line };
}

function lineOf(text: string, pattern: RegExp): { line: number; column: number } {
  const index = text.search(pattern);
  return { line: index === -1 ? 1 : text.slice(0, index).split("\n").length, column: 1 };
}
