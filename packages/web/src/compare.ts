// The Compare view's logic, without DOM: `iamspec check no-new-access` between two policy texts,
// and where to highlight in each editor: in NEW the statements that grant new access, in OLD the
// statements a finding names (a grant under other conditions, a dropped Deny).
import { checkNoNewAccess, formatNoNewAccess, parsePolicy } from "@iamspec/core";
import type { IamServiceData, NoNewAccessResult, Policy } from "@iamspec/core";
import { offsetOf, valueRangeAt } from "./text-positions.js";

export interface CompareRange {
  from: number;
  to: number;
}

export type Comparison =
  | {
      ok: true;
      result: NoNewAccessResult;
      /** What `iamspec check no-new-access` prints. */
      text: string;
      newRanges: CompareRange[];
      oldRanges: CompareRange[];
    }
  | { ok: false; error: string };

function parse(text: string, label: string): Policy | string {
  try {
    const parsed = parsePolicy(text, { name: label });
    if (parsed.ok) return parsed.policy;
    return `${label}: ${parsed.diagnostics[0]?.message ?? "not a policy"}`;
  } catch (error) {
    return `${label}: ${(error as Error).message}`;
  }
}

function statementRange(text: string, policy: Policy, index: number): CompareRange | undefined {
  const loc = policy.statements[index]?.loc;
  if (loc?.line === undefined) return undefined;
  return valueRangeAt(text, offsetOf(text, loc.line, loc.column ?? 1));
}

function unique(ranges: (CompareRange | undefined)[]): CompareRange[] {
  const seen = new Map<string, CompareRange>();
  for (const range of ranges) if (range) seen.set(`${range.from}:${range.to}`, range);
  return [...seen.values()].sort((a, b) => a.from - b.from);
}

export function comparePolicies(
  oldText: string,
  newText: string,
  serviceData: IamServiceData,
  names: { old: string; new: string } = { old: "old", new: "new" },
): Comparison {
  const oldPolicy = parse(oldText, names.old);
  if (typeof oldPolicy === "string") return { ok: false, error: oldPolicy };
  const newPolicy = parse(newText, names.new);
  if (typeof newPolicy === "string") return { ok: false, error: newPolicy };
  const result = checkNoNewAccess(oldPolicy, newPolicy, { serviceData });
  return {
    ok: true,
    result,
    text: formatNoNewAccess(names, result),
    newRanges: unique(
      result.newAccess.map((a) => statementRange(newText, newPolicy, a.statement.statementIndex)),
    ),
    oldRanges: unique(
      result.newAccess.flatMap((a) =>
        a.oldStatements.map((s) => statementRange(oldText, oldPolicy, s.statementIndex)),
      ),
    ),
  };
}
