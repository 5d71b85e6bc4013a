// The account view's question as core asks it: who can do an action on a resource (whoCan), or
// who can assume a role (whoCanAssume), with the context rows of the form. The answer lists the
// principals; one principal's explanation is computed only when the user opens it.
import {
  isParsedPolicy,
  whoCan,
  whoCanAssume,
  type Account,
  type ContextValue,
  type EvaluationResult,
  type Policy,
  type WhoCanEntry,
  type WhoCanResult,
} from "@iamspec/core";
import { parseContextValue } from "./context-value.js";
import type { ContextRow } from "./state.js";

export type AccountQuestion =
  | { kind: "action"; action: string; resource: string; context: readonly ContextRow[] }
  | { kind: "assume"; role: string; context: readonly ContextRow[] };

export type AccountAnswer =
  | { ok: true; result: WhoCanResult }
  /** `pending`: the question is not complete yet (no action, no role); not an error. */
  | { ok: false; message: string; pending?: true };

export interface AskOptions {
  /** Also list the denied principals, each with the reason. */
  includeDenied: boolean;
}

export function askAccount(
  account: Account,
  question: AccountQuestion,
  options: AskOptions,
): AccountAnswer {
  if (question.kind === "action" && question.action.trim() === "")
    return { ok: false, pending: true, message: "Enter an action to ask who can do it." };
  if (question.kind === "assume" && question.role.trim() === "")
    return { ok: false, pending: true, message: "Pick a role to ask who can assume it." };
  try {
    return { ok: true, result: run(account, question, { ...options, explain: false }) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

/**
 * One principal's answer with core's explanation, or undefined if the answer does not list it. A
 * user or role is asked alone (an account of that principal, its roles kept for trust policies); the
 * root user and principals outside the account come from the whole question.
 */
export function explainPrincipal(
  account: Account,
  question: AccountQuestion,
  principalArn: string,
): EvaluationResult | undefined {
  const principal = account.principals.find((p) => p.arn === principalArn);
  const asked: Account = principal ? { ...account, principals: [principal] } : account;
  return run(asked, question, { includeDenied: true, explain: true }).principals.find(
    (entry) => entry.principal === principalArn,
  );
}

function run(
  account: Account,
  question: AccountQuestion,
  options: AskOptions & { explain: boolean },
): WhoCanResult {
  const context = contextOf(question.context);
  const withContext = context !== undefined ? { context } : {};
  if (question.kind === "assume")
    return whoCanAssume(account, question.role.trim(), { ...options, ...withContext });
  const resource = question.resource.trim();
  return whoCan(
    account,
    { action: question.action.trim(), ...(resource !== "" && { resource }), ...withContext },
    options,
  );
}

function contextOf(rows: readonly ContextRow[]): Record<string, ContextValue> | undefined {
  const given = rows.filter((row) => row.key.trim() !== "");
  if (given.length === 0) return undefined;
  return Object.fromEntries(given.map((row) => [row.key.trim(), parseContextValue(row.value)]));
}

export type EntryStatus = "allowed" | "uncertain" | "denied";

/** Allowed; denied but allowed under the other reading of an undocumented case; or denied. */
export function entryStatus(entry: WhoCanEntry): EntryStatus {
  if (entry.decision === "Allowed") return "allowed";
  return entry.otherDecision === "Allowed" ? "uncertain" : "denied";
}

/** `2 of 6 principals allowed, 1 more under an uncertain reading` (the CLI's words). */
export function countLine(result: WhoCanResult): string {
  const allowed = result.principals.filter((p) => entryStatus(p) === "allowed").length;
  const maybe = result.principals.filter((p) => entryStatus(p) === "uncertain").length;
  return `${allowed} of ${result.evaluated} principals allowed${maybe > 0 ? `, ${maybe} more under an uncertain reading` : ""}`;
}

/** Every distinct parsed policy of the account (identity, boundary, trust), for suggestions. */
export function accountPolicies(account: Account): Policy[] {
  const seen = new Set<Policy>();
  for (const principal of account.principals) {
    const entries = [
      ...(principal.policies.identity ?? []),
      ...(principal.policies.boundary ?? []),
      ...(principal.trust ? [principal.trust] : []),
    ];
    for (const entry of entries) {
      const document = typeof entry === "object" && "document" in entry ? entry.document : entry;
      if (isParsedPolicy(document)) seen.add(document);
    }
  }
  return [...seen];
}

/** The actions the account's policies name (no wildcards), sorted: the first suggestions. */
export function actionsNamed(policies: readonly Policy[]): string[] {
  const actions = new Set<string>();
  for (const policy of policies)
    for (const statement of policy.statements)
      for (const pattern of statement.action?.patterns ?? [])
        if (!pattern.includes("*") && !pattern.includes("?")) actions.add(pattern);
  return [...actions].sort((a, b) => a.localeCompare(b));
}
