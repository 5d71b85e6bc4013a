// The account files: pages of `aws iam get-account-authorization-details` the user picked or
// dropped, read into core's Account (loadAccount reads both the CLI's output and the raw API's
// URL-encoded documents, and merges pages). Everything happens in the page: no file is uploaded.
// A problem names its file, line, column and JSON path, as the CLI's `who-can` does.
import {
  AccountError,
  MAX_JSON_LENGTH,
  loadAccount,
  locateJsonPath,
  parseJson,
  type Account,
  type AccountPage,
  type ManagedPolicyLoader,
} from "@iamspec/core";

export interface AccountFile {
  name: string;
  text: string;
}

export interface AccountProblem {
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** The JSON path in the file (`$.RoleDetailList[1].AttachedManagedPolicies[0].PolicyArn`). */
  path?: string;
}

export type AccountLoad = { ok: true; account: Account } | { ok: false; problem: AccountProblem };

/** The files with `added` merged in: a file of the same name replaces the earlier one. */
export function addFiles(
  current: readonly AccountFile[],
  added: readonly AccountFile[],
): AccountFile[] {
  const names = new Set(added.map((f) => f.name));
  return [...current.filter((f) => !names.has(f.name)), ...added];
}

/** Reads every file as one page and loads the account; a problem is returned, never thrown. */
export async function loadAccountFiles(
  files: readonly AccountFile[],
  awsManagedPolicies?: ManagedPolicyLoader,
): Promise<AccountLoad> {
  const pages: AccountPage[] = [];
  for (const file of files) {
    try {
      pages.push({ name: file.name, data: JSON.parse(textOf(file)) as unknown });
    } catch (error) {
      return { ok: false, problem: syntaxProblem(file, error as Error) };
    }
  }
  try {
    const account = await loadAccount(pages, awsManagedPolicies ? { awsManagedPolicies } : {});
    return { ok: true, account };
  } catch (error) {
    if (!(error instanceof AccountError))
      return { ok: false, problem: { message: (error as Error).message } };
    const file = files.find((f) => f.name === error.source);
    return {
      ok: false,
      problem: {
        message: error.bareMessage,
        ...(file && { file: file.name, ...locate(file, error.path) }),
        path: error.path,
      },
    };
  }
}

/** Where a problem is, in the CLI's words: `file:line:column (at $.path)`. */
export function problemPlace(problem: AccountProblem): string {
  let where = problem.file ?? "";
  if (problem.line !== undefined) {
    where += `${where ? ":" : "line "}${problem.line}`;
    if (problem.column !== undefined) where += `:${problem.column}`;
  }
  const path = problem.path !== undefined && problem.path !== "$" ? `at ${problem.path}` : "";
  return [where, path].filter(Boolean).join(" ");
}

/** One line about the loaded account: its id, how many users and roles, from which files. */
export function describeAccount(account: Account, files: readonly AccountFile[]): string {
  const count = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
  const users = account.principals.filter((p) => p.kind === "user").length;
  const roles = account.principals.length - users;
  const id = account.accountId !== undefined ? `Account ${account.accountId}` : "The account";
  return `${id}: ${count(users, "user")} and ${count(roles, "role")}, from ${count(files.length, "file")}.`;
}

/** A byte order mark (files saved by some Windows tools) is not JSON. */
function textOf(file: AccountFile): string {
  return file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text;
}

/** Core's JSON parser gives the line and column that JSON.parse does not. */
function syntaxProblem(file: AccountFile, error: Error): AccountProblem {
  const text = textOf(file);
  const parsed = text.length <= MAX_JSON_LENGTH ? parseJson(text) : undefined;
  if (parsed && !parsed.ok) {
    const { message, line, column } = parsed.error;
    return { message: `invalid JSON: ${lowerFirst(message)}`, file: file.name, line, column };
  }
  return { message: `invalid JSON: ${lowerFirst(error.message)}`, file: file.name };
}

function locate(file: AccountFile, path: string): { line?: number; column?: number } {
  const text = textOf(file);
  if (text.length > MAX_JSON_LENGTH) return {};
  const parsed = parseJson(text);
  return parsed.ok ? (locateJsonPath(parsed.root, path) ?? {}) : {};
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
