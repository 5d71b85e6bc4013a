// The `iamspec` program: picks the command, handles --help / --version, maps failures to exit
// codes (0 ok, 1 findings or failed expectations, 2 bad usage or unreadable input).
import { parseCommandLine } from "./args.js";
import type { CliCommand } from "./command.js";
import { canCommand } from "./commands/can.js";
import { checkCommand } from "./commands/check.js";
import { diffCommand } from "./commands/diff.js";
import { evalCommand } from "./commands/eval.js";
import { listCommand } from "./commands/list.js";
import { policiesCommand } from "./commands/policies.js";
import { testCommand } from "./commands/test.js";
import { validateCommand } from "./commands/validate.js";
import { whoCanAssumeCommand, whoCanCommand } from "./commands/who-can.js";
import { isCliFailure, usageError } from "./errors.js";
import type { ExitCode } from "./errors.js";
import type { Io } from "./io.js";
import { writeLine } from "./io.js";
import type { Paint } from "./output/colour.js";
import { renderCommandHelp, renderRootHelp } from "./output/help.js";
import { version } from "./version.js";

export const commands: Readonly<Record<string, CliCommand>> = {
  eval: evalCommand,
  test: testCommand,
  validate: validateCommand,
  list: listCommand,
  diff: diffCommand,
  check: checkCommand,
  policies: policiesCommand,
  "who-can": whoCanCommand,
  "who-can-assume": whoCanAssumeCommand,
  can: canCommand,
};

export function rootHelp(paint: Paint): string {
  return renderRootHelp(
    Object.entries(commands).map(([name, command]) => ({
      name,
      description: command.definition.meta.description,
    })),
    paint,
  );
}

export function commandHelp(command: CliCommand, paint: Paint): string {
  const { meta, args } = command.definition;
  return renderCommandHelp(
    {
      name: meta.name,
      description: meta.description,
      args,
      examples: command.examples,
      ...(command.variadic !== undefined && { variadic: command.variadic }),
      ...(command.notes !== undefined && { notes: command.notes }),
    },
    paint,
  );
}

/** Runs one command line; returns the exit code. Never throws for user errors. */
export async function main(argv: readonly string[], io: Io): Promise<ExitCode> {
  const args = argv.filter((arg) => arg !== "--debug");
  const [name, ...rest] = args;
  try {
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      const topic = name === "help" && rest[0] ? commands[rest[0]] : undefined;
      writeLine(io.stdout, topic ? commandHelp(topic, io.out) : rootHelp(io.out));
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
      writeLine(io.stdout, commandHelp(command, io.out));
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
