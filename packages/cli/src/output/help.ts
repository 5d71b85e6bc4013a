// --help text from citty's argument definitions: options left-aligned in one column, defaults
// and choices shown, then examples, notes and the exit codes.
import type { ArgDef, ArgsDef } from "citty";
import type { Paint } from "./colour.js";

export interface HelpSpec {
  name: string;
  description: string;
  args: ArgsDef;
  variadic?: boolean;
  examples: readonly (readonly [string, string])[];
  notes?: readonly string[];
}

export const EXIT_CODES = [
  "  0  success",
  "  1  findings at or above --fail-on, failed tests, a decision other than --expect,",
  "     NDJSON lines that could not be evaluated, or a difference with diff --exit-code",
  "  2  bad usage, or an input that cannot be read or parsed",
];

export function renderCommandHelp(spec: HelpSpec, paint: Paint): string {
  const entries = Object.entries(spec.args);
  const positionals = entries.filter(([, def]) => def.type === "positional");
  const options = entries.filter(([, def]) => def.type !== "positional");
  const usage = [
    `iamspec ${spec.name}`,
    ...positionals.map(([name, def], i) => {
      const label = name.toUpperCase() + (spec.variadic && i === positionals.length - 1 ? "…" : "");
      return def.required === false ? `[${label}]` : label;
    }),
    options.length > 0 ? "[options]" : "",
  ]
    .filter(Boolean)
    .join(" ");
  const lines = [
    `${paint.bold(`iamspec ${spec.name}`)} — ${spec.description}`,
    "",
    paint.bold("USAGE"),
    `  ${usage}`,
  ];
  if (positionals.length > 0) {
    lines.push("", paint.bold("ARGUMENTS"));
    lines.push(
      ...table(
        positionals.map(([name, def]) => [name.toUpperCase(), def.description ?? ""]),
        paint,
      ),
    );
  }
  if (options.length > 0) {
    lines.push("", paint.bold("OPTIONS"));
    lines.push(
      ...table(
        options.map(([name, def]) => [optionLabel(name, def), optionDescription(name, def)]),
        paint,
      ),
    );
  }
  lines.push("", paint.bold("EXAMPLES"));
  for (const [example, what] of spec.examples) lines.push(paint.dim(`  # ${what}`), `  ${example}`);
  if (spec.notes && spec.notes.length > 0) lines.push("", ...spec.notes);
  lines.push("", paint.bold("EXIT CODES"), ...EXIT_CODES);
  return lines.join("\n");
}

export function renderRootHelp(
  commands: readonly { name: string; description: string }[],
  paint: Paint,
): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `${paint.bold("iamspec")} — evaluate, test, validate, list and diff AWS IAM policies`,
    "",
    paint.bold("USAGE"),
    "  iamspec <command> [options]",
    "",
    paint.bold("COMMANDS"),
    ...commands.map((c) => `  ${paint.cyan(c.name.padEnd(width))}  ${c.description}`),
    "",
    "Run iamspec <command> --help for the options and examples of a command.",
    "",
    paint.bold("EXAMPLES"),
    "  iamspec eval --policy EC2ImageBuilderExecutionPolicy --action ec2:RunInstances \\",
    "    --resource arn:aws:ec2:us-east-1::image/ami-0abc --explain",
    "  iamspec test tests/iam.yaml --format junit > junit.xml",
    "  iamspec validate policies/ --format sarif > iamspec.sarif",
    "  iamspec diff EC2ImageBuilderExecutionPolicy@v1 EC2ImageBuilderExecutionPolicy@v2",
    "",
    "A POLICY argument is a file (.json, or an AWS documentation page .md), a bundled policy",
    "name or ARN, Name@vN for a version, or - for stdin.",
    "",
    paint.bold("GLOBAL OPTIONS"),
    "  --debug    show stack traces of internal errors",
    "  --help     show help (also: iamspec help <command>)",
    "  --version  show the version",
    "",
    paint.bold("EXIT CODES"),
    ...EXIT_CODES,
  ].join("\n");
}

function optionLabel(name: string, def: ArgDef): string {
  if (def.type === "boolean") return `--${name}`;
  const hint =
    def.type === "enum" && "options" in def && def.options
      ? def.options.join("|")
      : (def.valueHint ?? "value");
  return `--${name} <${hint}>`;
}

function optionDescription(name: string, def: ArgDef): string {
  let text = def.description ?? "";
  if (def.type === "boolean" && def.default === true) {
    const negative =
      "negativeDescription" in def && def.negativeDescription
        ? `; --no-${name}: ${lowerFirst(def.negativeDescription)}`
        : "";
    text += ` (on by default${negative})`;
  } else if (def.default !== undefined && def.type !== "boolean") {
    text += ` (default: ${def.default})`;
  }
  return text;
}

function table(rows: [string, string][], paint: Paint): string[] {
  const width = Math.min(34, Math.max(...rows.map(([label]) => label.length)));
  return rows.map(([label, description]) =>
    label.length > width
      ? `  ${paint.cyan(label)}\n  ${" ".repeat(width)}  ${description}`
      : `  ${paint.cyan(label.padEnd(width))}  ${description}`,
  );
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
