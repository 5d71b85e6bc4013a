// Diagnostics for the editor, from core: validatePolicy (grammar + lint checks) with the IAM
// service data once it has loaded. If core throws (a bug), fall back to parsePolicy's grammar
// diagnostics, then to the browser's JSON error, so typing never breaks the page.
import { parsePolicy, validatePolicy, type Diagnostic, type PolicyType } from "@iamspec/core";
import type { LintRequest } from "./lint-worker.js";
import { serviceDataNow } from "./service-data.js";
import { validateOptionsFor, type LintOptions } from "./validate-options.js";

/** Documents at least this long are validated in a worker (the biggest managed ones are ~200 KB). */
export const WORKER_THRESHOLD = 40_000;

let worker: Worker | undefined;
let workerBroken = false;
let nextId = 0;
const pending = new Map<number, (diagnostics: Diagnostic[] | undefined) => void>();

function lintWorker(): Worker | undefined {
  if (worker || workerBroken) return worker;
  try {
    worker = new Worker(new URL("./lint-worker.ts", import.meta.url), { type: "module" });
    worker.addEventListener(
      "message",
      (event: MessageEvent<{ id: number; diagnostics?: Diagnostic[] }>) => {
        pending.get(event.data.id)?.(event.data.diagnostics);
        pending.delete(event.data.id);
      },
    );
    worker.addEventListener("error", () => {
      // A worker that cannot start (old browser, blocked): lint on the main thread from now on.
      workerBroken = true;
      worker = undefined;
      for (const resolve of pending.values()) resolve(undefined);
      pending.clear();
    });
  } catch {
    workerBroken = true;
  }
  return worker;
}

/**
 * Diagnostics for a policy's text: on the main thread for ordinary policies, in a worker for
 * large ones (falling back to the main thread if the worker fails).
 */
export async function lintPolicyAsync(
  text: string,
  policyType: PolicyType,
  options: LintOptions = {},
): Promise<Diagnostic[]> {
  const target = text.length >= WORKER_THRESHOLD ? lintWorker() : undefined;
  if (!target) return lintPolicy(text, policyType, options);
  const id = ++nextId;
  const request: LintRequest = {
    id,
    text,
    policyType,
    withServiceData: serviceDataNow() !== undefined,
    awsManaged: options.awsManaged === true,
  };
  const answer = await new Promise<Diagnostic[] | undefined>((resolve) => {
    pending.set(id, resolve);
    target.postMessage(request);
  });
  return answer ?? lintPolicy(text, policyType, options);
}

export function lintPolicy(
  text: string,
  policyType: PolicyType,
  options: LintOptions = {},
): Diagnostic[] {
  try {
    return validatePolicy(text, validateOptionsFor(policyType, serviceDataNow(), options));
  } catch (validateError) {
    console.warn("iamspec: validatePolicy failed", validateError);
  }
  try {
    return parsePolicy(text).diagnostics;
  } catch (parseError) {
    console.warn("iamspec: parsePolicy failed", parseError);
  }
  try {
    JSON.parse(text);
    return [];
  } catch (error) {
    return [
      {
        code: "JSON_SYNTAX_ERROR",
        severity: "ERROR",
        message: (error as Error).message,
        path: "$",
        line: 1,
        column: 1,
      },
    ];
  }
}

/** `Line 3, column 5` style location for lists and messages. */
export function where(d: { line?: number | undefined; column?: number | undefined }): string {
  if (d.line === undefined) return "";
  return d.column !== undefined ? `Line ${d.line}, column ${d.column}` : `Line ${d.line}`;
}
