// ARN-aware matching (docs/evaluation-rules.md §3.2 for Resource, §5.4 for the Arn condition operators).
import type { TemplatePart } from "../policy/variables.js";
import { hasVariableSyntax, parseTemplate } from "../policy/variables.js";
import type { Glob } from "./glob.js";
import { compileGlob, compileGlobPieces, matchGlob, matchGlobRange } from "./glob.js";
import type { VariableLookup } from "./template.js";
import { resolveTemplate, splitTemplateOnColons } from "./template.js";
import { remember } from "../bounded-cache.js";

/** Offsets of an ARN's first five colons; undefined when it has fewer than six fields. */
export function arnColons(value: string): number[] | undefined {
  const c0 = value.indexOf(":");
  if (c0 === -1) return undefined;
  const c1 = value.indexOf(":", c0 + 1);
  if (c1 === -1) return undefined;
  const c2 = value.indexOf(":", c1 + 1);
  if (c2 === -1) return undefined;
  const c3 = value.indexOf(":", c2 + 1);
  if (c3 === -1) return undefined;
  const c4 = value.indexOf(":", c3 + 1);
  if (c4 === -1) return undefined;
  return [c0, c1, c2, c3, c4];
}

/** Splits an ARN on its first five colons into six fields; undefined when it has fewer than six. */
export function splitArn(value: string): string[] | undefined {
  const fields: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = value.indexOf(":", start);
    if (colon === -1) return undefined;
    fields.push(value.slice(start, colon));
    start = colon + 1;
  }
  fields.push(value.slice(start));
  return fields;
}

function endsWithStar(glob: Glob): boolean {
  return glob.hasStar && glob.parts[glob.parts.length - 1]!.text.length === 0;
}

interface CompiledSegments {
  /**
   * The whole pattern as one glob, for resources that are not six-field ARNs. Raw patterns compile it
   * on first use (most requests name ARNs); it depends only on `pattern`, which never changes.
   */
  whole: Glob | undefined;
  /** The raw pattern text `whole` is compiled from (raw patterns only). */
  pattern?: string;
  /** The pattern's fields: six, or fewer when the pattern has fewer colons. */
  segments: Glob[];
  /**
   * False when no six-field ARN can match: fewer than six fields and no trailing `*` to expand
   * across the remaining colons (docs/evaluation-rules.md §3.2).
   */
  viable: boolean;
  /**
   * The leading fields without wildcards, each with its colon ("arn:aws:ec2:"), tested with one
   * `startsWith`: field texts contain no colon, so the prefix fixes those fields' boundaries too.
   */
  prefix: string;
  /** The fields between the prefix and the last field that are not `*` (a `*` field matches any text). */
  checks: number[];
  /**
   * The character code the last field must start with, or -1 when it starts with a wildcard: a
   * one-character test that rejects most patterns of a statement before any glob runs.
   */
  lastFirst: number;
}

function firstLiteralCode(glob: Glob): number {
  const first = glob.parts[0]!;
  if (first.text.length === 0 || (first.wild !== null && first.wild[0])) return -1;
  return first.text.charCodeAt(0);
}

function isAnyText(glob: Glob): boolean {
  return glob.minLength === 0 && glob.parts.length === 2;
}

/** The segment plan: which fields a match has to test, and how. */
function planSegments(
  segments: Glob[],
  whole: Glob | undefined,
  pattern?: string,
): CompiledSegments {
  const k = segments.length;
  const last = segments[k - 1]!;
  let prefix = "";
  let i = 0;
  for (; i < k - 1 && segments[i]!.exact !== undefined; i++) prefix += `${segments[i]!.exact}:`;
  const checks: number[] = [];
  for (; i < k - 1; i++) if (!isAnyText(segments[i]!)) checks.push(i);
  return {
    whole,
    ...(pattern !== undefined ? { pattern } : {}),
    segments,
    viable: k === 6 || endsWithStar(last),
    prefix,
    checks,
    lastFirst: firstLiteralCode(last),
  };
}

function compileSegments(
  parts: readonly TemplatePart[],
  lookup: VariableLookup | undefined,
): CompiledSegments | undefined {
  const wholePieces = resolveTemplate(parts, lookup);
  if (wholePieces === undefined) return undefined;
  const segments: Glob[] = [];
  for (const segment of splitTemplateOnColons(parts, 5)) {
    const pieces = resolveTemplate(segment, lookup);
    if (pieces === undefined) return undefined;
    segments.push(compileGlobPieces(pieces));
  }
  return planSegments(segments, compileGlobPieces(wholePieces));
}

/** A Resource/NotResource pattern ready to match. */
export interface ResourcePattern {
  pattern: string;
  any: boolean;
  /** Precompiled when the pattern has no variables. */
  fixed?: CompiledSegments;
  /** Template parts when the pattern has variables (2012-10-17 only). */
  template?: TemplatePart[];
}

/** Compiles a Resource pattern; `variables` is false for 2008-10-17 policies (variables are literal text, docs/evaluation-rules.md §1.2). */
export function compileResourcePattern(pattern: string, variables: boolean): ResourcePattern {
  if (pattern === "*") return { pattern, any: true };
  if (variables && hasVariableSyntax(pattern)) {
    const template = parseTemplate(pattern);
    if (template.ok && (template.parts.length !== 1 || template.parts[0]!.kind !== "raw")) {
      return { pattern, any: false, template: template.parts };
    }
  }
  return { pattern, any: false, fixed: compileRawSegments(pattern) };
}

