// Lists and reads every policy file under policies/: documentation pages (.md), corpus records
// and raw policy documents (.json). README files are documentation, not policies.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { readMarkdownPage } from "./markdown-page.js";
import { readManagedRecord } from "./managed-record.js";
import { parseJsonText } from "./json-text.js";
import type { PolicySource } from "./policy-source.js";

export interface InputFile {
  /** Path relative to the repository root, forward slashes. */
  file: string;
  text: string;
}

export function listInputFiles(repoRoot: string, policiesDir: string): InputFile[] {
  const files: InputFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(md|json)$/.test(entry.name) && !/^readme\.md$/i.test(entry.name)) {
        files.push({ file: relative(repoRoot, full).split(sep).join("/"), text: readFileSync(full, "utf8") });
      }
    }
  };
  walk(policiesDir);
  // Byte order, not locale order: the same on every machine.
  return files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

export function readPolicySource({ file, text }: InputFile): PolicySource {
  if (file.endsWith(".md")) return readMarkdownPage(file, text);
  // A corpus record has "arn" and "document" members; anything else is a raw policy document.
  if (/"arn"\s*:/.test(text) && /"document"\s*:/.test(text)) {
    const value = parseJsonText(file, text);
    if (isRecord(value)) return readManagedRecord(file, text, value);
  }
  const name = file.slice(file.lastIndexOf("/") + 1).replace(/\.json$/, "");
  return {
    file,
    kind: "document",
    name,
    arn: "",
    versionId: "v1",
    documentText: text,
    documentOffset: { line: 0, column: 0 },
  };
}

function isRecord(value: unknown): boolean {
  return typeof value === "object" && value !== null && "arn" in value && "document" in value;
}
