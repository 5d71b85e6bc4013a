// `iamspec validate FILE|DIR|POLICY…`: grammar errors and lint findings from core, with file:line:col.
import { relative } from "node:path";
import { applySuppressions, POLICY_TYPES, validatePolicy } from "@iamspec/core";
import type {
  Diagnostic,
  IamServiceData,
  PolicyType,
  Severity,
  ValidateOptions,
} from "@iamspec/core";
import { stringFlag } from "../args.js";
import type { CliCommand } from "../command.js";
import { formatArg } from "../command.js";
import { inputError, usageError } from "../errors.js";
import { loadServiceData } from "../input/bundled.js";
import { extractDocsPagePolicy, isDocsPagePath } from "../input/docs-page.js";
import { readText } from "../input/read-text.js";
import { writeLine } from "../io.js";
import type { Io } from "../io.js";
import type { Paint } from "../output/colour.js";
import { formatSarif } from "../output/sarif.js";
import type { FileDiagnostics } from "../output/sarif.js";
import { version } from "../version.js";
import { collectPolicyFiles } from "../validation/collect-files.js";
import { loadConfig } from "../validation/config.js";

const FAIL_ON = ["error", "security-warning", "warning", "suggestion", "none"] as const;
const RANK: Record<Severity, number> = { ERROR: 4, SECURITY_WARNING: 3, WARNING: 2, SUGGESTION: 1 };
const THRESHOLD: Record<(typeof FAIL_ON)[number], number> = {
  error: 4,
  "security-warning": 3,
  warning: 2,
  suggestion: 1,
  none: Infinity,
};

export const validateCommand: CliCommand = {
  definition: {
    meta: {
      name: "validate",
      description: "Check policies for errors, security warnings and lint findings",
    },
    args: {
      path: {
        type: "positional",
        description:
          "Policy files (.json, AWS docs page .md), directories, bundled policy names or ARNs, or -",
      },
      "policy-type": {
        type: "enum",
        options: [...POLICY_TYPES],
        default: "identity",
        description: "How the policies are used (checks differ per type)",
      },
      "fail-on": {
        type: "enum",
        options: [...FAIL_ON],
        default: "error",
        description: "Exit 1 on findings of this severity or above",
      },
      "resource-service": {
        type: "string",
        valueHint: "prefix",
        description:
          "Service of the resource the policy is attached to (s3, kms, sqs…), for --policy-type resource",
      },
      config: {
        type: "string",
        valueHint: "file",
        description:
          "Config with suppressions and sensitiveAccess rules (default ./iamspec.config.json)",
      },
      format: formatArg(["text", "json", "sarif"]),
    },
  },
  variadic: true,
  examples: [
    ["iamspec validate policies/", "every .json and .md policy under a directory"],
    ["iamspec validate trust.json --policy-type trust", "a role trust policy"],
    [
      "iamspec validate bucket-policy.json --policy-type resource --resource-service s3",
      "an S3 bucket policy",
    ],
    [
      "iamspec validate ReadOnlyAccess",
      "a bundled AWS managed policy by name or ARN (no customer managed size quota)",
    ],
    [
      "iamspec validate policies/ --format sarif --fail-on warning > iamspec.sarif",
      "for GitHub code scanning",
    ],
  ],
  notes: [
    "Severities, highest first: error, security-warning, warning, suggestion.",
    'Suppressions in iamspec.config.json: { "suppressions": [{ "code": "MISSING_VERSION", "file": "legacy/**", "path": "$.Statement[0]" }] }',
    'Sensitive resources (SENSITIVE_ACCESS): { "sensitiveAccess": [{ "actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::payroll/*"] }] }',
  ],
  async run(line, io) {
    if (line.positionals.filter((p) => p === "-").length > 1)
      throw usageError("stdin (-) can be read only once");
    const policyType = stringFlag(line, "policy-type") as PolicyType;
    const failOn = (stringFlag(line, "fail-on") ?? "error") as (typeof FAIL_ON)[number];
    const serviceData = await loadServiceData();
    const resourceService = readResourceService(
      stringFlag(line, "resource-service"),
      policyType,
      serviceData,
    );
    const config = await loadConfig(stringFlag(line, "config"), io.cwd, io.stdin);
    const files = await collectPolicyFiles(line.positionals);
    if (files.length === 0)
      throw inputError(`no .json or .md files found in ${line.positionals.join(", ")}`);

    const validateOptions: ValidateOptions = {
      policyType,
      ...(serviceData && { serviceData }),
      ...(resourceService && { resourceService }),
      ...(config.sensitiveAccess.length > 0 && { sensitiveAccess: config.sensitiveAccess }),
    };
    const results: FileDiagnostics[] = [];
    let suppressed = 0;
    for (const { path, discovered, bundled } of files) {
      if (bundled) {
        // Pretty-printed as `iamspec policies` and the playground show it, so lines are meaningful.
        const text = `${JSON.stringify(bundled.document, null, 2)}\n`;
        const diagnostics = validatePolicy(text, {
          ...validateOptions,
          // AWS managed policies have their own, larger size quota (not the 6,144 characters of
          // customer managed ones); a copy saved to a file is customer managed and is checked.
          awsManaged: true,
        });
        const kept = applySuppressions(diagnostics, config.suppressions, { file: bundled.label });
        suppressed += diagnostics.length - kept.length;
        results.push({ file: bundled.label, diagnostics: sortByPlace(kept) });
        continue;
      }
      const { text, name } = await readText(path, io.stdin);
      let policyText = text;
      if (isDocsPagePath(path)) {
        const page = extractDocsPagePolicy(text);
        if (!page) {
          if (discovered) continue;
          throw inputError("no fenced JSON policy block found in this documentation page", {
            file: name,
          });
        }
        // Padded so that diagnostics point at the page's own lines.
        policyText = "\n".repeat(page.lineOffset) + page.json;
      }
      const shown = path === "-" ? name : relative(io.cwd, path) || path;
      const diagnostics = validatePolicy(policyText, validateOptions);
      // Globs are relative to the config file's directory, as core's suppressions define them.
      const relativeToConfig =
        path === "-" ? name : relative(config.directory, path).replaceAll("\\", "/");
      const kept = applySuppressions(diagnostics, config.suppressions, { file: relativeToConfig });
      suppressed += diagnostics.length - kept.length;
      results.push({ file: shown, diagnostics: sortByPlace(kept) });
    }

    const format = stringFlag(line, "format");
    if (format === "json") {
      writeLine(io.stdout, JSON.stringify({ files: results, suppressed }, null, 2));
    } else if (format === "sarif") {
      writeLine(io.stdout, formatSarif(results, version()));
    } else {
      writeLine(io.stdout, formatText(results, suppressed, io));
    }
    const worst = Math.max(
      0,
      ...results.flatMap((r) => r.diagnostics.map((d) => RANK[d.severity])),
    );
    return worst >= THRESHOLD[failOn] ? 1 : 0;
  },
};

