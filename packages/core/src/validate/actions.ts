// Action / NotAction checks (docs/checks.md group B, §F, §G; docs/evaluation-rules.md §2): format, service data lookups,
// redundancy, SCP wildcards, and the security warnings that depend on which actions a statement grants.
import { closestName } from "../closest-name.js";
import type { ValidationContext } from "./context.js";
import type { LocatedList, LocatedPattern, LocatedStatement } from "../policy/located-policy.js";
import { serviceIndex } from "./service-index.js";
import { checkNoVariable } from "./variables.js";
import { hasWildcard, patternCovers } from "./wildcards.js";

function checkFormat(ctx: ValidationContext, item: LocatedPattern, element: string): boolean {
  if (checkNoVariable(ctx, item.value, item.loc, element)) return false;
  if (item.value === "*") return true;
  const colon = item.value.indexOf(":");
  if (colon <= 0 || colon === item.value.length - 1 || /\s/.test(item.value)) {
    ctx.report(
      "INVALID_ACTION_FORMAT",
      item.loc,
      `"${item.value}" is not an action: actions have the form service:ActionName.`,
      'For example "s3:GetObject", "ec2:Describe*" or "*".',
    );
    return false;
  }
  const prefix = item.value.slice(0, colon);
  if (hasWildcard(prefix))
    ctx.report(
      "WILDCARD_IN_SERVICE_NAME",
      item.loc,
      `"${item.value}" has a wildcard in the service prefix, which can match unrelated or future services.`,
      "Name the service prefix in full.",
    );
  if (ctx.policyType === "scp") {
    const name = item.value.slice(colon + 1);
    const star = name.indexOf("*");
    if (name.includes("?") || (star >= 0 && star !== name.length - 1) || hasWildcard(prefix))
      ctx.report(
        "SCP_SYNTAX_ERROR_ACTION_WILDCARD",
        item.loc,
        `In an SCP a wildcard may only end the action name; "${item.value}" has one elsewhere.`,
        'Write e.g. "s3:Get*", or list the actions.',
      );
  }
  return true;
}

/** INVALID_SERVICE_IN_ACTION / INVALID_ACTION against the IAM data. */
function checkKnown(ctx: ValidationContext, item: LocatedPattern): void {
  const data = ctx.serviceData;
  if (!data || item.value === "*") return;
  const index = serviceIndex(data);
  const result = index.expand(item.value);
  const colon = item.value.indexOf(":");
  const prefix = item.value.slice(0, colon);
  const name = item.value.slice(colon + 1);
  if (result.kind === "unknown-service") {
    const near = closestName(prefix.toLowerCase(), data.prefixes());
    ctx.report(
      "INVALID_SERVICE_IN_ACTION",
      item.loc,
      `The service prefix "${prefix}" is unknown to the IAM data of ${data.updatedAt}.`,
      near
        ? `Did you mean "${near}:${name}"?`
        : "Check the prefix in the Service Authorization Reference.",
    );
    return;
  }
  if (result.actions.length > 0 || hasWildcard(prefix)) return;
  const service = data.service(prefix.toLowerCase())!;
  if (hasWildcard(name)) {
    ctx.report(
      "INVALID_ACTION",
      item.loc,
      `"${item.value}" matches no action of ${service.prefix} in the IAM data of ${data.updatedAt}.`,
      "Check the pattern against the service's action list.",
    );
    return;
  }
  const near = closestName(
    name,
    Object.values(service.actions).map((a) => a.name),
  );
  ctx.report(
    "INVALID_ACTION",
    item.loc,
    `The action "${item.value}" is unknown to the IAM data of ${data.updatedAt}.`,
    near
      ? `Did you mean "${service.prefix}:${near}"?`
      : `See the ${service.name} actions in the Service Authorization Reference.`,
  );
}

/** An entry already covered by an earlier (or broader) entry of the same list. Only wildcard entries can
 * cover other entries, so duplicates go through a set and only wildcard entries are tried as covers. */
