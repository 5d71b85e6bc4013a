// Document, statement and element structure (LINT-CHECKS §A; IAM-SEMANTICS §1 grammar).
import type { PolicyType } from "../types.js";
import { closestName } from "./closest-name.js";
import type { ValidationContext } from "./context.js";
import { type JsonNode, jsonPathAppend } from "./json.js";
import {
  at,
  atKey,
  type Member,
  membersOf,
  type PolicyView,
  type StatementView,
  type StringList,
} from "./model.js";
import { POLICY_ELEMENTS, POLICY_VERSIONS, STATEMENT_ELEMENTS } from "../policy/grammar.js";

/** Policy types whose documents IAM itself stores: Sids are `[A-Za-z0-9]` and unique (§1.4). */
const IAM_STORED: readonly PolicyType[] = ["identity", "boundary", "session", "trust"];

function describeType(node: JsonNode): string {
  return node.type === "object"
    ? "an object"
    : node.type === "array"
      ? "an array"
      : `a ${node.type}`;
}

function elementHint(name: string, allowed: readonly string[]): string {
  const near = closestName(name, allowed);
  return near
    ? `Did you mean "${near}"? Valid elements: ${allowed.join(", ")}.`
    : `Valid elements: ${allowed.join(", ")}.`;
}

/** Every object in the tree: duplicate keys (§1.7: new policies with duplicates are rejected). */
function checkDuplicateKeys(ctx: ValidationContext, node: JsonNode, path: string): void {
  if (node.type === "object") {
    const seen = new Set<string>();
    for (const entry of node.entries) {
      const childPath = jsonPathAppend(path, entry.key);
      if (seen.has(entry.key))
        ctx.report(
          "DUPLICATE_ELEMENT",
          { path: childPath, loc: entry.keyLoc },
          `"${entry.key}" appears more than once in this object.`,
          "IAM rejects new policies with a duplicated key; JSON.parse would silently keep only the last one. Merge the values into one key.",
        );
      seen.add(entry.key);
      checkDuplicateKeys(ctx, entry.value, childPath);
    }
  } else if (node.type === "array") {
    node.items.forEach((item, i) => checkDuplicateKeys(ctx, item, jsonPathAppend(path, i)));
  }
}

/** IAM documents may contain only U+0009, U+000A, U+000D and U+0020–U+00FF (IAM quotas page). */
function checkCharacters(ctx: ValidationContext, node: JsonNode, path: string): boolean {
  const bad = (text: string) => /[^\t\n\r\u0020-\u00ff]/u.exec(text);
  if (node.type === "string") {
    const match = bad(node.value);
    if (match) {
      const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
      ctx.report(
        "INVALID_CHARACTER",
        at(path, node),
        `The character U+${code} is not allowed in an IAM policy document.`,
        "IAM policies may contain only tab, line feed, carriage return and U+0020–U+00FF.",
      );
      return true;
    }
  } else if (node.type === "object") {
    for (const entry of node.entries) {
      const childPath = jsonPathAppend(path, entry.key);
      const match = bad(entry.key);
      if (match) {
        ctx.report(
          "INVALID_CHARACTER",
          { path: childPath, loc: entry.keyLoc },
          `The key "${entry.key}" has a character that is not allowed in an IAM policy document.`,
          "IAM policies may contain only tab, line feed, carriage return and U+0020–U+00FF.",
        );
        return true;
      }
      if (checkCharacters(ctx, entry.value, childPath)) return true;
    }
  } else if (node.type === "array") {
    for (let i = 0; i < node.items.length; i++)
      if (checkCharacters(ctx, node.items[i]!, jsonPathAppend(path, i))) return true;
  }
  return false;
}