/** `--resource-service`: only for resource-based policies, a service prefix the IAM data knows. */
function readResourceService(
  value: string | undefined,
  policyType: PolicyType,
  serviceData: IamServiceData | undefined,
): string | undefined {
  if (value === undefined) return undefined;
  if (policyType !== "resource")
    throw usageError(
      "--resource-service needs --policy-type resource (it names the service of the resource the policy is attached to)",
    );
  const prefix = value.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]*$/.test(prefix))
    throw usageError(`--resource-service: "${value}" is not a service prefix (e.g. s3, kms, sqs)`);
  if (serviceData && !serviceData.service(prefix))
    throw usageError(
      `--resource-service: the service prefix "${prefix}" is unknown to the IAM data of ${serviceData.updatedAt}`,
    );
  return prefix;
}

function sortByPlace(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
  );
}

function severityLabel(severity: Severity, paint: Paint): string {
  const label = severity.toLowerCase().replace("_", "-");
  if (severity === "ERROR") return paint.red(label);
  if (severity === "SECURITY_WARNING") return paint.red(label);
  if (severity === "WARNING") return paint.yellow(label);
  return paint.cyan(label);
}

function formatText(results: readonly FileDiagnostics[], suppressed: number, io: Io): string {
  const { out } = io;
  const lines: string[] = [];
  const counts: Record<Severity, number> = {
    ERROR: 0,
    SECURITY_WARNING: 0,
    WARNING: 0,
    SUGGESTION: 0,
  };
  for (const { file, diagnostics } of results) {
    for (const d of diagnostics) {
      counts[d.severity]++;
      const where = `${file}${d.line !== undefined ? `:${d.line}${d.column !== undefined ? `:${d.column}` : ""}` : ""}`;
      lines.push(
        `${out.bold(where)}  ${severityLabel(d.severity, out)}  ${d.message}  ${out.dim(`${d.code} ${d.path}`)}`,
      );
      if (d.hint) lines.push(`    ${out.dim(d.hint)}`);
    }
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const clean = results.filter((r) => r.diagnostics.length === 0).length;
  const parts = (Object.entries(counts) as [Severity, number][])
    .filter(([, n]) => n > 0)
    .map(
      ([severity, n]) => `${n} ${severity.toLowerCase().replace("_", " ")}${n === 1 ? "" : "s"}`,
    );
  if (lines.length > 0) lines.push("");
  lines.push(
    `${results.length} file${results.length === 1 ? "" : "s"} checked, ${clean} clean` +
      (total > 0 ? `; ${parts.join(", ")}` : "") +
      (suppressed > 0 ? out.dim(` (${suppressed} suppressed)`) : ""),
  );
  return lines.join("\n");
}
