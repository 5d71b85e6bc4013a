// `iamspec list POLICY`: what a policy grants — each action (wildcards expanded with the IAM
// service data) with its resources and conditions.
import { formatCondition, formatScopeTarget, formatStatementRef, listAccess } from "@iamspec/core";
import type { PolicyAccess } from "@iamspec/core";
import { stringFlag } from "../args.js";
import type { CliCommand } from "../command.js";
import { formatArg } from "../command.js";
import { loadServiceData } from "../input/bundled.js";
import { loadPolicyArgument } from "../input/policy-source.js";
import { writeLine } from "../io.js";
import type { Io } from "../io.js";
import { renderTable } from "../output/table.js";

export const listCommand: CliCommand = {
  definition: {
    meta: { name: "list", description: "Show what a policy grants, action by action" },
    args: {
      policy: { type: "positional", description: "File, bundled name or ARN, Name@vN, or -" },
      expand: {
        type: "boolean",
        default: true,
        description: "Expand wildcards and NotAction with the IAM service data",
        negativeDescription: "List Action patterns as written",
      },
      format: formatArg(["text", "json"]),
    },
  },
  examples: [
    ["iamspec list EC2ImageBuilderExecutionPolicy", "every action the bundled policy grants"],
    ["iamspec list ./policy.json --format json", "as JSON, for scripts"],
    ["iamspec list ReadOnlyAccess --no-expand", "patterns as written (ec2:Describe*)"],
  ],
  async run(line, io) {
    const loaded = await loadPolicyArgument(line.positionals[0]!, { stdin: io.stdin });
    const serviceData = line.flags.expand === false ? undefined : await loadServiceData();
    if (line.flags.expand !== false && !serviceData) {
      writeLine(
        io.stderr,
        io.err.yellow("iamspec: the IAM service data is not available; wildcards are not expanded"),
      );
    }
    const access = listAccess(loaded.policy, serviceData ? { serviceData } : {});
    if (stringFlag(line, "format") === "json") {
      writeLine(
        io.stdout,
        JSON.stringify({ policy: loaded.name, source: loaded.source, ...access }, null, 2),
      );
      return 0;
    }
    writeLine(io.stdout, formatAccessText(loaded.name, access, io));
    return 0;
  },
};

function formatAccessText(name: string, access: PolicyAccess, io: Io): string {
  const { out } = io;
  const rows: string[][] = [];
  for (const entry of access.actions) {
    entry.scopes.forEach((scope, i) => {
      const action = i === 0 ? actionLabel(entry.action, entry.status, io) : "";
      const effect = entry.effect === "Allow" ? out.green("Allow") : out.red("Deny");
      const via = scope.via ? out.dim(` (via ${scope.via})`) : "";
      rows.push([
        action,
        i === 0 ? (entry.accessLevel ?? "") : "",
        effect,
        formatScopeTarget(scope).join("\n"),
        scope.conditions.length > 0
          ? scope.conditions.map(formatCondition).join("\n")
          : out.dim("—"),
        formatStatementRef(scope.statementIndex, scope.sid) + via,
      ]);
    });
  }
  const allowed = access.actions.filter((a) => a.effect === "Allow").length;
  const denied = access.actions.length - allowed;
  const lines = [
    renderTable(["ACTION", "ACCESS", "EFFECT", "RESOURCE", "CONDITION", "STATEMENT"], rows),
    "",
    out.dim(
      `${name}: ${allowed} action${allowed === 1 ? "" : "s"} allowed` +
        (denied > 0 ? `, ${denied} denied` : "") +
        (access.serviceDataDate ? ` (IAM data of ${access.serviceDataDate})` : ""),
    ),
  ];
  if (access.unmatchedPatterns.length > 0) {
    lines.push(out.yellow(`not in the IAM data: ${access.unmatchedPatterns.join(", ")}`));
  }
  return lines.join("\n");
}

function actionLabel(action: string, status: string, io: Io): string {
  if (status === "unknown") return `${action} ${io.out.yellow("(unknown)")}`;
  return action;
}
