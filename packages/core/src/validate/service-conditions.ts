// Condition key checks that need the IAM service data (docs/checks.md group D, SR): unknown service keys,
// keys no listed action supports, and tag keys that some services of the statement do not support.
import type { ServiceInfo } from "../types.js";
import { closestName } from "../closest-name.js";
import type { KeyTypeLookup } from "./conditions.js";
import type { ValidationContext } from "./context.js";
import { globalKeyType, SERVICE_PREFIXED_GLOBAL_KEYS } from "./global-keys.js";
import type { LocatedCondition, LocatedStatement } from "../policy/located-policy.js";
import { type ResolvedAction, serviceIndex } from "./service-index.js";

/** Keys of identity providers (`accounts.google.com:aud`, `saml:sub`…): not service keys. */
function isProviderKey(prefix: string): boolean {
  return prefix.includes(".") || prefix === "saml";
}

const SERVICE_GLOBAL = new Set(
  Object.keys(SERVICE_PREFIXED_GLOBAL_KEYS).map((k) => k.toLowerCase()),
);

/** Key types: global table first, then the service data. */
export function keyTypeLookup(ctx: ValidationContext): KeyTypeLookup {
  return (key) => {
    const global = globalKeyType(key);
    if (global) return global;
    const data = ctx.serviceData;
    if (!data) return undefined;
    const prefix = key.slice(0, key.indexOf(":")).toLowerCase();
    const service = data.service(prefix);
    if (!service) return undefined;
    const type = serviceIndex(data).keyType(service, key);
    return type ? { type } : undefined;
  };
}

/** The concrete actions a statement's Action list names (wildcards expanded); undefined for "*"/NotAction. */
function statementActions(
  ctx: ValidationContext,
  statement: LocatedStatement,
): ResolvedAction[] | undefined {
  if (!ctx.serviceData || !statement.action) return undefined;
  const index = serviceIndex(ctx.serviceData);
  const actions: ResolvedAction[] = [];
  for (const item of statement.action.items) {
    if (item.value === "*" || !item.value.includes(":")) return undefined;
    const result = index.expand(item.value);
    if (result.kind === "actions") actions.push(...result.actions);
  }
  return actions;
}

function checkServiceKey(
  ctx: ValidationContext,
  entry: LocatedCondition,
  actions: ResolvedAction[] | undefined,
): void {
  const data = ctx.serviceData!;
  const index = serviceIndex(data);
  const colon = entry.key.indexOf(":");
  const prefix = entry.key.slice(0, colon).toLowerCase();
  const place = entry.keyMember.keyLoc;
  if (prefix === "aws" || isProviderKey(prefix) || SERVICE_GLOBAL.has(entry.key.toLowerCase()))
    return;
  const service =
    data.service(prefix) ??
    index.servicesDefiningPrefix(prefix).find((s) => index.keyDefined(s, entry.key));
  if (!service) {
    const near = closestName(prefix, data.prefixes());
    ctx.report(
      "INVALID_SERVICE",
      place,
      `The service prefix "${prefix}" of "${entry.key}" is unknown to the IAM data of ${data.updatedAt}.`,
      near ? `Did you mean "${near}${entry.key.slice(colon)}"?` : undefined,
    );
    return;
  }
  if (!index.keyDefined(service, entry.key)) {
    const near = closestName(
      entry.key,
      Object.values(service.conditionKeys).map((k) => k.name),
    );
    ctx.report(
      "INVALID_SERVICE_CONDITION_KEY",
      place,
      `"${entry.key}" is unknown to the IAM data of ${data.updatedAt} for ${service.name}.`,
      near ? `Did you mean "${near}"?` : undefined,
    );
    return;
  }
  if (!actions || actions.length === 0) return;
  // Only when no action of the statement supports the key: then the condition can never be evaluated
  // as written. Statements mixing supporting and other actions are common and deliberate.
  if (actions.some(({ service: s, action }) => index.actionSupportsKey(s, action, entry.key)))
    return;
  const supporting = index.actionsSupportingKey(service, entry.key);
  if (supporting.length === 1) {
    ctx.report(
      "MISSING_ACTION_FOR_CONDITION_KEY",
      place,
      `"${entry.key}" is only evaluated for ${service.prefix}:${supporting[0]!.name}, which this statement does not include.`,
      `Add "${service.prefix}:${supporting[0]!.name}" to the statement, or remove the condition.`,
    );
    return;
  }
  const names = actions.slice(0, 3).map((a) => `${a.service.prefix}:${a.action.name}`);
  ctx.report(
    "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
    place,
    `No action of this statement supports "${entry.key}" (${names.join(", ")}${actions.length > 3 ? ", …" : ""}), so the condition is never met for them.`,
    supporting.length > 0
      ? `It is supported by e.g. ${supporting
          .slice(0, 3)
          .map((a) => `${service.prefix}:${a.name}`)
          .join(", ")}.`
      : undefined,
  );
}

