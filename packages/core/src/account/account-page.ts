// Reading one page of `get-account-authorization-details`: located values (page and JSON path),
// policy documents (JSON objects, or URL-encoded JSON text from the raw API), attachments and tags.
import { parsePolicy } from "../policy/parse-policy.js";
import type { NamedPolicy, Policy, PolicyType } from "../types.js";

/** A problem in the pages: the page, the JSON path in it, and the message without place. */
export class AccountError extends Error {
  readonly source: string | undefined;
  readonly path: string;
  readonly bareMessage: string;
  constructor(message: string, path: string, source: string | undefined) {
    super(`${source !== undefined ? `${source}: ` : ""}${message} (at ${path})`);
    this.name = "AccountError";
    this.source = source;
    this.path = path;
    this.bareMessage = message;
  }
}

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export interface Located<T> {
  value: T;
  path: string;
  source: string | undefined;
}

export interface ManagedPolicyRecord {
  arn: string;
  name: string;
  document: unknown;
  path: string;
  source: string | undefined;
}

export const AWS_MANAGED = /^arn:[^:]+:iam::aws:policy\//;

export function isAwsManagedPolicyArn(arn: string): boolean {
  return AWS_MANAGED.test(arn);
}

/** A document as given: an object, JSON text, or URL-encoded JSON text (the raw API). */
export function documentValue(raw: unknown, path: string, source: string | undefined): unknown {
  if (typeof raw !== "string") return raw;
  let text = raw.trim();
  if (!text.startsWith("{")) {
    try {
      text = decodeURIComponent(text);
    } catch {
      throw new AccountError("policy document is neither JSON nor URL-encoded JSON", path, source);
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AccountError(
      `policy document is not valid JSON: ${(error as Error).message}`,
      path,
      source,
    );
  }
}

export function parseAs(
  raw: unknown,
  policyType: PolicyType,
  name: string,
  path: string,
  source: string | undefined,
): Policy {
  const document = documentValue(raw, path, source);
  if (!isObject(document))
    throw new AccountError("policy document must be a JSON object", path, source);
  const parsed = parsePolicy(document, { policyType, name });
  if (!parsed.ok) {
    const d = parsed.diagnostics[0]!;
    throw new AccountError(`policy "${name}": ${d.message}`, `${path}${d.path.slice(1)}`, source);
  }
  return parsed.policy;
}

export function listAt(page: Json, key: string, source: string | undefined): Located<Json>[] {
  const list = page[key];
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new AccountError(`${key} must be a list`, `$.${key}`, source);
  return list.map((value, i) => {
    const path = `$.${key}[${i}]`;
    if (!isObject(value)) throw new AccountError(`${key} entries must be objects`, path, source);
    return { value, path, source };
  });
}

export function stringAt(entry: Located<Json>, key: string): string {
  const v = entry.value[key];
  if (typeof v !== "string" || v === "")
    throw new AccountError(
      `${key} must be a non-empty string`,
      `${entry.path}.${key}`,
      entry.source,
    );
  return v;
}

export function arrayAt(entry: Located<Json>, key: string): Located<unknown>[] {
  const v = entry.value[key];
  if (v === undefined) return [];
  if (!Array.isArray(v))
    throw new AccountError(`${key} must be a list`, `${entry.path}.${key}`, entry.source);
  return v.map((value, i) => ({ value, path: `${entry.path}.${key}[${i}]`, source: entry.source }));
}

export function tagsOf(entry: Located<Json>): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of arrayAt(entry, "Tags")) {
    if (isObject(tag.value) && typeof tag.value.Key === "string")
      tags[tag.value.Key] = String(tag.value.Value ?? "");
  }
  return tags;
}

/** The default version of a `Policies` entry. */
export function defaultVersion(entry: Located<Json>): Located<unknown> {
  const versions = arrayAt(entry, "PolicyVersionList");
  const byFlag = versions.find((v) => isObject(v.value) && v.value.IsDefaultVersion === true);
  const wanted = entry.value.DefaultVersionId;
  const byId = versions.find((v) => isObject(v.value) && v.value.VersionId === wanted);
  const chosen = byFlag ?? byId;
  if (!chosen)
    throw new AccountError(
      "policy has no default version in PolicyVersionList",
      `${entry.path}.PolicyVersionList`,
      entry.source,
    );
  return {
    value: (chosen.value as Json).Document,
    path: `${chosen.path}.Document`,
    source: entry.source,
  };
}

export interface Attachment {
  arn: string;
  path: string;
  source: string | undefined;
}

export function attachmentsOf(entry: Located<Json>): Attachment[] {
  return arrayAt(entry, "AttachedManagedPolicies").map((a) => {
    const located = { ...a, value: a.value as Json };
    if (!isObject(a.value))
      throw new AccountError("attachment must be an object", a.path, a.source);
    return { arn: stringAt(located, "PolicyArn"), path: `${a.path}.PolicyArn`, source: a.source };
  });
}

export function inlineOf(
  entry: Located<Json>,
  key: string,
  owner: string,
  policyType: PolicyType,
): NamedPolicy[] {
  return arrayAt(entry, key).map((p) => {
    if (!isObject(p.value))
      throw new AccountError("inline policy must be an object", p.path, p.source);
    const located = { ...p, value: p.value };
    const name = stringAt(located, "PolicyName");
    const document = parseAs(
      p.value.PolicyDocument,
      policyType,
      `${owner}/${name}`,
      `${p.path}.PolicyDocument`,
      p.source,
    );
    return { name: `${owner}/${name}`, document };
  });
}
