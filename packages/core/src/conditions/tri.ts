// Three-valued results: a condition that cannot be evaluated (malformed value, undocumented case) is
// UNKNOWN, never silently true or false. Allow statements need TRUE; Deny statements apply on TRUE or
// UNKNOWN (fail-safe: an unevaluable Deny can never turn into an Allow).
export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN = 2;
export type Tri = 0 | 1 | 2;

export function not(value: Tri): Tri {
  return value === UNKNOWN ? UNKNOWN : value === TRUE ? FALSE : TRUE;
}
