// Reads a corpus record of policies/aws-managed/ (written by `policies:sync`): the policy's
// metadata and its current document. The document is the last member, so its text can be cut
// out of the file unchanged and diagnostics keep pointing at the right line.
import { inputError } from "../errors.js";
import { canonicalIso } from "./dates.js";
import { parseJsonText } from "./json-text.js";
import type { PolicySource } from "./policy-source.js";
import { offsetOf } from "./text-position.js";

export interface ManagedPolicyRecord {
  name: string;
  arn: string;
  versionId: string;
  description?: string;
  createdAt?: string;
  updatedAt?: string;
  versionCreatedAt?: string;
  document: unknown;
}

const stringFields = ["name", "arn", "versionId"] as const;
const optionalFields = ["description", "createdAt", "updatedAt", "versionCreatedAt"] as const;

/** The file text of a record, in the one layout `readManagedRecord` cuts documents out of. */
export function formatManagedRecord(record: ManagedPolicyRecord): string {
  const { document, ...meta } = record;
  const head = JSON.stringify(meta, null, 2).slice(0, -2);
  return `${head},\n  "document": ${JSON.stringify(document, null, 2).replaceAll("\n", "\n  ")}\n}\n`;
}

export function readManagedRecord(file: string, text: string, parsed?: unknown): PolicySource {
  const value = parsed ?? parseJsonText(file, text);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw inputError({ file, line: 1, column: 1, path: "$" }, "a policy record must be a JSON object");
  }
  const record = value as Record<string, unknown>;
  for (const key of stringFields) {
    if (typeof record[key] !== "string" || record[key] === "") {
      throw inputError({ file, line: 1, column: 1, path: `$.${key}` }, `missing or non-string "${key}"`);
    }
  }
  for (const key of optionalFields) {
    if (record[key] !== undefined && typeof record[key] !== "string") {
      throw inputError({ file, line: 1, column: 1, path: `$.${key}` }, `"${key}" must be a string`);
    }
  }
  const arn = record.arn as string;
  const name = record.name as string;
  if (!arn.endsWith(`/${name}`)) {
    throw inputError({ file, line: 1, column: 1, path: "$.name" }, `name "${name}" does not match ARN ${arn}`);
  }
  if (!/^v\d+$/.test(record.versionId as string)) {
    throw inputError({ file, line: 1, column: 1, path: "$.versionId" }, `version id must look like v1, v2, ...`);
  }
  const { documentText, documentOffset } = documentSlice(file, text, record.document);
  const date = (key: "createdAt" | "updatedAt" | "versionCreatedAt") =>
    typeof record[key] === "string" ? { [key]: canonicalIso(record[key] as string) } : {};
  return {
    file,
    kind: "record",
    name,
    arn,
    versionId: record.versionId as string,
    ...(typeof record.description === "string" ? { description: record.description } : {}),
    ...date("createdAt"),
    ...date("updatedAt"),
    ...date("versionCreatedAt"),
    documentText,
    documentOffset,
  };
}

function documentSlice(
  file: string,
  text: string,
  document: unknown,
): Pick<PolicySource, "documentText" | "documentOffset"> {
  if (document === undefined) {
    throw inputError({ file, line: 1, column: 1, path: "$.document" }, `missing "document"`);
  }
  const key = /^ {2}"document": /m.exec(text);
  if (key) {
    const start = key.index + key[0].length;
    const documentText = text.slice(start, text.trimEnd().length - 1).trimEnd();
    // Only trust the cut when it is exactly the parsed member (it is, for files sync wrote).
    if (JSON.stringify(safeParse(documentText)) === JSON.stringify(document)) {
      return { documentText, documentOffset: offsetOf(text, start) };
    }
  }
  // A hand-edited layout: validate a normalised copy; positions then point into that copy.
  return { documentText: JSON.stringify(document, null, 2), documentOffset: { line: 0, column: 0 } };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
