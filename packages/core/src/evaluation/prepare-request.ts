// Validates and normalises one request: action, resource, principal and the context with derived keys.
import type { EvaluationErrorInfo, EvaluationRequest } from "../types.js";
import type { RequestPrincipal } from "../matching/principal.js";
import type { ActionKey } from "./compiled-policy.js";
import { createActionKey } from "./compiled-policy.js";
import { parseRequestPrincipal } from "../matching/principal.js";
import type { VariableLookup } from "../matching/template.js";
import type { RequestContext } from "../context/request-context.js";
import type { ContextMap } from "../context/request-context.js";
import { buildRequestContext, singleValue } from "../context/request-context.js";
import { derivePrincipalKeys } from "../context/derive.js";
import { remember } from "../bounded-cache.js";

/**
 * The request ready to decide. It is its own RequestContext (one object per request: this is the hot
 * path of compile().evaluate, where every allocation shows).
 */
export interface PreparedRequest extends RequestContext {
  action: string;
  /** The action's lower-case form and service prefix, shared by the requests that name it. */
  actionKey: ActionKey;
  principal: RequestPrincipal | undefined;
  /** Built on first use by `variablesOf` (most requests meet no policy variable). */
  lookup: VariableLookup | undefined;
}

/** The policy-variable lookup of a request (docs/evaluation-rules.md §6): its single-valued context keys. */
export function variablesOf(prep: PreparedRequest): VariableLookup {
  return (prep.lookup ??= (keyLower) => singleValue(prep, keyLower));
}

type RequestShape = Omit<EvaluationRequest, "policies">;

type ParsedPrincipal = { principal: RequestPrincipal; derived: ContextMap } | { error: string };
const principalCache = new Map<string, ParsedPrincipal>();

// Requests in a batch usually repeat the previous principal: comparing with it is cheaper than
// hashing a freshly parsed string for the map.
let lastPrincipal: { value: string; parsed: ParsedPrincipal } | undefined;

function parsePrincipalWithKeys(value: string): ParsedPrincipal {
  const principal = parseRequestPrincipal(value);
  return "error" in principal ? principal : { principal, derived: derivePrincipalKeys(principal) };
}

function cachedPrincipal(value: string): ParsedPrincipal {
  if (lastPrincipal !== undefined && lastPrincipal.value === value) return lastPrincipal.parsed;
  const parsed = remember(principalCache, value, 1024, parsePrincipalWithKeys);
  lastPrincipal = { value, parsed };
  return parsed;
}

/** Request actions repeat: one shared ActionKey per action text. */
const actionKeys = new Map<string, ActionKey>();

function actionKeyOf(action: string): ActionKey {
  return remember(actionKeys, action, 4096, createActionKey);
}

export function prepareRequest(
  request: RequestShape,
): PreparedRequest | { error: EvaluationErrorInfo } {
  if (typeof request !== "object" || request === null)
    return { error: { message: "request must be an object", code: "INVALID_REQUEST" } };
  const action = request.action;
  if (typeof action !== "string" || action === "") {
    return {
      error: {
        message: 'request.action is required: a string such as "ec2:RunInstances"',
        code: "INVALID_REQUEST",
        path: "$.action",
      },
    };
  }
  const resource = request.resource ?? "*";
  if (typeof resource !== "string" || resource === "") {
    return {
      error: {
        message: 'request.resource must be an ARN or "*"',
        code: "INVALID_REQUEST",
        path: "$.resource",
      },
    };
  }
  let principal: RequestPrincipal | undefined;
  let derived: ContextMap | undefined;
  if (request.principal !== undefined) {
    if (typeof request.principal !== "string") {
      return {
        error: {
          message: "request.principal must be a string",
          code: "INVALID_REQUEST",
          path: "$.principal",
        },
      };
    }
    const parsed = cachedPrincipal(request.principal);
    if ("error" in parsed)
      return { error: { message: parsed.error, code: "INVALID_REQUEST", path: "$.principal" } };
    principal = parsed.principal;
    derived = parsed.derived;
  }
  const given = buildRequestContext(request.context);
  if ("error" in given) {
    return {
      error: {
        message: given.error,
        code: "INVALID_REQUEST",
        path: given.key !== undefined ? `$.context[${JSON.stringify(given.key)}]` : "$.context",
      },
    };
  }
  const key = actionKeyOf(action);
  const prep = spare;
  if (prep === undefined) {
    return {
      action,
      actionKey: key,
      resource,
      colons: undefined,
      principal,
      given,
      givenIndex: undefined,
      derived,
      resourceAccount: undefined,
      lookup: undefined,
    };
  }
  spare = undefined;
  prep.action = action;
  prep.actionKey = key;
  prep.resource = resource;
  prep.colons = undefined;
  prep.principal = principal;
  prep.given = given;
  prep.givenIndex = undefined;
  prep.derived = derived;
  prep.resourceAccount = undefined;
  // `lookup` stays: it reads the request this object holds.
  return prep;
}

/**
 * A prepared request to reuse: the decision is synchronous and its result keeps nothing of it.
 * Taken while in use; a decision that throws leaves it taken, and the next request makes a new one.
 */
let spare: PreparedRequest | undefined;

/** Keeps `prep` for the next request; it must not be read again. */
export function releasePreparedRequest(prep: PreparedRequest): void {
  spare = prep;
}
