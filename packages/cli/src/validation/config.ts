// iamspec.config.json: `{ "suppressions": [{ "code": "...", "file"?: "glob", "path"?: "JSON path prefix" }],
// "sensitiveAccess": [{ "actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::payroll/*"] }] }`.
import { access } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { SensitiveAccessRule, Suppression } from "@iamspec/core";
import { inputError } from "../errors.js";
import { parseJsonDocument } from "../input/json-text.js";
import { readText } from "../input/read-text.js";
import { readSensitiveAccess } from "./sensitive-access-config.js";

export interface IamspecConfig {
  /** The config file read, if any. */
  file?: string;
  /** Suppression file globs are relative to this directory (the config file's, else the working directory). */
  directory: string;
  suppressions: Suppression[];
  /** SENSITIVE_ACCESS rules for core's validatePolicy (none: the check is off). */
  sensitiveAccess: SensitiveAccessRule[];
}

export const CONFIG_FILE_NAME = "iamspec.config.json";
const KNOWN_SETTINGS = ["suppressions", "sensitiveAccess", "$schema"];

/** Reads the config named by --config, else `iamspec.config.json` in the working directory if present. */
export async function loadConfig(
  explicit: string | undefined,
  cwd: string,
  stdin: NodeJS.ReadableStream,
): Promise<IamspecConfig> {
  let path = explicit;
  if (path === undefined) {
    const candidate = join(cwd, CONFIG_FILE_NAME);
    try {
      await access(candidate);
      path = candidate;
    } catch {
      return { directory: cwd, suppressions: [], sensitiveAccess: [] };
    }
  }
  const input = await readText(path, stdin);
  const text = input.text;
  // Found in the working directory: named as the user would write it, not by its absolute path.
  const name = explicit === undefined ? CONFIG_FILE_NAME : input.name;
  const document = parseJsonDocument(text, name);
  const fail = (message: string, jsonPath: string) =>
    inputError(message, { file: name, ...document.locate(jsonPath), path: jsonPath });
  const root = document.value as { suppressions?: unknown; sensitiveAccess?: unknown } | null;
  if (typeof root !== "object" || root === null || Array.isArray(root))
    throw fail("the config must be a JSON object", "$");
  for (const key of Object.keys(root)) {
    if (!KNOWN_SETTINGS.includes(key))
      throw fail(`unknown setting "${key}" (known: suppressions, sensitiveAccess)`, `$.${key}`);
  }
  const list = root.suppressions ?? [];
  if (!Array.isArray(list)) throw fail("suppressions must be a list", "$.suppressions");
  const suppressions = list.map((entry: unknown, i): Suppression => {
    const at = `$.suppressions[${i}]`;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry))
      throw fail("a suppression is an object with a code", at);
    // `reason` is documentation for the reader of the config: known, and not used.
    const {
      code,
      file,
      path: jsonPath,
      reason: _reason,
      ...rest
    } = entry as Record<string, unknown>;
    const unknown = Object.keys(rest)[0];
    if (unknown !== undefined)
      throw fail(
        `unknown field "${unknown}" (known: code, file, path, reason)`,
        `${at}.${unknown}`,
      );
    if (typeof code !== "string" || code === "")
      throw fail("code must be a diagnostic code such as MISSING_VERSION", `${at}.code`);
    if (file !== undefined && typeof file !== "string")
      throw fail("file must be a glob", `${at}.file`);
    if (jsonPath !== undefined && (typeof jsonPath !== "string" || !jsonPath.startsWith("$"))) {
      throw fail("path must be a JSON path prefix starting with $", `${at}.path`);
    }
    return {
      code,
      ...(file !== undefined && { file }),
      ...(jsonPath !== undefined && { path: jsonPath as string }),
    };
  });
  const sensitiveAccess = readSensitiveAccess(root.sensitiveAccess, fail);
  return {
    file: name,
    directory: path === "-" ? cwd : dirname(path),
    suppressions,
    sensitiveAccess,
  };
}
