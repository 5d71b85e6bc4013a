// A policy argument is a file (`.json`, or an AWS documentation page `.md`), a bundled policy
// name or ARN, `Name@vN`, or `-` for stdin. Every form ends as a parsed policy with a name.
import { stat } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { parsePolicy } from "@iamspec/core";
import type { Diagnostic, Policy, PolicyType } from "@iamspec/core";
import { inputError } from "../errors.js";
import { findBundledArgument, notFoundError } from "./bundled.js";
import { extractDocsPagePolicy, isDocsPagePath } from "./docs-page.js";
import { readText } from "./read-text.js";

export interface LoadedPolicy {
  /** Bundled name (with `@vN` when not the default), or the file path. */
  name: string;
  /** File path, `<stdin>`, or the bundled ARN. */
  source: string;
  policy: Policy;
  /** Non-fatal diagnostics of the parse (warnings). */
  diagnostics: Diagnostic[];
  bundled: boolean;
  version?: string;
}

export interface PolicySourceOptions {
  stdin: NodeJS.ReadableStream;
  /** Directory relative paths are resolved from (a test file's directory). */
  baseDirectory?: string;
  /** The kind of policy, when known: parsed with its grammar (a trust policy has no Resource). */
  policyType?: PolicyType;
}

export async function loadPolicyArgument(
  spec: string,
  options: PolicySourceOptions,
): Promise<LoadedPolicy> {
  if (spec === "") throw inputError("empty policy argument");
  const path =
    options.baseDirectory && spec !== "-" && !isAbsolute(spec)
      ? join(options.baseDirectory, spec)
      : spec;
  if (spec === "-" || (await isFile(path)) || looksLikePath(spec))
    return loadPolicyFile(path, options.stdin, options.policyType);

  const bundled = await findBundledArgument(spec);
  if (!bundled) throw await notFoundError(spec, "a file");
  const name = bundled.label;
  const parsed = parsePolicy(bundled.document, {
    name,
    source: bundled.arn,
    ...(options.policyType && { policyType: options.policyType }),
  });
  if (!parsed.ok) throw diagnosticError(parsed.diagnostics, name);
  return {
    name,
    source: bundled.arn,
    policy: parsed.policy,
    diagnostics: parsed.diagnostics,
    bundled: true,
    version: bundled.version,
  };
}

/** Reads and parses a policy file; docs pages keep their own line numbers. */
export async function loadPolicyFile(
  path: string,
  stdin: NodeJS.ReadableStream,
  policyType?: PolicyType,
): Promise<LoadedPolicy> {
  const input = await readText(path, stdin);
  const { text, name } = policyTextOf(input.text, input.name);
  const parsed = parsePolicy(text, { name, source: input.name, ...(policyType && { policyType }) });
  if (!parsed.ok) throw diagnosticError(parsed.diagnostics, input.name);
  return {
    name,
    source: input.name,
    policy: parsed.policy,
    diagnostics: parsed.diagnostics,
    bundled: false,
  };
}

/** The JSON text of a policy file; for a docs page, padded so that line numbers match the page. */
export function policyTextOf(text: string, file: string): { text: string; name: string } {
  if (!isDocsPagePath(file)) return { text, name: file };
  const page = extractDocsPagePolicy(text);
  if (!page)
    throw inputError("no fenced JSON policy block found in this documentation page", { file });
  return { text: "\n".repeat(page.lineOffset) + page.json, name: page.name ?? file };
}

export function diagnosticError(diagnostics: readonly Diagnostic[], file: string): Error {
  const first = diagnostics.find((d) => d.severity === "ERROR") ?? diagnostics[0];
  if (!first) return inputError("is not a valid policy", { file });
  return inputError(`${first.message} [${first.code}]`, {
    file,
    ...(first.line !== undefined && { line: first.line }),
    ...(first.column !== undefined && { column: first.column }),
    path: first.path,
  });
}

function looksLikePath(spec: string): boolean {
  return (
    /\.(json|md|markdown)$/i.test(spec) ||
    spec.startsWith("./") ||
    spec.startsWith("../") ||
    isAbsolute(spec)
  );
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
