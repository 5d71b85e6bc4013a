// `aws:ARN` in a condition. Access Analyzer has two findings for it (policy check reference):
// UNSUPPORTED_GLOBAL_CONDITION_KEY (ERROR, "aws:ARN is not supported. Use aws:PrincipalArn or aws:SourceArn")
// and DEPRECATED_GLOBAL_CONDITION_KEY (general warning, "update aws:ARN to … aws:PrincipalArn"). The reference
// does not say when each applies. The key is not on the global condition keys page, so the fail-safe reading
// is that it is never in the request context (docs/evaluation-rules.md §5.3: a missing key makes positive operators false
// and negated, IfExists and ForAllValues forms true). We split on what that does to the statement:
// - it widens access (an Allow whose condition is then always true, a Deny that then never applies): ERROR;
// - it only narrows access (an Allow that then never applies, a Deny that then always applies): WARNING.
import type { ValidationContext } from "./context.js";
import type { KnownOperator } from "./conditions.js";
import type { LocatedCondition } from "../policy/located-policy.js";

/** Whether the condition entry is true when its key is missing from the request (docs/evaluation-rules.md §5.3, §5.5). */
export function trueWhenKeyMissing(entry: LocatedCondition, op: KnownOperator): boolean {
  if (op.info.family === "Null")
    return entry.values.some((v) => v.text.toLowerCase() === "true") && op.qualifier === undefined;
  if (op.qualifier === "ForAllValues" || op.ifExists) return true;
  if (op.qualifier === "ForAnyValue") return false;
  return op.info.negated;
}

/** Reports `aws:ARN`; returns true when the key was `aws:ARN` (so no other key checks apply). */
export function checkLegacyArnKey(
  ctx: ValidationContext,
  entry: LocatedCondition,
  op: KnownOperator | undefined,
  effect: string | undefined,
): boolean {
  if (entry.key.toLowerCase() !== "aws:arn") return false;
  const place = entry.keyMember.keyLoc;
  const missingMakesTrue = op ? trueWhenKeyMissing(entry, op) : false;
  // Unknown operator or effect: the operator check already reports it; stay on the fail-safe side.
  const widens =
    !op || (effect !== "Allow" && effect !== "Deny")
      ? true
      : effect === "Allow"
        ? missingMakesTrue
        : !missingMakesTrue;
  if (widens)
    ctx.report(
      "UNSUPPORTED_GLOBAL_CONDITION_KEY",
      place,
      `"${entry.key}" is not supported: the key is never in the request, so this condition ${effect === "Deny" ? "never lets the Deny apply" : "is always true and the Allow applies to every request"}.`,
      "Use aws:PrincipalArn to test the caller's ARN, or aws:SourceArn for the resource a service acts for.",
    );
  else
    ctx.report(
      "DEPRECATED_GLOBAL_CONDITION_KEY",
      place,
      `"${entry.key}" is deprecated: the key is not in the request, so this ${effect === "Deny" ? "Deny applies to every request" : "Allow never applies"}.`,
      "Use aws:PrincipalArn (the caller's ARN) instead.",
    );
  return true;
}
