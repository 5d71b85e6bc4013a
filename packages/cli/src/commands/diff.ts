// `iamspec diff OLD NEW`: the access NEW grants that OLD did not, and the reverse.
import { diffAccess, formatCondition, formatScopeTarget, formatStatementRef } from "@iamspec/core";
import type { AccessChange, AccessDiff } from "@iamspec/core";
import { booleanFlag, stringFlag } from "../args.js";
import type { CliCommand } from "../command.js";
import { usageError } from "../errors.js";
import { formatArg } from "../command.js";
import { loadServiceData } from "../input/bundled.js";
import { loadPolicyArgument } from "../input/policy-source.js";
import type { LoadedPolicy } from "../input/policy-source.js";
import { writeLine } from "../io.js";
import type { Io } from "../io.js";

export const diffCommand: CliCommand = {
  definition: {
    meta: {
      name: "diff",
      description: "Show the access one policy version grants that another does not",
    },
    args: {
      old: {
        type: "positional",
        description: "The old policy: file, bundled name or ARN, Name@vN, or -",
      },
      new: { type: "positional", description: "The new policy" },
      expand: {
        type: "boolean",
        default: true,
        description: "Compare actions expanded with the IAM service data",
        negativeDescription: "Compare Action patterns as written",
      },
      "exit-code": {
        type: "boolean",
        description: "Exit 1 when the versions differ (as git diff --exit-code)",
      },
      format: formatArg(["text", "json", "markdown"]),
    },
  },
  examples: [
    [
      "iamspec diff EC2ImageBuilderExecutionPolicy@v1 EC2ImageBuilderExecutionPolicy@v2",
      "what v2 of a bundled policy changed",
    ],
    ["iamspec diff main-policy.json policy.json --format markdown", "a pull-request comment"],
    ["iamspec diff old.json new.json --exit-code", "fail CI when access changed"],
  ],
  notes: [
    "Grants are compared by action, resource pattern, principal and condition as written: a grant",
    "whose condition changed shows as removed and added.",
  ],
  async run(line, io) {
    const [oldSpec, newSpec] = line.positionals as [string, string];
    if (oldSpec === "-" && newSpec === "-") throw usageError("stdin (-) can be read only once");
    const oldPolicy = await loadPolicyArgument(oldSpec, { stdin: io.stdin });
    const newPolicy = await loadPolicyArgument(newSpec, { stdin: io.stdin });
    const serviceData = line.flags.expand === false ? undefined : await loadServiceData();
    const diff = diffAccess(oldPolicy.policy, newPolicy.policy, serviceData ? { serviceData } : {});
    const format = stringFlag(line, "format");
    const names = { old: label(oldPolicy), new: label(newPolicy) };
    if (format === "json") writeLine(io.stdout, JSON.stringify({ ...names, ...diff }, null, 2));
    else if (format === "markdown") writeLine(io.stdout, formatMarkdown(names, diff));
    else writeLine(io.stdout, formatText(names, diff, io));
    const differs = diff.added.length > 0 || diff.removed.length > 0;
    return differs && booleanFlag(line, "exit-code") ? 1 : 0;
  },
};

function label(policy: LoadedPolicy): string {
  return policy.bundled && !policy.name.includes("@")
    ? `${policy.name}@${policy.version}`
    : policy.name;
}

function summary(diff: AccessDiff): string {
  const newActions = diff.changedActions.filter((c) => c.change === "added").length;
  const goneActions = diff.changedActions.filter((c) => c.change === "removed").length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return (
    `${plural(diff.added.length, "grant")} added (${plural(newActions, "new action")}), ` +
    `${plural(diff.removed.length, "grant")} removed (${plural(goneActions, "action")} gone)`
  );
}

function formatText(names: { old: string; new: string }, diff: AccessDiff, io: Io): string {
  const { out } = io;
  const lines = [out.bold(`${names.old} -> ${names.new}`), ""];
  if (diff.added.length === 0 && diff.removed.length === 0) {
    lines.push("no change in access");
    return lines.join("\n");
  }
  const describe = (sign: string, change: AccessChange, colour: (text: string) => string) => {
    const whole = change.wholeAction
      ? out.dim(sign === "+" ? " (new action)" : " (action gone)")
      : "";
    const effect = change.effect === "Deny" ? ` ${out.red("Deny")}` : "";
    lines.push(colour(`${sign} ${change.action}`) + effect + whole);
    for (const target of formatScopeTarget(change)) lines.push(`    on ${target}`);
    for (const condition of change.conditions) lines.push(`    when ${formatCondition(condition)}`);
    lines.push(out.dim(`    ${formatStatementRef(change.statementIndex, change.sid)}`));
  };
  for (const change of diff.added) describe("+", change, out.green);
  for (const change of diff.removed) describe("-", change, out.red);
  lines.push("", summary(diff));
  return lines.join("\n");
}

function formatMarkdown(names: { old: string; new: string }, diff: AccessDiff): string {
  const code = (text: string) => `\`${text.replaceAll("`", "'").replaceAll("|", "\\|")}\``;
  const lines = [`### IAM access: ${code(names.old)} → ${code(names.new)}`, ""];
  if (diff.added.length === 0 && diff.removed.length === 0) {
    lines.push("No change in access.");
    return lines.join("\n");
  }
  const table = (title: string, changes: AccessChange[], whole: string) => {
    if (changes.length === 0) return;
    lines.push(
      `**${title}**`,
      "",
      "| Action | Effect | Resource | Condition | Statement |",
      "|---|---|---|---|---|",
    );
    for (const change of changes) {
      const action = code(change.action) + (change.wholeAction ? ` (${whole})` : "");
      const target = formatScopeTarget(change).map(code).join("<br>");
      const conditions =
        change.conditions.length > 0
          ? change.conditions.map((c) => code(formatCondition(c))).join("<br>")
          : "—";
      lines.push(
        `| ${action} | ${change.effect} | ${target} | ${conditions} | ${code(formatStatementRef(change.statementIndex, change.sid))} |`,
      );
    }
    lines.push("");
  };
  table("Added — the new version grants this, the old did not", diff.added, "new action");
  table("Removed — the old version granted this, the new does not", diff.removed, "action gone");
  lines.push(`_${summary(diff)}_`);
  return lines.join("\n");
}