function checkTopLevel(ctx: ValidationContext, policy: PolicyView): void {
  for (const member of policy.members) {
    if (!POLICY_ELEMENTS.includes(member.key)) {
      ctx.report(
        "INVALID_POLICY_ELEMENT",
        atKey(member),
        `"${member.key}" is not a policy element.`,
        elementHint(member.key, POLICY_ELEMENTS),
      );
    }
  }

  const version = policy.element.get("Version");
  if (!version) {
    if (ctx.policyType === "rcp")
      ctx.report(
        "RCP_VERSION_REQUIRED",
        at("$", policy.root),
        'This RCP has no "Version".',
        'Every RCP must contain "Version": "2012-10-17" (Organizations, RCP syntax).',
      );
    else
      ctx.report(
        "MISSING_VERSION",
        at("$", policy.root),
        'The policy has no "Version", so it is processed with the 2008-10-17 grammar and policy variables are literal text.',
        'Add "Version": "2012-10-17" as the first element.',
      );
  } else if (version.value.type !== "string") {
    ctx.report(
      "DATA_TYPE_MISMATCH",
      at(version.path, version.value),
      `"Version" must be a string, not ${describeType(version.value)}.`,
      'Write "Version": "2012-10-17".',
    );
  } else if (!(POLICY_VERSIONS as readonly string[]).includes(version.value.value)) {
    ctx.report(
      "INVALID_VERSION",
      at(version.path, version.value),
      `"${version.value.value}" is not a policy language version.`,
      'The only versions are "2012-10-17" (current) and "2008-10-17" (legacy).',
    );
  } else if (version.value.value === "2008-10-17") {
    if (ctx.policyType === "rcp")
      ctx.report(
        "RCP_VERSION_REQUIRED",
        at(version.path, version.value),
        'This RCP uses "Version": "2008-10-17".',
        'Every RCP must contain "Version": "2012-10-17" (Organizations, RCP syntax).',
      );
    else
      ctx.report(
        "OLD_VERSION",
        at(version.path, version.value),
        'Version "2008-10-17" is the legacy grammar: policy variables such as ${aws:username} are literal text.',
        'Use "Version": "2012-10-17".',
      );
  }

  const id = policy.element.get("Id");
  if (id && id.value.type !== "string")
    ctx.report(
      "DATA_TYPE_MISMATCH",
      at(id.path, id.value),
      `"Id" must be a string, not ${describeType(id.value)}.`,
    );
  // The policy Id is for resource-based policies (SQS, SNS); IAM-SEMANTICS §1.3: not in identity policies.
  if (
    id &&
    (ctx.policyType === "identity" || ctx.policyType === "boundary" || ctx.policyType === "session")
  )
    ctx.report(
      "INVALID_POLICY_ELEMENT",
      atKey(id),
      '"Id" is not supported in identity-based policies, permissions boundaries or session policies.',
      'Remove "Id"; use a Sid per statement to name statements.',
    );

  const statement = policy.statementMember;
  if (!statement) {
    ctx.report(
      "MISSING_STATEMENT",
      at("$", policy.root),
      'The policy has no "Statement".',
      'Add "Statement": [ { "Effect": …, "Action": …, "Resource": … } ].',
    );
  } else if (statement.value.type === "array") {
    if (statement.value.items.length === 0)
      ctx.report(
        "MISSING_STATEMENT",
        at(statement.path, statement.value),
        '"Statement" is empty.',
        "A policy needs at least one statement.",
      );
    statement.value.items.forEach((item, i) => {
      if (item.type !== "object")
        ctx.report(
          "DATA_TYPE_MISMATCH",
          at(jsonPathAppend(statement.path, i), item),
          `A statement must be an object, not ${describeType(item)}.`,
        );
    });
  } else if (statement.value.type !== "object") {
    ctx.report(
      "DATA_TYPE_MISMATCH",
      at(statement.path, statement.value),
      `"Statement" must be an object or an array of objects, not ${describeType(statement.value)}.`,
    );
  }
}

