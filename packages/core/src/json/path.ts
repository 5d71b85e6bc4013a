// JSON paths in the form used by diagnostics: `$.Statement[0].Condition["aws:RequestTag/x"]`.

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Appends an array index (`[0]`) or an object key (`.Key`, or `["odd:key"]` when not an identifier). */
export function jsonPathAppend(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
