// The shapes of the generated modules. Hand-written; the generator's output `satisfies` them.

import type { PolicyDocument, ReadonlyJsonValue } from "@iamspec/core";

/** A JSON value inside a bundled policy document, deeply readonly (core's `ReadonlyJsonValue`). */
export type PolicyJsonValue = ReadonlyJsonValue;

/**
 * An IAM policy document as AWS stores it (`Version`, `Statement`, …), deeply readonly. It is
 * core's `PolicyDocument`, so every generated document goes to `compile()` and `evaluate()` as it is.
 */
export type { PolicyDocument };

export interface GeneratedPolicyVersion {
  readonly document: PolicyDocument;
  /** When this version was created (ISO 8601, UTC), when known. */
  readonly createdAt?: string;
}

/** A bundled policy: metadata, the default version's document, every version present, and its parts. */
export interface GeneratedPolicy {
  readonly name: string;
  /** The policy ARN; empty for a policy bundled from a raw document without one. */
  readonly arn: string;
  readonly description?: string;
  /** The highest version present, e.g. `v2`. */
  readonly defaultVersion: string;
  readonly createdAt?: string;
  readonly updatedAt?: string;
  /** The default version's document. */
  readonly document: PolicyDocument;
  readonly versions: { readonly [versionId: string]: GeneratedPolicyVersion };
  /** The default version's Sids, actions, resource patterns and condition keys, each once, in document order. */
  readonly sids: readonly string[];
  readonly actions: readonly string[];
  readonly notActions?: readonly string[];
  readonly resources: readonly string[];
  readonly conditionKeys: readonly string[];
}

/** A catalog entry: a policy's metadata without its document. */
export interface PolicyCatalogEntry {
  readonly name: string;
  readonly arn: string;
  readonly description?: string;
  readonly defaultVersion: string;
  readonly versions: readonly string[];
  readonly updatedAt?: string;
}

/** What a service module says about one action (from the IAM service reference data). */
export interface ServiceActionInfo {
  readonly accessLevel: "List" | "Read" | "Write" | "Permissions management" | "Tagging";
  /** Resource type name -> whether the action requires it. */
  readonly resourceTypes: { readonly [resourceType: string]: boolean };
}

/** The entries of an action union that are concrete actions, not `*`/`?` patterns. */
export type ConcreteAction<A extends string> = Exclude<A, `${string}*${string}` | `${string}?${string}`>;

/**
 * A condition key as a request's context names it: the service data writes the variable part of a
 * key as `${TagKey}` (`aws:RequestTag/${TagKey}`); here it is any text (`aws:RequestTag/${string}`).
 * `ContextKey<Ec2ConditionKey>` types the context of an EC2 request.
 */
export type ContextKey<Key extends string> = Key extends `${infer Head}\${${string}}${infer Tail}`
  ? `${Head}${string}${ContextKey<Tail>}`
  : Key;
