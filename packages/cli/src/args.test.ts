import { describe, expect, it } from "vitest";
import { parseCommandLine } from "./args.js";
import type { ParseSpec } from "./args.js";

const spec: ParseSpec = {
  args: {
    file: { type: "positional", required: false },
    policy: { type: "string" },
    context: { type: "string" },
    explain: { type: "boolean" },
    expand: { type: "boolean", default: true },
    format: { type: "enum", options: ["text", "json"] },
  },
  repeatable: ["policy", "context"],
};

describe("parseCommandLine", () => {
  it.each([
    [["--policy", "a", "--policy", "b"], { lists: { policy: ["a", "b"] } }],
    [["--policy=a=b"], { lists: { policy: ["a=b"] } }],
    [["--context", "k:=[1]"], { lists: { context: ["k:=[1]"] } }],
    [["--explain"], { flags: { explain: true } }],
    [["--no-expand"], { flags: { expand: false } }],
    [["--explain=false"], { flags: { explain: false } }],
    [["-"], { positionals: ["-"] }],
    [["--policy", "-"], { lists: { policy: ["-"] } }],
    [["--", "--not-a-flag"], { positionals: ["--not-a-flag"] }],
    [["--format", "json"], { flags: { format: "json" } }],
  ])("parses %j", (argv, expected) => {
    expect(parseCommandLine(argv, spec)).toEqual({
      flags: {},
      lists: {},
      positionals: [],
      ...expected,
    });
  });

  it.each([
    [["--polcy", "a"], "unknown option --polcy (did you mean --policy?)"],
    [["--policy"], "--policy needs a value"],
    [["--policy", "--explain"], "--policy needs a value"],
    [["--format", "yaml"], "--format must be one of text, json"],
    [["--format", "json", "--format", "text"], "--format given more than once"],
    [["--explain=yes"], "--explain takes no value"],
    [["a", "b"], 'unexpected argument "b"'],
  ])("rejects %j", (argv, message) => {
    expect(() => parseCommandLine(argv, spec)).toThrow(message);
  });

  it("marks command-line mistakes as usage errors (exit 2)", () => {
    try {
      parseCommandLine(["--nope"], spec);
    } catch (error) {
      expect(error).toMatchObject({ exitCode: 2, usage: true });
      return;
    }
    throw new Error("expected a usage error");
  });
});