/** `Action`, `Resource`…: a string or an array of strings. */
function checkStringListType(ctx: ValidationContext, list: StringList | undefined): void {
  if (!list) return;
  for (const member of list.members) {
    const value = member.value;
    if (value.type === "array") {
      value.items.forEach((item, i) => {
        if (item.type !== "string")
          ctx.report(
            "DATA_TYPE_MISMATCH",
            at(jsonPathAppend(member.path, i), item),
            `Each "${list.element}" entry must be a string, not ${describeType(item)}.`,
          );
      });
    } else if (value.type !== "string") {
      ctx.report(
        "DATA_TYPE_MISMATCH",
        at(member.path, value),
        `"${list.element}" must be a string or an array of strings, not ${describeType(value)}.`,
      );
    }
  }
}

function checkCondition(ctx: ValidationContext, condition: Member | undefined): void {
  if (!condition) return;
  if (condition.value.type !== "object") {
    ctx.report(
      "DATA_TYPE_MISMATCH",
      at(condition.path, condition.value),
      `"Condition" must be an object of operators, not ${describeType(condition.value)}.`,
      'Write "Condition": { "StringEquals": { "aws:PrincipalTag/team": "blue" } }.',
    );
    return;
  }
  if (condition.value.entries.length === 0) {
    ctx.report(
      "EMPTY_OBJECT_CONDITION",
      at(condition.path, condition.value),
      'The empty "Condition" block has no effect.',
      "Remove it, or add the conditions you meant.",
    );
  }
  for (const operator of membersOf(condition.value, condition.path)) {
    if (operator.value.type !== "object") {
      ctx.report(
        "DATA_TYPE_MISMATCH",
        at(operator.path, operator.value),
        `The "${operator.key}" block must be an object of condition keys, not ${describeType(operator.value)}.`,
      );
      continue;
    }
    for (const key of membersOf(operator.value, operator.path)) {
      const value = key.value;
      const items = value.type === "array" ? value.items : [value];
      items.forEach((item, i) => {
        if (item.type === "object" || item.type === "array" || item.type === "null")
          ctx.report(
            "DATA_TYPE_MISMATCH",
            at(value.type === "array" ? jsonPathAppend(key.path, i) : key.path, item),
            `A condition value must be a string, number or boolean, not ${describeType(item)}.`,
          );
      });
    }
  }
}

