// The optional inputs of account mode, besides the authorization details: the organization's SCP
// and RCP levels for the account, and resource-based policies by resource ARN. Read once, at load:
// every policy is parsed with its policy type, so that a bad one is reported with its JSON path
// (and the file it came from) before any question is asked. docs/account-mode.md.
import { isNamedPolicy } from "../evaluation/policy-set-fingerprint.js";
import { isAccountId } from "../matching/principal.js";
import { isParsedPolicy } from "../policy/parse-policy.js";
import { entryPath, readPolicySetShape } from "../policy-refs/policy-set-shape.js";
import type { NamedPolicy, PolicyEntry, PolicyLevels, PolicyType } from "../types.js";
import { AccountError, isObject, parseAs } from "./account-page.js";

/**
 * Where the account sits in its AWS Organizations organization. The same shape as a file:
 * `{ "scp": [...], "rcp": [...], "managementAccountId": "…", "organizationId": "o-…" }`.
 */
export interface AccountOrganization {
  /**
   * The SCPs that apply to the account: one level (a flat list) or a list of levels from the
   * organization root down to the account (root, each OU, the account), as in `PolicySet.scp`.
   * Every level must allow; SCPs bind the account's users, roles and root user, not its
   * service-linked roles (docs/evaluation-rules.md §7.1).
   */
  scp?: PolicyLevels;
  /** The RCPs that apply to the account's resources, levels as for `scp`. */
  rcp?: PolicyLevels;
  /**
   * The organization's management account. When it is this account, SCPs and RCPs do not apply:
   * "SCPs don't affect users or roles in the management account", "RCPs don't affect resources
   * in the management account" (AWS Organizations User Guide).
   */
  managementAccountId?: string;
  /**
   * The organization id (`o-…`): becomes `aws:PrincipalOrgID` of the account's principals and
   * `aws:ResourceOrgID` of its resources, unless the query's context gives them.
   */
  organizationId?: string;
  /** Named in errors (the file it was read from); error paths are JSON paths into this object. */
  source?: string;
}

/** Resource-based policies (bucket, key, queue, topic, secret policies…) by resource ARN. */
export type ResourcePolicies = Readonly<Record<string, readonly PolicyEntry[]>>;

export type PolicyLevelList = readonly (readonly NamedPolicy[])[];

export interface ReadOrganization {
  /** SCP levels for the account's principals; undefined when none apply. */
  scp?: PolicyLevelList;
  /** RCP levels for the account's resources; undefined when none apply. */
  rcp?: PolicyLevelList;
  /** The account is the organization's management account (SCPs and RCPs were set aside). */
  managementAccount: boolean;
  organizationId?: string;
}

/** A policy entry as given, parsed with its policy type; a parsed `Policy` is taken as it is. */
function namedEntry(
  entry: PolicyEntry,
  policyType: PolicyType,
  defaultName: string,
  path: string,
  source: string | undefined,
): NamedPolicy {
  const named = typeof entry === "object" && isNamedPolicy(entry) ? entry : undefined;
  const document = named ? named.document : entry;
  const name = named?.name ?? defaultName;
  const parsed = isParsedPolicy(document)
    ? document
    : parseAs(document, policyType, name, path, source);
  return { name, document: parsed, ...(named?.source !== undefined && { source: named.source }) };
}

function readLevels(
  key: "scp" | "rcp",
  levels: PolicyLevels | undefined,
  source: string | undefined,
): PolicyLevelList | undefined {
  if (levels === undefined) return undefined;
  const shape = readPolicySetShape({ [key]: levels }, "$");
  if ("problem" in shape) throw new AccountError(shape.problem.message, shape.problem.path, source);
  const layer = shape.layers[0]!;
  if (layer.levels.length === 0) return undefined;
  return layer.levels.map((entries, level) =>
    entries.map((entry, i) => {
      const path = entryPath(layer, level, i);
      if (typeof entry !== "string" && !isObject(entry))
        throw new AccountError("a policy must be a document object or JSON text", path, source);
      return namedEntry(entry as PolicyEntry, key, `${key} level ${level} #${i}`, path, source);
    }),
  );
}

/** Reads the organization input for the account `accountId` (undefined when unknown). */
export function readOrganization(
  organization: AccountOrganization | undefined,
  accountId: string | undefined,
): ReadOrganization {
  if (organization === undefined) return { managementAccount: false };
  const source = organization.source;
  const management = organization.managementAccountId;
  if (management !== undefined && (typeof management !== "string" || !isAccountId(management)))
    throw new AccountError(
      "managementAccountId must be a 12-digit account id",
      "$.managementAccountId",
      source,
    );
  const orgId = organization.organizationId;
  if (orgId !== undefined && (typeof orgId !== "string" || !/^o-[a-z0-9]{10,32}$/.test(orgId)))
    throw new AccountError(
      'organizationId must be an organization id such as "o-a1b2c3d4e5"',
      "$.organizationId",
      source,
    );
  // Read (and so checked) even when they will not apply.
  const scp = readLevels("scp", organization.scp, source);
  const rcp = readLevels("rcp", organization.rcp, source);
  const managementAccount = management !== undefined && management === accountId;
  return {
    managementAccount,
    ...(!managementAccount && scp !== undefined && { scp }),
    ...(!managementAccount && rcp !== undefined && { rcp }),
    ...(orgId !== undefined && { organizationId: orgId }),
  };
}

const ARN = /^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$/;

/**
 * Reads the resource policies: each key a resource ARN, each value its policies (a key with `[]`
 * says the resource has none). A role's resource policy is its trust policy, which the pages
 * give: a role ARN of the account is refused here.
 */
export function readResourcePolicies(
  policies: ResourcePolicies | undefined,
  isRole: (arn: string) => boolean,
): Map<string, readonly NamedPolicy[]> {
  const read = new Map<string, readonly NamedPolicy[]>();
  if (policies === undefined) return read;
  if (!isObject(policies))
    throw new AccountError(
      "resourcePolicies must be an object keyed by resource ARN",
      "$",
      undefined,
    );
  for (const [arn, list] of Object.entries(policies)) {
    const path = `$.resourcePolicies[${JSON.stringify(arn)}]`;
    if (!ARN.test(arn))
      throw new AccountError(
        `resource policies are keyed by resource ARN (arn:partition:service:region:account:resource), not "${arn}"`,
        path,
        undefined,
      );
    if (isRole(arn))
      throw new AccountError(
        `${arn} is a role of the account: its resource policy is its trust policy, read from the pages`,
        path,
        undefined,
      );
    if (!Array.isArray(list))
      throw new AccountError("the resource's policies must be a list", path, undefined);
    read.set(
      arn,
      list.map((entry, i) =>
        namedEntry(
          entry,
          "resource",
          `resource policy of ${arn}${list.length > 1 ? ` #${i}` : ""}`,
          `${path}[${i}]`,
          undefined,
        ),
      ),
    );
  }
  return read;
}
