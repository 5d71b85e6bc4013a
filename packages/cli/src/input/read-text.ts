// Reads a file or stdin as UTF-8 text with a size limit, so that a wrong argument (a 50 MB
// log, a binary) is refused at once with a clear message instead of being parsed for minutes.
import { readFile, stat } from "node:fs/promises";
import { inputError } from "../errors.js";

export interface TextInput {
  /** The name shown in messages: the path as given, or `<stdin>`. */
  name: string;
  text: string;
}

/** Policy documents are at most a few KB (docs/evaluation-rules.md §1.9); test files rarely exceed a few MB. */
export const DOCUMENT_LIMIT_BYTES = 10 * 1024 * 1024;

export async function readText(
  path: string,
  stdin: NodeJS.ReadableStream,
  limitBytes = DOCUMENT_LIMIT_BYTES,
): Promise<TextInput> {
  if (path === "-")
    return {
      name: "<stdin>",
      text: decode(await readStream(stdin, limitBytes, "<stdin>"), "<stdin>"),
    };
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw inputError("is a directory, expected a file", { file: path });
    size = info.size;
  } catch (error) {
    throw fileError(error, path);
  }
  if (size > limitBytes) throw tooLarge(path, size, limitBytes);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw fileError(error, path);
  }
  return { name: path, text: decode(bytes, path) };
}

export function fileError(error: unknown, path: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return inputError("no such file", { file: path });
  if (code === "EACCES" || code === "EPERM") return inputError("permission denied", { file: path });
  if (code === "EISDIR") return inputError("is a directory, expected a file", { file: path });
  if (error instanceof Error && "exitCode" in error) return error;
  return inputError(`cannot read: ${(error as Error).message}`, { file: path });
}

function tooLarge(name: string, size: number, limit: number): Error {
  return inputError(
    `too large (${megabytes(size)} MB; the limit for a document is ${megabytes(limit)} MB)`,
    {
      file: name,
    },
  );
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "");
}

async function readStream(
  stream: NodeJS.ReadableStream,
  limitBytes: number,
  name: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    total += buffer.length;
    if (total > limitBytes) throw tooLarge(name, total, limitBytes);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Text only: NUL bytes or invalid UTF-8 mean a binary file was given by mistake. */
function decode(bytes: Buffer, name: string): string {
  if (bytes.length === 0) throw inputError("is empty", { file: name });
  const nul = bytes.indexOf(0);
  if (nul !== -1)
    throw inputError(`is binary, not text (NUL byte at offset ${nul})`, { file: name });
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw inputError("is not valid UTF-8 text", { file: name });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") throw inputError("is empty", { file: name });
  return text;
}
