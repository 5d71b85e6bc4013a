// One module per command: citty's definition (for help), the parse spec, examples, and `run`.
import type { ArgsDef, CommandDef } from "citty";
import type { CommandLine } from "./args.js";
import type { ExitCode } from "./errors.js";
import type { Io } from "./io.js";

export interface CliCommand {
  definition: CommandDef<ArgsDef> & { meta: { name: string; description: string }; args: ArgsDef };
  repeatable?: readonly string[];
  variadic?: boolean;
  /** Shown under EXAMPLES in --help: `[command line, what it does]`. */
  examples: readonly (readonly [string, string])[];
  /** Extra lines shown in --help after the examples (formats, file shapes). */
  notes?: readonly string[];
  run(line: CommandLine, io: Io): Promise<ExitCode>;
}

export const formatArg = (formats: string[], description?: string) =>
  ({
    type: "enum",
    options: formats,
    default: formats[0],
    description: description ?? "Output format",
  }) as const;