function checkRedundant(ctx: ValidationContext, list: LocatedList | undefined): void {
  if (!list) return;
  const items = list.items.filter((i) => i.value.includes(":") || i.value === "*");
  const wildcards = items.filter((i) => hasWildcard(i.value));
  const seen = new Map<string, LocatedPattern>();
  for (const item of items) {
    const key = item.value.toLowerCase();
    const twin = seen.get(key);
    if (twin) {
      ctx.report("REDUNDANT_ACTION", item.loc, `"${item.value}" is listed twice.`, "Remove it.");
      continue;
    }
    seen.set(key, item);
    const cover = wildcards.find(
      (other) =>
        other !== item &&
        other.value.toLowerCase() !== key &&
        patternCovers(other.value, item.value),
    );
    if (cover)
      ctx.report(
        "REDUNDANT_ACTION",
        item.loc,
        `"${item.value}" is already covered by "${cover.value}".`,
        "Remove it.",
      );
  }
}

function isStarResource(pattern: string): boolean {
  return pattern === "*";
}

/** Resource patterns that cover every role: "*" or `arn:…:iam::ACCOUNT-or-*:role/*`. */
function coversAllRoles(pattern: string): boolean {
  return pattern === "*" || /^arn:[^:]*:iam::[^:]*:(role\/)?\*$/.test(pattern);
}

type Reach = "direct" | "wildcard" | "notaction" | undefined;

/** How a statement reaches an action: named, through a wildcard, or through NotAction. */
function reachOf(statement: LocatedStatement, action: string): Reach {
  if (statement.action) {
    const items = statement.action.items;
    if (items.some((i) => i.value.toLowerCase() === action.toLowerCase())) return "direct";
    if (items.some((i) => patternCovers(i.value, action))) return "wildcard";
    return undefined;
  }
  if (statement.notAction && !statement.notAction.items.some((i) => patternCovers(i.value, action)))
    return "notaction";
  return undefined;
}

/** PASS_ROLE_… and CREATE_SLR_… variants (AA reference; docs/checks.md group G). */
function checkSensitiveAction(
  ctx: ValidationContext,
  statement: LocatedStatement,
  action: string,
  guardKey: string,
  codes: {
    starInResource: "PASS_ROLE_WITH_STAR_IN_RESOURCE" | "CREATE_SLR_WITH_STAR_IN_RESOURCE";
    starInActionAndResource:
      "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE" | "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE";
    notResource: "PASS_ROLE_WITH_NOTRESOURCE" | "CREATE_SLR_WITH_NOTRESOURCE";
    notActionAndNotResource:
      "PASS_ROLE_WITH_NOTACTION_AND_NOTRESOURCE" | "CREATE_SLR_WITH_NOTACTION_AND_NOTRESOURCE";
    starInResourceAndNotAction:
      | "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOTACTION"
      | "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOTACTION";
    starInActionAndNotResource:
      | "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOTRESOURCE"
      | "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOTRESOURCE";
  },
  allResources: (pattern: string) => boolean,
  hint: string,
): void {
  if (statement.effect !== "Allow") return;
  if (statement.conditions.some((c) => c.key.toLowerCase() === guardKey.toLowerCase())) return;
  const reach = reachOf(statement, action);
  if (!reach) return;
  const notResource = statement.notResource;
  const starResource = statement.resource?.items.find((i) => allResources(i.value));
  if (!notResource && !starResource) return;
  const code = notResource
    ? reach === "direct"
      ? codes.notResource
      : reach === "wildcard"
        ? codes.starInActionAndNotResource
        : codes.notActionAndNotResource
    : reach === "direct"
      ? codes.starInResource
      : reach === "wildcard"
        ? codes.starInActionAndResource
        : codes.starInResourceAndNotAction;
  const place = notResource ? notResource.members[0]!.keyLoc : starResource!.loc;
  const how =
    reach === "direct"
      ? `"${action}"`
      : reach === "wildcard"
        ? `"${action}" (through a wildcard action)`
        : `"${action}" (through NotAction)`;
  ctx.report(
    code,
    place,
    `This statement allows ${how} on ${notResource ? "everything not listed in NotResource" : "all resources"}.`,
    hint,
  );
}