/**
 * ARN fields repeat across patterns ("arn", "aws", "ec2", "*", an account id): their globs are shared.
 * Safe because compiled resource patterns are internal and a Glob is never changed once built.
 */
const segmentGlobs = new Map<string, Glob>();

function segmentGlob(text: string): Glob {
  if (text.length > 64) return compileGlob(text);
  return remember(segmentGlobs, text, 4096, compileGlob);
}

/** `compileSegments` for text without variables: split on the first five colons directly. */
function compileRawSegments(pattern: string): CompiledSegments {
  const segments: Glob[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = pattern.indexOf(":", start);
    if (colon === -1) break;
    segments.push(segmentGlob(pattern.slice(start, colon)));
    start = colon + 1;
  }
  segments.push(segmentGlob(pattern.slice(start)));
  return planSegments(segments, undefined, pattern);
}

function matchSegments(
  compiled: CompiledSegments,
  resource: string,
  colons: readonly number[] | undefined,
): boolean {
  // Resources that are not six-field ARNs (e.g. "*") are compared as whole strings (docs/evaluation-rules.md §3.2, UNCONFIRMED).
  if (colons === undefined)
    return matchGlob((compiled.whole ??= compileGlob(compiled.pattern!)), resource);
  if (!compiled.viable) return false;
  const segments = compiled.segments;
  const k = segments.length;
  // The last field (the resource id) differs most between statements, so it is tested first.
  const lastStart = k === 1 ? 0 : colons[k - 2]! + 1;
  // charCodeAt past the end is NaN, never equal: an empty field fails a literal first character.
  if (compiled.lastFirst !== -1 && resource.charCodeAt(lastStart) !== compiled.lastFirst)
    return false;
  if (!matchGlobRange(segments[k - 1]!, resource, lastStart, resource.length)) return false;
  if (!resource.startsWith(compiled.prefix)) return false;
  const checks = compiled.checks;
  for (let j = 0; j < checks.length; j++) {
    const i = checks[j]!;
    if (!matchGlobRange(segments[i]!, resource, i === 0 ? 0 : colons[i - 1]! + 1, colons[i]!))
      return false;
  }
  return true;
}

/**
 * Whether a Resource pattern matches the request resource. `colons` is `arnColons(resource)`.
 * A variable without value and default makes the entry match nothing (docs/evaluation-rules.md §6).
 */
export function matchResourcePattern(
  pattern: ResourcePattern,
  resource: string,
  colons: readonly number[] | undefined,
  lookup?: VariableLookup,
): boolean {
  return matchResolvedResourcePattern(pattern, resource, colons, lookup) === true;
}

/**
 * `matchResourcePattern`, telling "no match" (false) from "a variable has no value and no default"
 * (undefined): NotResource needs the difference (docs/evaluation-rules.md §6).
 */
export function matchResolvedResourcePattern(
  pattern: ResourcePattern,
  resource: string,
  colons: readonly number[] | undefined,
  lookup?: VariableLookup,
): boolean | undefined {
  if (pattern.any) return true;
  if (pattern.fixed !== undefined) return matchSegments(pattern.fixed, resource, colons);
  const compiled = compileSegments(pattern.template!, lookup);
  return compiled === undefined ? undefined : matchSegments(compiled, resource, colons);
}

const resourceCache = new Map<string, ResourcePattern>();

function compileWithoutVariables(pattern: string): ResourcePattern {
  return compileResourcePattern(pattern, false);
}

/** Whether the IAM Resource `pattern` matches `resource` (ARN-aware, case-sensitive, no variables). */
export function matchResource(pattern: string, resource: string): boolean {
  const compiled = remember(resourceCache, pattern, 1024, compileWithoutVariables);
  return matchResourcePattern(compiled, resource, arnColons(resource));
}

/**
 * ArnLike/ArnEquals (docs/evaluation-rules.md §5.4): both sides split into six components, each glob-matched separately,
 * so a wildcard never crosses a colon, except that the sixth component is one opaque string.
 * A value that is not a six-field ARN matches nothing; the pattern "*" matches every ARN.
 */
export function matchArnLike(
  patternFields: readonly Glob[] | "any",
  valueFields: readonly string[] | undefined,
): boolean {
  if (valueFields === undefined) return false;
  if (patternFields === "any") return true;
  if (patternFields.length !== 6) return false;
  for (let i = 0; i < 6; i++) if (!matchGlob(patternFields[i]!, valueFields[i]!)) return false;
  return true;
}

/** Compiles an ArnLike pattern from glob pieces; undefined when it has fewer than six fields. */
export function compileArnLikePattern(
  parts: readonly TemplatePart[],
  lookup: VariableLookup | undefined,
): Glob[] | "any" | undefined {
  if (parts.length === 1 && parts[0]!.kind === "raw" && parts[0]!.text === "*") return "any";
  const segments = splitTemplateOnColons(parts, 5);
  if (segments.length !== 6) return [];
  const globs: Glob[] = [];
  for (const segment of segments) {
    const pieces = resolveTemplate(segment, lookup);
    if (pieces === undefined) return undefined;
    globs.push(compileGlobPieces(pieces));
  }
  return globs;
}

export { compileGlob };
