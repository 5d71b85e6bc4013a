// Document and statement lints (docs/checks.md): characters, Version, Sids, empty lists, size quotas.
// The grammar itself (elements, types, required elements) is checked by the parser.
import type { PolicyType } from "../types.js";
import type { ValidationContext } from "./context.js";
import { type JsonNode, jsonPathAppend } from "../json/index.js";
import { locOf } from "../policy/element-reader.js";
import type { LocatedMember, LocatedPolicy, LocatedStatement } from "../policy/located-policy.js";
import { MISSING_RESOURCE_MESSAGE } from "../policy/grammar.js";

/** Policy types whose documents IAM itself stores: Sids are `[A-Za-z0-9]` and unique (docs/evaluation-rules.md §1.4). */
const IAM_STORED: readonly PolicyType[] = ["identity", "boundary", "session", "trust"];

/** IAM documents may contain only U+0009, U+000A, U+000D and U+0020–U+00FF (IAM quotas page). */
function checkCharacters(ctx: ValidationContext, node: JsonNode, path: string): boolean {
  const bad = (text: string) => /[^\t\n\r\u0020-\u00ff]/u.exec(text);
  if (node.type === "string") {
    const match = bad(node.value);
    if (match) {
      const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
      ctx.report(
        "INVALID_CHARACTER",
        locOf(path, node.loc),
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
          locOf(childPath, entry.keyLoc),
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

function checkTopLevel(ctx: ValidationContext, policy: LocatedPolicy): void {
  const version = policy.elements.get("Version");
  if (!version) {
    if (ctx.policyType === "rcp")
      ctx.report(
        "RCP_VERSION_REQUIRED",
        policy.loc,
        'This RCP has no "Version".',
        'Every RCP must contain "Version": "2012-10-17" (Organizations, RCP syntax).',
      );
    else
      ctx.report(
        "MISSING_VERSION",
        policy.loc,
        'The policy has no "Version", so it is processed with the 2008-10-17 grammar and policy variables are literal text.',
        'Add "Version": "2012-10-17" as the first element.',
      );
  } else if (version.value.type === "string" && version.value.value === "2008-10-17") {
    if (ctx.policyType === "rcp")
      ctx.report(
        "RCP_VERSION_REQUIRED",
        version.loc,
        'This RCP uses "Version": "2008-10-17".',
        'Every RCP must contain "Version": "2012-10-17" (Organizations, RCP syntax).',
      );
    else
      ctx.report(
        "OLD_VERSION",
        version.loc,
        'Version "2008-10-17" is the legacy grammar: policy variables such as ${aws:username} are literal text.',
        'Use "Version": "2012-10-17".',
      );
  }

  // The policy Id is for resource-based policies (SQS, SNS); IAM does not take it in identity policies.
  const id = policy.elements.get("Id");
  if (
    id &&
    (ctx.policyType === "identity" || ctx.policyType === "boundary" || ctx.policyType === "session")
  )
    ctx.report(
      "INVALID_POLICY_ELEMENT",
      id.keyLoc,
      '"Id" is not supported in identity-based policies, permissions boundaries or session policies.',
      'Remove "Id"; use a Sid per statement to name statements.',
    );
}

function checkEmptyCondition(ctx: ValidationContext, condition: LocatedMember | undefined): void {
  if (condition?.value.type === "object" && condition.value.entries.length === 0)
    ctx.report(
      "EMPTY_OBJECT_CONDITION",
      condition.loc,
      'The empty "Condition" block has no effect.',
      "Remove it, or add the conditions you meant.",
    );
}

/** Statement lints; the parser reports what the grammar rejects (missing Effect, wrong types, …). */
function checkStatement(ctx: ValidationContext, statement: LocatedStatement): void {
  const sid = statement.elements.get("Sid");
  if (sid?.value.type === "string") {
    if (sid.value.value === "")
      ctx.report("EMPTY_SID_VALUE", sid.loc, 'The "Sid" is empty.', "Remove it or give it a name.");
    else if (IAM_STORED.includes(ctx.policyType) && !/^[A-Za-z0-9]+$/.test(sid.value.value))
      ctx.report(
        "UNSUPPORTED_SID",
        sid.loc,
        `The Sid "${sid.value.value}" has characters IAM does not accept.`,
        "In IAM policies a Sid may contain only A–Z, a–z and 0–9.",
      );
  }

  // The parser lets a resource policy go without Resource, since such a document may be a role trust
  // policy; only trust policies really have none (docs/evaluation-rules.md §1.6).
  if (ctx.policyType === "resource" && !statement.resource && !statement.notResource)
    ctx.report("MISSING_RESOURCE", statement.loc, MISSING_RESOURCE_MESSAGE);

  if (statement.action?.emptyArray)
    ctx.report(
      "EMPTY_ARRAY_ACTION",
      statement.action.members[0]!.loc,
      'The empty "Action" list matches no action, so the statement has no effect.',
      "Add actions or remove the statement.",
    );
  if (statement.resource?.emptyArray)
    ctx.report(
      "EMPTY_ARRAY_RESOURCE",
      statement.resource.members[0]!.loc,
      'The empty "Resource" list matches no resource, so the statement has no effect.',
      "Add resources or remove the statement.",
    );

  checkEmptyCondition(ctx, statement.condition);
}

function checkSids(ctx: ValidationContext, policy: LocatedPolicy): void {
  const seen = new Map<string, number>();
  const strict = IAM_STORED.includes(ctx.policyType);
  for (const statement of policy.statements) {
    if (!statement.sid) continue;
    const first = seen.get(statement.sid);
    if (first === undefined) {
      seen.set(statement.sid, statement.index);
      continue;
    }
    const sid = statement.elements.get("Sid")!;
    ctx.report(
      strict ? "UNIQUE_SIDS_REQUIRED" : "UNIQUE_SIDS_RECOMMENDED",
      sid.loc,
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

/** Size quotas by policy type (docs/evaluation-rules.md §1.9). Resource policies vary by service: the S3 bucket
 * policy quota (20 KB, whitespace counted) is used as the common upper bound. */
function checkSize(
  ctx: ValidationContext,
  policy: LocatedPolicy,
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
    policy.loc,
    `The policy has ${quota.size} characters (${counted}); the quota is ${quota.limit}.`,
    hints[ctx.policyType],
  );
}

/** Document lints: characters, Version, Sids, size. Grammar errors (including a document that is not an
 * object) are the parser's. */
export function checkStructure(
  ctx: ValidationContext,
  policy: LocatedPolicy,
  text: string | undefined,
  awsManaged = false,
): void {
  if (policy.root.type !== "object") return;
  if (IAM_STORED.includes(ctx.policyType)) checkCharacters(ctx, policy.root, "$");
  checkTopLevel(ctx, policy);
  for (const statement of policy.statements) checkStatement(ctx, statement);
  checkSids(ctx, policy);
  checkSize(ctx, policy, text, awsManaged);
}
