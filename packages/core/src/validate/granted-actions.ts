// Which actions a policy's Allow statements grant, for the parliament checks that flag capabilities
// (PERMISSIONS_MANAGEMENT_ACTIONS, CREDENTIALS_EXPOSURE). Like parliament's "allowed actions", conditions
// are not evaluated: a conditional grant still grants under some conditions. An action that an
// unconditional Deny on every resource takes away is not granted.
import type { ValidationContext } from "./context.js";
import type { CheckCode } from "./checks.js";
import type { LocatedPolicy, LocatedStatement } from "../policy/located-policy.js";
import { patternCovers } from "./wildcards.js";

/** Only policies that grant: boundaries, session policies, SCPs and RCPs only limit. */
export function policyGrants(ctx: ValidationContext): boolean {
  return ctx.policyType === "identity" || ctx.policyType === "resource";
}

/** Whether an unconditional Deny of the policy covers the action on every resource. */
export function deniedEverywhere(policy: LocatedPolicy, action: string): boolean {
  return policy.statements.some(
    (s) =>
      s.effect === "Deny" &&
      s.condition === undefined &&
      s.resource?.items.some((i) => i.value === "*") === true &&
      (s.action
        ? s.action.items.some((i) => patternCovers(i.value, action))
        : s.notAction !== undefined &&
          !s.notAction.items.some((i) => patternCovers(i.value, action))),
  );
}

/** Whether an Allow statement grants the action (through Action or NotAction). */
export function statementAllows(statement: LocatedStatement, action: string): boolean {
  if (statement.effect !== "Allow") return false;
  if (statement.action) return statement.action.items.some((i) => patternCovers(i.value, action));
  if (statement.notAction)
    return !statement.notAction.items.some((i) => patternCovers(i.value, action));
  return false;
}

export interface GrantedActionsCheck {
  code: Extract<CheckCode, "PERMISSIONS_MANAGEMENT_ACTIONS" | "CREDENTIALS_EXPOSURE">;
  /** The flagged actions an Action pattern matches (canonical `service:Name`). */
  matching(pattern: string): string[];
  /** Every flagged action, for NotAction (what it does not exclude is granted). */
  all(): string[];
  message(element: string, actions: string[]): string;
  hint: string;
}

function listed(actions: string[]): string {
  const shown = actions.slice(0, 4).join(", ");
  return actions.length > 4 ? `${shown} and ${actions.length - 4} more` : shown;
}

export { listed as listActions };

/** Whether the flagged actions are just the quoted Action entry itself (`"sts:AssumeRole"`). */
export function isItself(element: string, actions: string[]): boolean {
  return actions.length === 1 && element.toLowerCase() === `"${actions[0]!.toLowerCase()}"`;
}

/** One finding per Allow statement that grants flagged actions (through Action or NotAction). */
export function reportGrantedActions(
  ctx: ValidationContext,
  policy: LocatedPolicy,
  check: GrantedActionsCheck,
): void {
  const denied = new Map<string, boolean>();
  const granted = (action: string) => {
    let d = denied.get(action);
    if (d === undefined) denied.set(action, (d = deniedEverywhere(policy, action)));
    return !d;
  };
  for (const statement of policy.statements) {
    if (statement.effect !== "Allow") continue;
    if (statement.action) {
      // One finding per statement: at the entry that brings the actions in, or at "Action" when several do.
      const contributing = statement.action.items
        .filter((item) => item.value === "*" || item.value.includes(":"))
        .map((item) => ({ item, actions: check.matching(item.value).filter(granted) }))
        .filter((c) => c.actions.length > 0);
      if (contributing.length === 0) continue;
      const actions = [...new Set(contributing.flatMap((c) => c.actions))];
      const only = contributing.length === 1 ? contributing[0]!.item : undefined;
      ctx.report(
        check.code,
        only ? only.loc : statement.action.members[0]!.keyLoc,
        check.message(only ? `"${only.value}"` : '"Action"', actions),
        check.hint,
      );
    } else if (statement.notAction) {
      const excluded = statement.notAction.items.map((i) => i.value);
      const actions = check
        .all()
        .filter((a) => !excluded.some((p) => patternCovers(p, a)))
        .filter(granted);
      if (actions.length > 0)
        ctx.report(
          check.code,
          statement.notAction.members[0]!.keyLoc,
          check.message('"NotAction"', actions),
          check.hint,
        );
    }
  }
}
