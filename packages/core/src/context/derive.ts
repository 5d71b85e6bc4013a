// Context keys derived from the principal and resource when the request does not give them
// (docs/architecture.md §5.1 (the request); docs/evaluation-rules.md §6 principal table, §7.4, §8).
import type { RequestPrincipal } from "../matching/principal.js";
import type { ContextMap } from "./request-context.js";
import { addDerived } from "./request-context.js";

const PRINCIPAL_TYPE: Readonly<Record<RequestPrincipal["kind"], string>> = {
  user: "User",
  root: "Account",
  "assumed-role": "AssumedRole",
  role: "AssumedRole",
  "federated-user": "FederatedUser",
  service: "Service",
  anonymous: "Anonymous",
};

/**
 * Every key this file or the resource ARN can derive (lower-case): other keys are only ever given,
 * so their lookups skip the derived keys.
 */
const DERIVABLE_KEYS: ReadonlySet<string> = new Set([
  "aws:principalaccount",
  "aws:principaltype",
  "aws:principalisawsservice",
  "aws:principalservicename",
  "aws:principalarn",
  "aws:username",
  "aws:userid",
  "aws:resourceaccount",
]);

export function isDerivableKey(keyLower: string): boolean {
  return DERIVABLE_KEYS.has(keyLower);
}

/** The keys derived from a principal; callers cache the map per principal. */
export function derivePrincipalKeys(principal: RequestPrincipal): ContextMap {
  const map: ContextMap = new Map();
  fillPrincipalKeys(map, principal);
  return map;
}

function fillPrincipalKeys(map: ContextMap, principal: RequestPrincipal): void {
  switch (principal.kind) {
    case "anonymous":
      addDerived(map, "aws:PrincipalAccount", "anonymous");
      addDerived(map, "aws:PrincipalType", "Anonymous");
      addDerived(map, "aws:userid", "anonymous");
      return;
    case "service":
      addDerived(map, "aws:PrincipalIsAWSService", "true");
      addDerived(map, "aws:PrincipalServiceName", principal.name);
      return;
    default:
      break;
  }
  addDerived(map, "aws:PrincipalAccount", principal.account);
  addDerived(map, "aws:PrincipalType", PRINCIPAL_TYPE[principal.kind]);
  addDerived(map, "aws:PrincipalIsAWSService", "false");
  switch (principal.kind) {
    case "user":
      addDerived(map, "aws:PrincipalArn", principal.arn);
      addDerived(map, "aws:username", principal.name);
      // aws:userid of an IAM user is its unique id (AIDA…), which an ARN does not carry.
      return;
    case "root":
      addDerived(map, "aws:PrincipalArn", principal.arn);
      addDerived(map, "aws:userid", principal.account);
      return;
    case "assumed-role":
      // Role sessions report the role ARN (docs/evaluation-rules.md §8); the role id of aws:userid is not in the ARN.
      addDerived(map, "aws:PrincipalArn", principal.roleArn);
      return;
    case "role":
      addDerived(map, "aws:PrincipalArn", principal.arn);
      return;
    case "federated-user":
      addDerived(map, "aws:PrincipalArn", principal.arn);
      addDerived(map, "aws:userid", `${principal.account}:${principal.name}`);
      return;
  }
}
