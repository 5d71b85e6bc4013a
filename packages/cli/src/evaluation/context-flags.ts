// `--context key=value` (repeat a key for a list) and `--context key:=<json>` for a typed value
// (`aws:MultiFactorAuthPresent:=true`, `s3:max-keys:=10`, `aws:TagKeys:=["a","b"]`).
import type { ContextScalar, ContextValue } from "@iamspec/core";
import type { CommandLine } from "../args.js";
import { listFlag } from "../args.js";
import { usageError } from "../errors.js";
import { impreciseMessage, losesPrecision } from "../input/exact-numbers.js";

/** The `context` of a query from the `--context` flags, or nothing when none is given. */
export function contextOption(line: CommandLine): { context?: Record<string, ContextValue> } {
  const flags = listFlag(line, "context");
  return flags.length > 0 ? { context: parseContextFlags(flags) } : {};
}

export function parseContextFlags(flags: readonly string[]): Record<string, ContextValue> {
  const values = new Map<string, { key: string; items: ContextScalar[]; typedList: boolean }>();
  for (const flag of flags) {
    const eq = flag.indexOf("=");
    if (eq <= 0) throw usageError(`--context "${flag}" must be key=value or key:=<json>`);
    const typed = flag[eq - 1] === ":";
    const key = flag.slice(0, typed ? eq - 1 : eq);
    if (key === "") throw usageError(`--context "${flag}" has no key`);
    const raw = flag.slice(eq + 1);
    let items: ContextScalar[];
    let typedList = false;
    if (typed) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        throw usageError(
          `--context ${key}:= needs a JSON value (got ${raw}); use ${key}=${raw} for a string`,
        );
      }
      const imprecise = raw.match(/-?[0-9][0-9.eE+-]*/g)?.find((token) => losesPrecision(token));
      if (imprecise !== undefined)
        throw usageError(`--context ${key}: ${impreciseMessage(imprecise)}`);
      typedList = Array.isArray(parsed);
      items = (Array.isArray(parsed) ? parsed : [parsed]).map((item) => {
        if (typeof item === "string" || typeof item === "number" || typeof item === "boolean")
          return item;
        throw usageError(
          `--context ${key}: values are strings, numbers, booleans or a list of them`,
        );
      });
    } else {
      items = [raw];
    }
    // Keys are case-insensitive (docs/evaluation-rules.md §5.2): `--context a=1 --context A=2` is one list.
    const folded = key.toLowerCase();
    const existing = values.get(folded);
    if (existing) {
      existing.items.push(...items);
      existing.typedList = true;
    } else {
      values.set(folded, { key, items, typedList });
    }
  }
  const context: Record<string, ContextValue> = {};
  for (const { key, items, typedList } of values.values()) {
    context[key] = typedList ? items : items[0]!;
  }
  return context;
}
