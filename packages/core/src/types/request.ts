// A request (docs/architecture.md §5.1) and the compiled engine that answers it.
import type { Policy, PolicyDocument } from "./policy.js";
import type { EvaluationOutcome } from "./result.js";

// Requests

export type ContextScalar = string | number | boolean;
export type ContextValue = ContextScalar | readonly ContextScalar[];

/** An inline document (object), JSON text, an already parsed policy, or a named one. */
export type PolicyEntry = string | PolicyDocument | Policy | NamedPolicy;

export interface NamedPolicy {
  readonly name: string;
  /** JSON text, a document object, or a parsed policy. */
  readonly document: string | PolicyDocument | Policy;
  readonly source?: string;
}

/** `scp` / `rcp` take a flat list (one level) or a list of levels, root first. */
export type PolicyLevels = readonly PolicyEntry[] | readonly (readonly PolicyEntry[])[];

export interface PolicySet {
  identity?: readonly PolicyEntry[];
  /** Absent: the resource's policies are unknown (identity-only mode). Present, even `[]`: exactly these. */
  resource?: readonly PolicyEntry[];
  boundary?: readonly PolicyEntry[];
  session?: readonly PolicyEntry[];
  scp?: PolicyLevels;
  rcp?: PolicyLevels;
}

/**
 * A request's context; a key whose value is `undefined` is absent. With `Key` left as `string`, any key. Given a union of keys, such as
 * `GlobalConditionKey | ContextKey<Ec2ConditionKey>` from `@iamspec/policies`, those keys
 * autocomplete and any other key is a compile error.
 */
export type RequestContext<Key extends string = string> = string extends Key
  ? { readonly [key: string]: ContextValue | undefined }
  : { readonly [K in Key]?: ContextValue };

/**
 * One request. `Action` and `Key` type the action and the context keys (both `string` unless
 * given): `evaluate<Ec2Action>(…)` or `compile<Ec2Action>(…)` turns a misspelled action into a
 * compile error.
 */
export interface EvaluationRequest<Action extends string = string, Key extends string = string> {
  id?: string | number;
  /** IAM/STS ARN, a service principal (`ec2.amazonaws.com`) or `"anonymous"`. */
  principal?: string;
  action: Action;
  /** Defaults to `"*"`. */
  resource?: string;
  context?: RequestContext<Key>;
  policies: PolicySet;
}

/** A request to a compiled engine: its policies are the engine's, unless the request gives layers of its own. */
export type EngineRequest<Action extends string = string, Key extends string = string> = Omit<
  EvaluationRequest<Action, Key>,
  "policies"
> & { policies?: PolicySet };

export interface EvaluateOptions {
  explain?: boolean;
}

// Compiled engines

export interface Engine<Action extends string = string, Key extends string = string> {
  evaluate(request: EngineRequest<Action, Key>, options?: EvaluateOptions): EvaluationOutcome;
}
