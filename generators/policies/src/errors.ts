// One error type for everything the generator rejects, printed as a single line:
// `file:line:col $.json.path: message`, never with a stack trace.

export interface InputLocation {
  /** Path relative to the repository root, e.g. `policies/EC2ImageBuilderExecutionPolicy.md`. */
  file: string;
  line?: number;
  column?: number;
  /** JSON path inside the policy document, e.g. `$.Statement[0].Effect`. */
  path?: string;
}

export interface GeneratorDiagnostic extends InputLocation {
  message: string;
  code?: string;
}

export class GeneratorError extends Error {
  readonly diagnostics: readonly GeneratorDiagnostic[];
  constructor(diagnostics: readonly GeneratorDiagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "GeneratorError";
    this.diagnostics = diagnostics;
  }
}

export function inputError(location: InputLocation, message: string, code?: string): GeneratorError {
  return new GeneratorError([{ ...location, message, ...(code ? { code } : {}) }]);
}

export function formatDiagnostic(d: GeneratorDiagnostic): string {
  const position = d.line === undefined ? d.file : `${d.file}:${d.line}:${d.column ?? 1}`;
  const path = d.path ? ` ${d.path}` : "";
  return `${position}${path}: ${d.message}`;
}