function checkSecurity(ctx: ValidationContext, statement: LocatedStatement): void {
  if (statement.effect !== "Allow") return;
  checkSensitiveAction(
    ctx,
    statement,
    "iam:PassRole",
    "iam:PassedToService",
    {
      starInResource: "PASS_ROLE_WITH_STAR_IN_RESOURCE",
      starInActionAndResource: "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
      notResource: "PASS_ROLE_WITH_NOTRESOURCE",
      notActionAndNotResource: "PASS_ROLE_WITH_NOTACTION_AND_NOTRESOURCE",
      starInResourceAndNotAction: "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOTACTION",
      starInActionAndNotResource: "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOTRESOURCE",
    },
    coversAllRoles,
    'Passing any role to any service can escalate privileges: list the role ARNs and add an "iam:PassedToService" condition.',
  );
  checkSensitiveAction(
    ctx,
    statement,
    "iam:CreateServiceLinkedRole",
    "iam:AWSServiceName",
    {
      starInResource: "CREATE_SLR_WITH_STAR_IN_RESOURCE",
      starInActionAndResource: "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE",
      notResource: "CREATE_SLR_WITH_NOTRESOURCE",
      notActionAndNotResource: "CREATE_SLR_WITH_NOTACTION_AND_NOTRESOURCE",
      starInResourceAndNotAction: "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOTACTION",
      starInActionAndNotResource: "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOTRESOURCE",
    },
    isStarResource,
    'Limit it to the services you use with an "iam:AWSServiceName" condition or service-linked role ARNs.',
  );

  if (statement.notResource)
    ctx.report(
      "NOTRESOURCE_WITH_ALLOW",
      statement.notResource.members[0]!.keyLoc,
      '"Allow" with "NotResource" grants the actions on every resource not listed, including ones created later.',
      'List the resources in "Resource" instead.',
    );
  if (statement.notAction)
    ctx.report(
      "NOTACTION_WITH_ALLOW",
      statement.notAction.members[0]!.keyLoc,
      '"Allow" with "NotAction" grants every action not listed, including actions of services added later.',
      'List the actions in "Action" instead, or use NotAction only with "Deny".',
    );
  const allActions = statement.action?.items.find((i) => i.value === "*" || i.value === "*:*");
  if (
    allActions &&
    statement.resource?.items.some((i) => i.value === "*") &&
    statement.conditions.length === 0
  )
    ctx.report(
      "FULL_ADMIN_ACCESS",
      allActions.loc,
      'This statement allows every action on every resource ("*" on "*"): full administrator access.',
      "Grant only the actions and resources needed.",
    );
}

/** The statement of the AWS managed RCPFullAWSAccess, the one place an RCP may Allow (RCP syntax). */
function isRcpFullAwsAccess(statement: LocatedStatement): boolean {
  const only = (list: LocatedList | undefined) =>
    list?.items.length === 1 && list.items[0]!.value === "*";
  return (
    only(statement.action) &&
    only(statement.resource) &&
    statement.principal?.wildcard === true &&
    statement.condition === undefined
  );
}

export function checkActions(ctx: ValidationContext, statement: LocatedStatement): void {
  for (const list of [statement.action, statement.notAction]) {
    if (!list) continue;
    for (const item of list.items) if (checkFormat(ctx, item, list.element)) checkKnown(ctx, item);
    checkRedundant(ctx, list);
  }
  // Boundaries, session policies, SCPs and RCPs only limit; the grant warnings are for policies that grant.
  if (ctx.policyType === "identity" || ctx.policyType === "resource") checkSecurity(ctx, statement);
  else if (
    ctx.policyType === "rcp" &&
    statement.effect === "Allow" &&
    !isRcpFullAwsAccess(statement)
  ) {
    const effect = statement.elements.get("Effect")!;
    ctx.report(
      "RCP_ALLOW_NOT_SUPPORTED",
      effect.loc,
      'A custom RCP cannot use "Allow": Allow is only supported in RCPFullAWSAccess.',
      'Write RCP statements as "Deny" with "Principal": "*" and conditions.',
    );
  }
}