function checkStatement(ctx: ValidationContext, statement: StatementView): void {
  for (const member of statement.members) {
    if (!STATEMENT_ELEMENTS.includes(member.key))
      ctx.report(
        "INVALID_POLICY_ELEMENT",
        atKey(member),
        `"${member.key}" is not a statement element.`,
        elementHint(member.key, STATEMENT_ELEMENTS),
      );
  }

  const sid = statement.element.get("Sid");
  if (sid) {
    if (sid.value.type !== "string")
      ctx.report(
        "DATA_TYPE_MISMATCH",
        at(sid.path, sid.value),
        `"Sid" must be a string, not ${describeType(sid.value)}.`,
      );
    else if (sid.value.value === "")
      ctx.report(
        "EMPTY_SID_VALUE",
        at(sid.path, sid.value),
        'The "Sid" is empty.',
        "Remove it or give it a name.",
      );
    else if (IAM_STORED.includes(ctx.policyType) && !/^[A-Za-z0-9]+$/.test(sid.value.value))
      ctx.report(
        "UNSUPPORTED_SID",
        at(sid.path, sid.value),
        `The Sid "${sid.value.value}" has characters IAM does not accept.`,
        "In IAM policies a Sid may contain only A–Z, a–z and 0–9.",
      );
  }

  const effect = statement.element.get("Effect");
  if (!effect) {
    ctx.report(
      "MISSING_EFFECT",
      at(statement.path, statement.node),
      'The statement has no "Effect".',
      'Add "Effect": "Allow" or "Effect": "Deny".',
    );
  } else if (effect.value.type !== "string") {
    ctx.report(
      "DATA_TYPE_MISMATCH",
      at(effect.path, effect.value),
      `"Effect" must be the string "Allow" or "Deny", not ${describeType(effect.value)}.`,
    );
  } else if (effect.value.value !== "Allow" && effect.value.value !== "Deny") {
    const written = effect.value.value;
    const near = ["Allow", "Deny"].find((e) => e.toLowerCase() === written.trim().toLowerCase());
    ctx.report(
      "INVALID_EFFECT",
      at(effect.path, effect.value),
      `"${effect.value.value}" is not an effect.`,
      near
        ? `Effect is case-sensitive: write "${near}".`
        : 'The effect is exactly "Allow" or "Deny".',
    );
  }

  const hasAction = statement.action || statement.notAction;
  if (!hasAction)
    ctx.report(
      "MISSING_ACTION",
      at(statement.path, statement.node),
      'The statement has neither "Action" nor "NotAction".',
    );
  if (statement.action && statement.notAction)
    ctx.report(
      "UNSUPPORTED_ELEMENT_COMBINATION",
      atKey(statement.notAction.members[0]!),
      'A statement cannot have both "Action" and "NotAction".',
      "Keep one of them.",
    );
  if (statement.resource && statement.notResource)
    ctx.report(
      "UNSUPPORTED_ELEMENT_COMBINATION",
      atKey(statement.notResource.members[0]!),
      'A statement cannot have both "Resource" and "NotResource".',
      "Keep one of them.",
    );
  if (statement.principal && statement.notPrincipal)
    ctx.report(
      "UNSUPPORTED_ELEMENT_COMBINATION",
      atKey(statement.element.get("NotPrincipal")!),
      'A statement cannot have both "Principal" and "NotPrincipal".',
      "Keep one of them.",
    );
  // Role trust policies apply to their own role and have no Resource (§1.6).
  if (!statement.resource && !statement.notResource && ctx.policyType !== "trust")
    ctx.report(
      "MISSING_RESOURCE",
      at(statement.path, statement.node),
      'The statement has neither "Resource" nor "NotResource".',
      'Add "Resource" with the ARNs the statement is about (or "*").',
    );

  for (const list of [
    statement.action,
    statement.notAction,
    statement.resource,
    statement.notResource,
  ])
    checkStringListType(ctx, list);

  if (statement.action?.emptyArray)
    ctx.report(
      "EMPTY_ARRAY_ACTION",
      at(statement.action.members[0]!.path, statement.action.members[0]!.value),
      'The empty "Action" list matches no action, so the statement has no effect.',
      "Add actions or remove the statement.",
    );
  if (statement.resource?.emptyArray)
    ctx.report(
      "EMPTY_ARRAY_RESOURCE",
      at(statement.resource.members[0]!.path, statement.resource.members[0]!.value),
      'The empty "Resource" list matches no resource, so the statement has no effect.',
      "Add resources or remove the statement.",
    );

  checkCondition(ctx, statement.condition);
}

function checkSids(ctx: ValidationContext, policy: PolicyView): void {
  const seen = new Map<string, number>();
  const strict = IAM_STORED.includes(ctx.policyType);
  for (const statement of policy.statements) {
    if (!statement.sid) continue;
    const first = seen.get(statement.sid);
    if (first === undefined) {
      seen.set(statement.sid, statement.index);
      continue;
    }
    const sid = statement.element.get("Sid")!;
    ctx.report(
      strict ? "UNIQUE_SIDS_REQUIRED" : "UNIQUE_SIDS_RECOMMENDED",
      at(sid.path, sid.value),
      `The Sid "${statement.sid}" is already used by statement ${first}.`,
      strict
        ? "IAM requires every Sid in a policy to be unique."
        : "Give each statement its own Sid.",
    );
  }
}

