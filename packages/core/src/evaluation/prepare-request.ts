// Validates and normalises one request: action, resource, principal and the context with derived keys.
import type { EvaluationErrorInfo, EvaluationRequest } from "../types.js";
import type { RequestPrincipal } from "../matching/principal.js";
import { parseRequestPrincipal } from "../matching/principal.js";
import { splitArn } from "../matching/arn.js";
import type { VariableLookup } from "../matching/template.js";
import type { RequestContext } from "../context/request-context.js";
import { buildRequestContext, singleValue } from "../context/request-context.js";
import { derivePrincipalKeys, deriveResourceKeys } from "../context/derive.js";

export interface PreparedRequest {
  action: string;
  actionLower: string;
  /** Lower-case service prefix of the action. */
  service: string;
  resource: string;
  fields: string[] | undefined;
  principal: RequestPrincipal | undefined;
  context: RequestContext;
  lookup: VariableLookup;
}

type RequestShape = Omit<EvaluationRequest, "policies">;

const principalCache = new Map<string, RequestPrincipal | { error: string }>();

function cachedPrincipal(value: string): RequestPrincipal | { error: string } {
  let parsed = principalCache.get(value);
  if (parsed === undefined) {
    parsed = parseRequestPrincipal(value);
    if (principalCache.size >= 1024) principalCache.clear();
    principalCache.set(value, parsed);
  }
  return parsed;
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
    principal = parsed;
  }
  const context = buildRequestContext(request.context);
  if ("error" in context) {
    return {
      error: {
        message: context.error,
        code: "INVALID_REQUEST",
        path: context.key !== undefined ? `$.context[${JSON.stringify(context.key)}]` : "$.context",
      },
    };
  }
  const fields = splitArn(resource);
  if (principal !== undefined) derivePrincipalKeys(context, principal);
  deriveResourceKeys(context, fields);
  const actionLower = action.toLowerCase();
  const colon = actionLower.indexOf(":");
  return {
    action,
    actionLower,
    service: colon === -1 ? actionLower : actionLower.slice(0, colon),
    resource,
    fields,
    principal,
    context,
    lookup: (keyLower) => singleValue(context, keyLower),
  };
}
