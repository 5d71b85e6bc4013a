// Strict command-line parsing over citty's argument definitions: citty renders the help, but it
// accepts unknown flags silently and keeps only the last of a repeated flag, and `eval` needs
// repeated `--policy` / `--context`. A typo must be a usage error (exit 2), not a flag ignored.
import type { ArgsDef } from "citty";
import { usageError } from "./errors.js";

export interface CommandLine {
  /** Single-valued flags (the last one given) and booleans. */
  flags: Record<string, string | boolean>;
  /** Every value of a repeatable flag, in order. */
  lists: Record<string, string[]>;
  positionals: string[];
}

export interface ParseSpec {
  args: ArgsDef;
  /** Flags that may be given more than once. */
  repeatable?: readonly string[];
  /** The last positional takes any number of values. */
  variadic?: boolean;
}

export function parseCommandLine(rawArgs: readonly string[], spec: ParseSpec): CommandLine {
  const byName = new Map<string, { name: string; type: string; options?: string[] }>();
  const positionalNames: string[] = [];
  for (const [name, def] of Object.entries(spec.args)) {
    if (def.type === "positional") {
      positionalNames.push(name);
      continue;
    }
    const entry = {
      name,
      type: def.type ?? "string",
      options: "options" in def ? def.options : undefined,
    };
    byName.set(name, entry);
    const aliases = "alias" in def && def.alias !== undefined ? [def.alias].flat() : [];
    for (const alias of aliases) byName.set(alias, entry);
  }
  const repeatable = new Set(spec.repeatable ?? []);
  const line: CommandLine = { flags: {}, lists: {}, positionals: [] };

  for (let i = 0; i < rawArgs.length; i++) {
    const arg = rawArgs[i]!;
    if (arg === "--") {
      line.positionals.push(...rawArgs.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      line.positionals.push(arg);
      continue;
    }
    const body = arg.replace(/^--?/, "");
    const eq = body.indexOf("=");
    let name = eq === -1 ? body : body.slice(0, eq);
    let inline = eq === -1 ? undefined : body.slice(eq + 1);
    let negated = false;
    if (
      !byName.has(name) &&
      name.startsWith("no-") &&
      byName.get(name.slice(3))?.type === "boolean"
    ) {
      name = name.slice(3);
      negated = true;
    }
    const def = byName.get(name);
    if (!def)
      throw usageError(`unknown option ${arg.split("=")[0]}${suggest(name, [...byName.keys()])}`);
    if (def.type === "boolean") {
      if (inline !== undefined && inline !== "true" && inline !== "false") {
        throw usageError(`--${def.name} takes no value (got "${inline}")`);
      }
      line.flags[def.name] = negated ? false : inline !== "false";
      continue;
    }
    if (inline === undefined) {
      const next = rawArgs[i + 1];
      if (next === undefined || (next.startsWith("--") && next.length > 2)) {
        throw usageError(`--${def.name} needs a value`);
      }
      inline = next;
      i++;
    }
    if (def.options && !def.options.includes(inline)) {
      throw usageError(`--${def.name} must be one of ${def.options.join(", ")} (got "${inline}")`);
    }
    if (repeatable.has(def.name)) {
      (line.lists[def.name] ??= []).push(inline);
    } else if (def.name in line.flags) {
      throw usageError(`--${def.name} given more than once`);
    } else {
      line.flags[def.name] = inline;
    }
  }

  const max = spec.variadic ? Infinity : positionalNames.length;
  if (line.positionals.length > max) {
    throw usageError(`unexpected argument "${line.positionals[max]}"`);
  }
  for (const [index, name] of positionalNames.entries()) {
    const def = spec.args[name]!;
    if (def.required !== false && line.positionals[index] === undefined) {
      throw usageError(`missing argument ${name.toUpperCase()}`);
    }
  }
  return line;
}

export function stringFlag(line: CommandLine, name: string): string | undefined {
  const value = line.flags[name];
  return typeof value === "string" ? value : undefined;
}

export function booleanFlag(line: CommandLine, name: string): boolean {
  return line.flags[name] === true;
}

export function listFlag(line: CommandLine, name: string): string[] {
  return line.lists[name] ?? [];
}

/** `--jobs`: worker threads, a whole number from 1 to 64 or auto; 1 when absent. */
export function jobsFlag(line: CommandLine): number | "auto" {
  const flag = stringFlag(line, "jobs");
  if (flag === undefined) return 1;
  if (flag === "auto") return "auto";
  const jobs = Number(flag);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) {
    throw usageError(`--jobs must be auto or a whole number from 1 to 64 (got "${flag}")`);
  }
  return jobs;
}

/** ` (did you mean --x?)` for a near miss, so a typo costs one look. */
function suggest(name: string, known: string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best ? ` (did you mean --${best}?)` : "";
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}