/** Whether a condition is true when its key is missing (docs/evaluation-rules.md §5.3, §5.7): negated, IfExists, ForAllValues. */
function matchesWhenMissing(operator: string): boolean {
  return (
    operator.startsWith("ForAllValues:") ||
    operator.endsWith("IfExists") ||
    /Not(Equals|Like|IpAddress)/.test(operator)
  );
}

const TAG_KEYS = /^aws:(resourcetag\/.+|requesttag\/.+|tagkeys)$/;

/** Whether any action of the service supports a tag key (by the data's templates). */
function serviceSupports(
  ctx: ValidationContext,
  service: ServiceInfo,
  key: string,
  memo: Map<string, boolean>,
): boolean {
  const id = `${service.prefix}\u0000${key.toLowerCase()}`;
  let known = memo.get(id);
  if (known === undefined) {
    const index = serviceIndex(ctx.serviceData!);
    known = Object.values(service.actions).some((a) => index.actionSupportsKey(service, a, key));
    memo.set(id, known);
  }
  return known;
}

function checkTagSupport(
  ctx: ValidationContext,
  statement: LocatedStatement,
  memo: Map<string, boolean>,
): void {
  const data = ctx.serviceData!;
  const tagEntries = statement.conditions.filter((c) => TAG_KEYS.test(c.key.toLowerCase()));
  if (tagEntries.length === 0 || (statement.effect !== "Allow" && statement.effect !== "Deny"))
    return;
  const viaNotAction = !statement.action && statement.notAction !== undefined;
  let services: ServiceInfo[];
  if (viaNotAction) {
    // Services the NotAction does not exclude entirely.
    services = data
      .prefixes()
      .filter(
        (p) =>
          !statement.notAction!.items.some(
            (i) => i.value === "*" || i.value.toLowerCase() === `${p}:*`,
          ),
      )
      .map((p) => data.service(p))
      .filter((s): s is ServiceInfo => s !== undefined);
  } else {
    if (!statement.action) return;
    if (statement.action.items.some((i) => i.value === "*")) return; // "*": every service; AA reports per listed service
    const index = serviceIndex(data);
    const seen = new Set<ServiceInfo>();
    for (const item of statement.action.items) {
      const result = index.expand(item.value);
      if (result.kind === "actions") for (const a of result.actions) seen.add(a.service);
    }
    services = [...seen];
  }
  for (const entry of tagEntries) {
    const unsupported = services
      .filter((s) => !serviceSupports(ctx, s, entry.key, memo))
      .map((s) => s.prefix);
    if (unsupported.length === 0) continue;
    const code =
      statement.effect === "Deny"
        ? viaNotAction
          ? "DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
          : "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
        : viaNotAction
          ? "ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
          : "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE";
    const list =
      unsupported.slice(0, 5).join(", ") +
      (unsupported.length > 5 ? `, … (${unsupported.length} services)` : "");
    ctx.report(
      code,
      entry.keyMember.keyLoc,
      statement.effect === "Deny"
        ? `"${entry.key}" is not supported by ${list}: for their actions the key is missing and this Deny ${matchesWhenMissing(entry.operator) ? "applies regardless of tags" : "never applies"}.`
        : `"${entry.key}" is not supported by ${list}: for their actions the key is missing and this Allow ${matchesWhenMissing(entry.operator) ? "grants them whatever the tags" : "never grants them"}.`,
      "Split the statement by service, or use conditions those services support (IAM data of " +
        data.updatedAt +
        ").",
    );
  }
}

export function checkServiceConditions(
  ctx: ValidationContext,
  statement: LocatedStatement,
  memo: Map<string, boolean>,
): void {
  if (!ctx.serviceData || statement.conditions.length === 0) return;
  const actions = statementActions(ctx, statement);
  for (const entry of statement.conditions) {
    if (entry.key.indexOf(":") <= 0) continue;
    checkServiceKey(ctx, entry, actions);
  }
  checkTagSupport(ctx, statement, memo);
}
