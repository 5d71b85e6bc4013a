// One statement (docs/evaluation-rules.md §1): its elements, which combinations are allowed, and the
// rules each policy type adds (principals, Resource).
import type { Effect, PatternList, PolicyType, PolicyVersion, Statement } from "../types.js";
import type { JsonNode } from "../json/types.js";
import { jsonPathAppend } from "../json/path.js";
import { hasVariableSyntax, parseTemplate } from "./variables.js";
import { MISSING_RESOURCE_MESSAGE, STATEMENT_ELEMENTS } from "./grammar.js";
import {
  type Context,
  locOf,
  readEntries,
  readPatternList,
  readString,
  report,
  typeName,
} from "./element-reader.js";
import { readPrincipal } from "./read-principal.js";
import { readConditions } from "./read-conditions.js";

/** Policy types whose statements never name a principal (docs/evaluation-rules.md §1.6). */
export const NO_PRINCIPAL_TYPES: readonly PolicyType[] = ["identity", "boundary", "session", "scp"];
/** Policy types whose statements must name one (docs/evaluation-rules.md §1.6). */
export const PRINCIPAL_REQUIRED_TYPES: readonly PolicyType[] = ["resource", "trust", "rcp"];
/** Role trust policies (and resource policies, which may be trust policies) apply to their own resource. */
export const RESOURCE_OPTIONAL_TYPES: readonly PolicyType[] = ["resource", "trust"];

export function checkResourceVariables(
  ctx: Context,
  list: PatternList,
  version: PolicyVersion,
): boolean {
  if (version !== "2012-10-17") return true;
  let ok = true;
  list.patterns.forEach((pattern, i) => {
    if (!hasVariableSyntax(pattern)) return;
    const template = parseTemplate(pattern);
    if (!template.ok) {
      const loc = list.locs[i]!;
      ctx.diagnostics.push({
        code: template.code,
        severity: "ERROR",
        message: template.message,
        ...loc,
        ...(ctx.source !== undefined ? { source: ctx.source } : {}),
      });
      ok = false;
    }
  });
  return ok;
}

export function readStatement(
  ctx: Context,
  node: JsonNode,
  path: string,
  index: number,
  version: PolicyVersion,
  policyType: PolicyType | undefined,
): Statement | undefined {
  if (node.type !== "object") {
    report(
      ctx,
      "DATA_TYPE_MISMATCH",
      `A statement must be an object, not ${typeName(node)}`,
      path,
      node.loc,
    );
    return undefined;
  }
  const before = ctx.diagnostics.length;
  const elements = readEntries(ctx, node, path, STATEMENT_ELEMENTS, "a statement");
  const at = (name: string) => jsonPathAppend(path, name);
  const exclusive = (a: string, b: string) => {
    const second = elements.get(b);
    if (elements.has(a) && second !== undefined) {
      report(
        ctx,
        "UNSUPPORTED_ELEMENT_COMBINATION",
        `A statement cannot have both "${a}" and "${b}"`,
        at(b),
        second.keyLoc,
      );
    }
  };
  exclusive("Action", "NotAction");
  exclusive("Resource", "NotResource");
  exclusive("Principal", "NotPrincipal");

  let sid: string | undefined;
  const sidEntry = elements.get("Sid");
  if (sidEntry !== undefined) sid = readString(ctx, sidEntry, at("Sid"));

  let effect: Effect | undefined;
  const effectEntry = elements.get("Effect");
  if (effectEntry === undefined) {
    report(
      ctx,
      "MISSING_EFFECT",
      'Statement has no "Effect"',
      path,
      node.loc,
      'Add "Effect": "Allow" or "Effect": "Deny"',
    );
  } else {
    const text = readString(ctx, effectEntry, at("Effect"));
    if (text === "Allow" || text === "Deny") effect = text;
    else if (text !== undefined) {
      const fixed = ["Allow", "Deny"].find((e) => e.toLowerCase() === text.toLowerCase());
      report(
        ctx,
        "INVALID_EFFECT",
        `"Effect" must be exactly "Allow" or "Deny", not "${text}"`,
        at("Effect"),
        effectEntry.value.loc,
        fixed !== undefined ? `Effect is case-sensitive: write "${fixed}"` : undefined,
      );
    }
  }

  const list = (name: string) => {
    const entry = elements.get(name);
    return entry === undefined ? undefined : readPatternList(ctx, entry, at(name));
  };
  const action = list("Action");
  const notAction = list("NotAction");
  if (!elements.has("Action") && !elements.has("NotAction")) {
    report(ctx, "MISSING_ACTION", 'Statement has neither "Action" nor "NotAction"', path, node.loc);
  }
  const resource = list("Resource");
  const notResource = list("NotResource");
  if (
    !elements.has("Resource") &&
    !elements.has("NotResource") &&
    !(policyType !== undefined && RESOURCE_OPTIONAL_TYPES.includes(policyType))
  ) {
    report(ctx, "MISSING_RESOURCE", MISSING_RESOURCE_MESSAGE, path, node.loc);
  }
  if (resource !== undefined) checkResourceVariables(ctx, resource, version);
  if (notResource !== undefined) checkResourceVariables(ctx, notResource, version);

  const principalEntry = elements.get("Principal");
  const notPrincipalEntry = elements.get("NotPrincipal");
  const principal =
    principalEntry === undefined ? undefined : readPrincipal(ctx, principalEntry, at("Principal"));
  const notPrincipal =
    notPrincipalEntry === undefined
      ? undefined
      : readPrincipal(ctx, notPrincipalEntry, at("NotPrincipal"));
  if (policyType !== undefined) {
    const given = principalEntry ?? notPrincipalEntry;
    if (given !== undefined && NO_PRINCIPAL_TYPES.includes(policyType)) {
      report(
        ctx,
        policyType === "scp" ? "SCP_SYNTAX_ERROR_PRINCIPAL" : "UNSUPPORTED_PRINCIPAL",
        `"${given.key}" is not allowed in ${policyType === "scp" ? "an SCP" : policyType === "identity" ? "an identity policy" : `a ${policyType} policy`}`,
        at(given.key),
        given.keyLoc,
      );
    }
    if (given === undefined && PRINCIPAL_REQUIRED_TYPES.includes(policyType)) {
      report(
        ctx,
        "MISSING_PRINCIPAL",
        `${policyType === "rcp" ? "An RCP" : `A ${policyType} policy`} statement needs a "Principal"`,
        path,
        node.loc,
      );
    }
  }

  const conditionEntry = elements.get("Condition");
  const conditions =
    conditionEntry === undefined
      ? []
      : readConditions(ctx, conditionEntry, at("Condition"), version);

  if (ctx.diagnostics.length > before || effect === undefined || conditions === undefined)
    return undefined;
  return {
    index,
    ...(sid !== undefined ? { sid } : {}),
    effect,
    ...(action !== undefined ? { action } : {}),
    ...(notAction !== undefined ? { notAction } : {}),
    ...(resource !== undefined ? { resource } : {}),
    ...(notResource !== undefined ? { notResource } : {}),
    ...(principal !== undefined ? { principal } : {}),
    ...(notPrincipal !== undefined ? { notPrincipal } : {}),
    conditions,
    loc: locOf(path, node.loc),
  };
}
