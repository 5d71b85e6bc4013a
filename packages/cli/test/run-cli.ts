// Runs the BUILT binary (bin/iamspec.js -> dist/run.js) as a subprocess, as users run it.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../bin/iamspec.js", import.meta.url));
export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const SEED_PAGE = `${REPO_ROOT}policies/EC2ImageBuilderExecutionPolicy.md`;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  input?: string | Buffer;
  cwd?: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

export function iamspec(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  const started = Date.now();
  // A clean environment: no colour forced by the test runner.
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({
    ...process.env,
    FORCE_COLOR: undefined,
    NO_COLOR: undefined,
    ...options.env,
  })) {
    if (value !== undefined) env[key] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? FIXTURES, env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(`iamspec ${args.join(" ")} did not finish in ${options.timeoutMs ?? 20000} ms`),
      );
    }, options.timeoutMs ?? 20000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        ms: Date.now() - started,
      });
    });
    child.stdin.on("error", () => {});
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}

/** The one-line error contract: a single line, no stack trace. */
export function expectOneLineError(run: CliRun): string {
  const lines = run.stderr.trim().split("\n");
  if (run.stderr.includes("    at ")) throw new Error(`stack trace in stderr:\n${run.stderr}`);
  return lines[0]!;
}