/** Length of the document with all insignificant whitespace removed (how IAM counts its quotas). */
function minifiedLength(node: JsonNode): number {
  switch (node.type) {
    case "object":
      return (
        2 +
        Math.max(0, node.entries.length - 1) +
        node.entries.reduce(
          (sum, e) => sum + JSON.stringify(e.key).length + 1 + minifiedLength(e.value),
          0,
        )
      );
    case "array":
      return (
        2 +
        Math.max(0, node.items.length - 1) +
        node.items.reduce((sum, item) => sum + minifiedLength(item), 0)
      );
    case "string":
      return JSON.stringify(node.value).length;
    case "number":
      return node.raw.length;
    case "boolean":
      return String(node.value).length;
    case "null":
      return 4;
  }
}

/** Size quotas by policy type (IAM-SEMANTICS §1.9). Resource policies vary by service: the S3 bucket
 * policy quota (20 KB, whitespace counted) is used as the common upper bound. */
function checkSize(
  ctx: ValidationContext,
  policy: PolicyView,
  text: string | undefined,
  awsManaged: boolean,
): void {
  // The 6,144 quota is the customer managed policy quota (IAM quotas page); AWS managed policies exceed it.
  if (awsManaged && (ctx.policyType === "identity" || ctx.policyType === "boundary")) return;
  const compact = minifiedLength(policy.root);
  // Outer whitespace (a file's trailing newline, padding) is not part of the document.
  const full = text?.trim().length ?? compact;
  const quota = (
    {
      identity: {
        code: "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA",
        limit: 6144,
        size: compact,
        ws: false,
      },
      boundary: {
        code: "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA",
        limit: 6144,
        size: compact,
        ws: false,
      },
      trust: {
        code: "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA",
        limit: 2048,
        size: compact,
        ws: false,
      },
      session: {
        code: "POLICY_SIZE_EXCEEDS_SESSION_POLICY_QUOTA",
        limit: 2048,
        size: compact,
        ws: false,
      },
      resource: {
        code: "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA",
        limit: 20480,
        size: full,
        ws: true,
      },
      scp: { code: "POLICY_SIZE_EXCEEDS_SCP_QUOTA", limit: 5120, size: full, ws: true },
      rcp: { code: "POLICY_SIZE_EXCEEDS_RCP_QUOTA", limit: 5120, size: full, ws: true },
    } as const
  )[ctx.policyType];
  if (quota.size <= quota.limit) return;
  const counted = quota.ws ? "every character, whitespace included" : "whitespace not counted";
  const hints: Record<PolicyType, string> = {
    identity:
      "Customer managed policies are limited to 6,144 characters. Split the policy or use wildcards.",
    boundary: "Managed policies are limited to 6,144 characters.",
    trust: "Role trust policies are limited to 2,048 characters by default (adjustable to 4,096).",
    session: "Session policies are limited to 2,048 characters.",
    resource: "Resource policy quotas depend on the service (S3 bucket policies: 20 KB).",
    scp: "All characters of an SCP count, whitespace included: minify it or split it into several SCPs.",
    rcp: "All characters of an RCP count, whitespace included: minify it or split it into several RCPs.",
  };
  ctx.report(
    quota.code,
    at("$", policy.root),
    `The policy has ${quota.size} characters (${counted}); the quota is ${quota.limit}.`,
    hints[ctx.policyType],
  );
}

export function checkStructure(
  ctx: ValidationContext,
  policy: PolicyView,
  text: string | undefined,
  awsManaged = false,
): void {
  if (policy.root.type !== "object") {
    ctx.report(
      "DATA_TYPE_MISMATCH",
      at("$", policy.root),
      `A policy document must be a JSON object, not ${describeType(policy.root)}.`,
      'Start with { "Version": "2012-10-17", "Statement": [ … ] }.',
    );
    return;
  }
  checkDuplicateKeys(ctx, policy.root, "$");
  if (IAM_STORED.includes(ctx.policyType)) checkCharacters(ctx, policy.root, "$");
  checkTopLevel(ctx, policy);
  for (const statement of policy.statements) checkStatement(ctx, statement);
  checkSids(ctx, policy);
  checkSize(ctx, policy, text, awsManaged);
}
