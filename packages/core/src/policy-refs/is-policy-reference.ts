// A string policy entry is either JSON text (inline) or a reference to a policy the caller can
// load: a bundled name, an ARN, `Name@vN`, or (in the CLI) a file path.

export function isPolicyReference(entry: unknown): entry is string {
  return typeof entry === "string" && !entry.trimStart().startsWith("{");
}
