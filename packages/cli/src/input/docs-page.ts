// AWS publishes each managed policy as a documentation page (the seed in policies/ is one):
// the JSON document sits in the first fenced block. Line numbers of diagnostics are shifted
// back to the page so that `page.md:57:9` points into the page.

export interface DocsPagePolicy {
  /** The JSON text of the fenced block. */
  json: string;
  /** Lines before the block's first line (add to a line number within `json`). */
  lineOffset: number;
  name?: string;
  arn?: string;
  version?: string;
}

export function isDocsPagePath(path: string): boolean {
  return /\.(md|markdown)$/i.test(path);
}

export function extractDocsPagePolicy(markdown: string): DocsPagePolicy | undefined {
  const lines = markdown.split(/\r?\n/);
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    const fence = /^\s*(```|~~~)/.exec(lines[i]!);
    if (!fence) continue;
    if (start === -1) {
      start = i;
      continue;
    }
    const body = lines.slice(start + 1, i).join("\n");
    if (body.trimStart().startsWith("{")) {
      return { json: body, lineOffset: start + 1, ...metadata(markdown) };
    }
    start = -1;
  }
  return undefined;
}

function metadata(markdown: string): { name?: string; arn?: string; version?: string } {
  const name = /^#\s+(\S+)\s*$/m.exec(markdown)?.[1];
  const arn = /\*\*ARN\*\*:\s*`([^`]+)`/.exec(markdown)?.[1];
  const version = /\*\*Policy version:\*\*\s*(v\d+)/.exec(markdown)?.[1];
  return {
    ...(name !== undefined && { name }),
    ...(arn !== undefined && { arn }),
    ...(version !== undefined && { version }),
  };
}
