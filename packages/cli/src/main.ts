// The `iamspec` program: picks the command, handles --help / --version, maps failures to exit
// codes (0 ok, 1 findings or failed expectations, 2 bad usage or unreadable input).
import { renderUsage } from "citty";
import type { ArgsDef, CommandDef } from "citty";
import { parseCommandLine } from "./args.js";
import type { CliCommand } from "./command.js";
import { diffCommand } from "./commands/diff.js";
import { evalCommand } from "./commands/eval.js";
import { listCommand } from "./commands/list.js";
import { policiesCommand } from "./commands/policies.js";
import { testCommand } from "./commands/test.js";
import { validateCommand } from "./commands/validate.js";
import { isCliFailure, usageError } from "./errors.js";
import type { ExitCode } from "./errors.js";
import type { Io } from "./io.js";
import { writeLine } from "./io.js";
import { stripAnsi } from "./output/colour.js";
import { version } from "./version.js";

export const commands: Readonly<Record<string, CliCommand>> = {
  eval: evalCommand,
  test: testCommand,
  validate: validateCommand,
  list: listCommand,
  diff: diffCommand,
  policies: policiesCommand,
};

const EXIT_CODES = [
  "EXIT CODES",
  "",
  "  0  success",
  "  1  findings at or above --fail-on, failed tests, or a decision other than --expect",
  "  2  bad usage, or an input that cannot be read or parsed",
];

const GLOBAL_FLAGS = [
  "  --debug    show stack traces of internal errors",
  "  --help     show help",
  "  --version  show the version",
];

const root: CommandDef<ArgsDef> = {
  meta: {
    name: "iamspec",
    description: "Evaluate, test, validate, list and diff AWS IAM policies",
  },
  subCommands: Object.fromEntries(
    Object.entries(commands).map(([name, command]) => [name, command.definition]),
  ),
};

export async function rootHelp(colour: boolean): Promise<string> {
  const usage = await renderUsage(root);
  const lines = [
    usage,
    "",
    "EXAMPLES",
    "",
    "  iamspec eval --policy EC2ImageBuilderExecutionPolicy --action ec2:RunInstances \\",
    "    --resource arn:aws:ec2:us-east-1::image/ami-0abc --explain",
    "  iamspec test tests/iam.yaml --format junit > junit.xml",
    "  iamspec validate policies/ --format sarif > iamspec.sarif",
    "  iamspec diff EC2ImageBuilderExecutionPolicy@v1 EC2ImageBuilderExecutionPolicy@v2",
    "",
    "A POLICY argument is a file (.json, or an AWS documentation page .md), a bundled policy",
    "name or ARN, Name@vN for a version, or - for stdin.",
    "",
    "GLOBAL OPTIONS",
    "",
    ...GLOBAL_FLAGS,
    "",
    ...EXIT_CODES,
  ];
  const text = lines.join("\n");
  return colour ? text : stripAnsi(text);
}

export async function commandHelp(command: CliCommand, colour: boolean): Promise<string> {
  const usage = await renderUsage(command.definition, root);
  const lines = [usage, "", "EXAMPLES", ""];
  for (const [example, what] of command.examples) lines.push(`  # ${what}`, `  ${example}`, "");
  if (command.notes && command.notes.length > 0)
    lines.push(...command.notes.map((note) => note), "");
  lines.push(...EXIT_CODES);
  const text = lines.join("\n");
  return colour ? text : stripAnsi(text);
}

/** Runs one command line; returns the exit code. Never throws for user errors. */
export async function main(argv: readonly string[], io: Io): Promise<ExitCode> {
  const args = argv.filter((arg) => arg !== "--debug");
  const [name, ...rest] = args;
  try {
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      const topic = name === "help" && rest[0] ? commands[rest[0]] : undefined;
      writeLine(
        io.stdout,
        topic ? await commandHelp(topic, io.out.enabled) : await rootHelp(io.out.enabled),
      );
      return name === undefined ? 2 : 0;
    }
    if (name === "--version" || name === "-v") {
      writeLine(io.stdout, version());
      return 0;
    }
    const command = commands[name];
    if (!command) {
      throw usageError(
        name.startsWith("-")
          ? `unknown option ${name} (a command comes first: ${Object.keys(commands).join(", ")})`
          : `unknown command "${name}" (commands: ${Object.keys(commands).join(", ")})`,
      );
    }
    const helpIndex = rest.findIndex((arg) => arg === "--help" || arg === "-h");
    const endOfFlags = rest.indexOf("--");
    if (helpIndex !== -1 && (endOfFlags === -1 || helpIndex < endOfFlags)) {
      writeLine(io.stdout, await commandHelp(command, io.out.enabled));
      return 0;
    }
    const line = parseCommandLine(rest, {
      args: command.definition.args,
      ...(command.repeatable !== undefined && { repeatable: command.repeatable }),
      ...(command.variadic !== undefined && { variadic: command.variadic }),
    });
    return await command.run(line, io);
  } catch (error) {
    if (isCliFailure(error)) {
      writeLine(io.stderr, `${io.err.red("iamspec:")} ${error.message}`);
      if (error.usage && name && commands[name]) {
        writeLine(io.stderr, io.err.dim(`Run iamspec ${name} --help for usage.`));
      }
      if (io.debug && error.stack) writeLine(io.stderr, error.stack);
      return error.exitCode;
    }
    // An internal error: still one line unless --debug asks for the stack.
    const message = error instanceof Error ? error.message : String(error);
    writeLine(io.stderr, `${io.err.red("iamspec: internal error:")} ${message}`);
    if (io.debug && error instanceof Error && error.stack) writeLine(io.stderr, error.stack);
    else writeLine(io.stderr, io.err.dim("Run again with --debug for the stack trace."));
    return 2;
  }
}
