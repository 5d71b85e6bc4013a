// Which actions a principal's policies could possibly allow, found without evaluating them, so that
// `can` evaluates only those. A request is allowed only through an Allow statement whose Action (or
// NotAction) block matches the action, in the identity or the resource layer (docs/evaluation-rules.md
// §7.2: boundaries, session policies, SCPs and RCPs only limit); the exceptions are the account root
// user, whose identity side needs no statement (§7.1), and sts:GetCallerIdentity, which needs no
// permission (§7.1). Skipping the other actions cannot change an answer: the differential test
// (test/account/can-prefilter.test.ts) compares the result with every action evaluated.
import type { CompiledStatement } from "../evaluation/compiled-policy.js";
import { forEachCandidate } from "../evaluation/compiled-policy.js";
import type { PolicyRef } from "../evaluation/load-policies.js";
import { loadPolicySet } from "../evaluation/load-policies.js";
import { statementMatchesAction } from "../evaluation/match-statement.js";
import { parseRequestPrincipal } from "../matching/principal.js";
import type { PolicySet } from "../types.js";

/** Actions allowed whatever the statements say (for IAM principals). */
const NEEDS_NO_STATEMENT: ReadonlySet<string> = new Set(["sts:getcalleridentity"]);

export interface GrantPrefilter {
  /** The Allow statements that could match an action of the service (lower-case prefix). */
  statementsFor(service: string): readonly CompiledStatement[];
  /** Whether one of `statements` matches the action (lower case, of `service`), or it needs no statement. */
  mayAllow(statements: readonly CompiledStatement[], actionLower: string, service: string): boolean;
}

/**
 * The prefilter of a principal's policy set (loaded as `compile()` loads it, so from its cache);
 * undefined when every action must be evaluated: the set does not load (the evaluation reports
 * why) or the principal is the root user.
 */
export function grantPrefilter(
  policies: PolicySet,
  principalArn: string,
): GrantPrefilter | undefined {
  const principal = parseRequestPrincipal(principalArn);
  if (!("error" in principal) && principal.kind === "root") return undefined;
  const loaded = loadPolicySet(policies, true);
  if ("error" in loaded) return undefined;
  const granting: PolicyRef[] = [...loaded.identity, ...(loaded.resource ?? [])];
  const byService = new Map<string, CompiledStatement[]>();
  return {
    statementsFor(service) {
      let found = byService.get(service);
      if (found === undefined) {
        found = [];
        for (const ref of granting)
          forEachCandidate(ref.compiled, service, (s) => {
            // Anything but exactly "Allow" is a Deny (layer.ts).
            if (s.statement.effect === "Allow") found!.push(s);
          });
        byService.set(service, found);
      }
      return found;
    },
    mayAllow(statements, actionLower, service) {
      if (NEEDS_NO_STATEMENT.has(actionLower)) return true;
      for (let i = 0; i < statements.length; i++)
        if (statementMatchesAction(statements[i]!, actionLower, service)) return true;
      return false;
    },
  };
}
