import { describe, expect, it } from "vitest";
import { expectOneLineError, iamspec } from "./run-cli.js";

const COMMANDS = ["eval", "test", "validate", "list", "diff", "policies"];

describe("iamspec --help", () => {
  it("lists every command and documents the exit codes", async () => {
    const run = await iamspec(["--help"]);
    expect(run.code).toBe(0);
    for (const command of COMMANDS) expect(run.stdout).toContain(command);
    expect(run.stdout).toMatch(
      /EXIT CODES[\s\S]*0 {2}success[\s\S]*1 {2}findings[\s\S]*2 {2}bad usage/,
    );
  });

  it.each(COMMANDS)("iamspec %s --help shows usage, examples and exit codes", async (command) => {
    const run = await iamspec([command, "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`iamspec ${command}`);
    expect(run.stdout).toContain("EXAMPLES");
    expect(run.stdout).toContain("EXIT CODES");
  });

  it("prints the version", async () => {
    const run = await iamspec(["--version"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("shows help and exits 2 without a command", async () => {
    const run = await iamspec([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("USAGE");
  });

  it("rejects an unknown command with exit 2", async () => {
    const run = await iamspec(["evaluate"]);
    expect(run.code).toBe(2);
    expect(expectOneLineError(run)).toContain('unknown command "evaluate"');
  });

  it("rejects an unknown option with a suggestion instead of ignoring it", async () => {
    const run = await iamspec(["eval", "--polcy", "x", "--action", "s3:GetObject"]);
    expect(run.code).toBe(2);
    expect(expectOneLineError(run)).toContain("unknown option --polcy (did you mean --policy?)");
  });

  it("rejects a flag without its value", async () => {
    const run = await iamspec(["eval", "--action"]);
    expect(run.code).toBe(2);
    expect(expectOneLineError(run)).toContain("--action needs a value");
  });

  it("rejects a value outside an enum", async () => {
    const run = await iamspec(["eval", "--format", "yaml"]);
    expect(run.code).toBe(2);
    expect(expectOneLineError(run)).toContain("--format must be one of text, json");
  });

  it("rejects a single-valued flag given twice", async () => {
    const run = await iamspec(["eval", "--action", "a:b", "--action", "c:d", "--policy", "x"]);
    expect(run.code).toBe(2);
    expect(expectOneLineError(run)).toContain("--action given more than once");
  });
});
