// Failures the CLI reports as one line and an exit code, never as a stack trace.

/** 1: findings or failed expectations; 2: bad usage or unreadable input. */
export type ExitCode = 0 | 1 | 2;

export interface CliFailure extends Error {
  exitCode: ExitCode;
  /** A mistake in the command line: the message is followed by a pointer to --help. */
  usage?: boolean;
}

/** Where a problem is: a file (or `-`), line and column (1-based), and a JSON path. */
export interface Place {
  file?: string;
  line?: number;
  column?: number;
  path?: string;
}

function failure(message: string, exitCode: ExitCode): CliFailure {
  return Object.assign(new Error(message), { exitCode });
}

/** Bad flags or arguments (exit 2). */
export function usageError(message: string): CliFailure {
  return Object.assign(failure(message, 2), { usage: true });
}

/** An input that cannot be read or parsed (exit 2); the message names where. */
export function inputError(message: string, place: Place = {}): CliFailure {
  return failure(withPlace(message, place), 2);
}

export function isCliFailure(error: unknown): error is CliFailure {
  return error instanceof Error && typeof (error as Partial<CliFailure>).exitCode === "number";
}

/** `file:line:col: message (at $.path)` — the shape editors and CI annotate. */
export function withPlace(message: string, place: Place): string {
  let where = place.file ?? "";
  if (place.line !== undefined) {
    where += `${where ? ":" : "line "}${place.line}`;
    if (place.column !== undefined) where += `:${place.column}`;
  }
  const path = place.path && place.path !== "$" ? ` (at ${place.path})` : "";
  return `${where ? `${where}: ` : ""}${message}${path}`;
}
