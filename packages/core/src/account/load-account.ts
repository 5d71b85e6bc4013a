// Account mode: the output of `aws iam get-account-authorization-details` (one page or several)
// read into principals, each with its effective policy set. As the CLI prints it, policy documents
// are JSON objects; as the raw API returns them, URL-encoded JSON text (RFC 3986), decoded here.
// AWS: https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
// No I/O: AWS managed policies the pages do not include come from the caller's loader.
import {
  AccountError,
  type Attachment,
  type Json,
  type Located,
  type ManagedPolicyRecord,
  arrayAt,
  attachmentsOf,
  defaultVersion,
  inlineOf,
  isAwsManagedPolicyArn,
  isObject,
  listAt,
  parseAs,
  stringAt,
  tagsOf,
} from "./account-page.js";
export { AccountError, isAwsManagedPolicyArn } from "./account-page.js";
import type { NamedPolicy, PolicyDocument, PolicySet } from "../types.js";
import type { AccountOrganization, PolicyLevelList, ResourcePolicies } from "./account-inputs.js";
import { readOrganization, readResourcePolicies } from "./account-inputs.js";

/** One page of `get-account-authorization-details` output (a parsed JSON value) and its name. */
export interface AccountPage {
  /** The file name, named in errors. */
  name?: string;
  data: unknown;
}

/** AWS managed policies the pages do not include: by ARN (`arn:aws:iam::aws:policy/...`). */
export interface ManagedPolicyLoader {
  load(
    arn: string,
  ): PolicyDocument | string | undefined | Promise<PolicyDocument | string | undefined>;
  /** The date of the policies the loader knows (e.g. the bundled corpus), named when one is missing. */
  corpusDate?: string;
}

export interface LoadAccountOptions {
  awsManagedPolicies?: ManagedPolicyLoader;
  /**
   * The account's SCP and RCP levels, its organization and management account. SCPs become part
   * of each principal's policy set (`policies.scp`); RCPs apply to the account's resources
   * (`Account.rcp`). Neither applies when the account is the management account.
   */
  organization?: AccountOrganization;
  /**
   * Resource-based policies by resource ARN: bucket, key, queue, topic, secret policies…
   * (`{ "arn:aws:s3:::data": [bucketPolicy] }`). A bucket's policy also answers for its objects.
   * A resource not listed has unknown policies (identity-only answers); `[]` says it has none.
   */
  resourcePolicies?: ResourcePolicies;
}

export interface AccountPrincipal {
  /** `root`: the account root user, who needs no identity policy (docs/account-mode.md). */
  kind: "user" | "role" | "root";
  arn: string;
  name: string;
  /** UserId / RoleId. */
  id?: string;
  /** The user's groups (names). */
  groups?: string[];
  tags: Record<string, string>;
  /**
   * Identity policies (inline, attached, and for users their groups'), the boundary, and the
   * account's SCP levels (none for the root user's identity: it needs no identity policy).
   */
  policies: PolicySet;
  /** A role's trust policy (AssumeRolePolicyDocument). */
  trust?: NamedPolicy;
}

export interface Account {
  /** The account id, from the first principal ARN. */
  accountId?: string;
  /** The users and roles of the pages. */
  principals: AccountPrincipal[];
  /** Roles by ARN. */
  roles: Map<string, AccountPrincipal>;
  /** The account root user (`arn:aws:iam::ACCOUNT:root`), when the account id is known. */
  root?: AccountPrincipal;
  /** Resource-based policies by resource ARN, parsed (`LoadAccountOptions.resourcePolicies`). */
  resourcePolicies: ReadonlyMap<string, readonly NamedPolicy[]>;
  /** The RCP levels that bind the account's resources; absent when none apply. */
  rcp?: PolicyLevelList;
  /** The account is its organization's management account: the SCPs and RCPs given do not apply. */
  managementAccount?: true;
  /** The organization id given, for `aws:PrincipalOrgID` and `aws:ResourceOrgID`. */
  organizationId?: string;
}

/**
 * Reads `get-account-authorization-details` pages (merged in order; an entity or policy that
 * appears twice is taken once, the first) into principals with their effective policy sets, and
 * the optional inputs (SCP and RCP levels, resource policies). Throws `AccountError` (with the
 * page or input and the JSON path) for a malformed page, a group or customer managed policy the
 * pages do not include, an AWS managed policy neither included nor known to the loader, or a
 * malformed SCP, RCP or resource policy.
 */
export async function loadAccount(
  pages: readonly AccountPage[],
  options: LoadAccountOptions = {},
): Promise<Account> {
  const users: Located<Json>[] = [];
  const roles: Located<Json>[] = [];
  const groups = new Map<string, Located<Json>>();
  const managed = new Map<string, ManagedPolicyRecord>();
  const seen = new Set<string>();
  for (const page of pages) {
    const source = page.name;
    if (!isObject(page.data))
      throw new AccountError(
        "expected the JSON object that get-account-authorization-details prints",
        "$",
        source,
      );
    const known = ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"];
    if (!known.some((key) => key in (page.data as Json)))
      throw new AccountError(
        `not get-account-authorization-details output: none of ${known.join(", ")}`,
        "$",
        source,
      );
    for (const user of listAt(page.data, "UserDetailList", source)) {
      const arn = stringAt(user, "Arn");
      if (seen.has(arn)) continue;
      seen.add(arn);
      users.push(user);
    }
    for (const role of listAt(page.data, "RoleDetailList", source)) {
      const arn = stringAt(role, "Arn");
      if (seen.has(arn)) continue;
      seen.add(arn);
      roles.push(role);
    }
    for (const group of listAt(page.data, "GroupDetailList", source)) {
      const name = stringAt(group, "GroupName");
      if (!groups.has(name)) groups.set(name, group);
    }
    for (const policy of listAt(page.data, "Policies", source)) {
      const arn = stringAt(policy, "Arn");
      if (managed.has(arn)) continue;
      const version = defaultVersion(policy);
      managed.set(arn, {
        arn,
        name: stringAt(policy, "PolicyName"),
        document: version.value,
        path: version.path,
        source,
      });
    }
  }

  const resolved = new Map<string, Promise<NamedPolicy>>();
  const loader = options.awsManagedPolicies;
  const resolveManaged = (attachment: Attachment, needer: string): Promise<NamedPolicy> => {
    let found = resolved.get(attachment.arn);
    if (found) return found;
    const record = managed.get(attachment.arn);
    const name = attachment.arn.slice(attachment.arn.lastIndexOf("/") + 1);
    if (record) {
      const document = parseAs(
        record.document,
        "identity",
        record.name,
        record.path,
        record.source,
      );
      found = Promise.resolve({ name: record.name, document, source: record.arn });
    } else if (!isAwsManagedPolicyArn(attachment.arn)) {
      throw new AccountError(
        `${needer} has the customer managed policy ${attachment.arn} attached, but no page has it in Policies (list them with --filter LocalManagedPolicy)`,
        attachment.path,
        attachment.source,
      );
    } else {
      found = (async () => {
        const raw = loader ? await loader.load(attachment.arn) : undefined;
        if (raw === undefined) {
          const why = !loader
            ? "no loader of AWS managed policies was given"
            : `it is not among the known AWS managed policies${loader.corpusDate !== undefined ? ` (bundled corpus of ${loader.corpusDate})` : ""}`;
          throw new AccountError(
            `${needer} has the AWS managed policy ${attachment.arn} attached, but no page has it in Policies and ${why}`,
            attachment.path,
            attachment.source,
          );
        }
        const document = parseAs(raw, "identity", name, attachment.path, attachment.source);
        return { name, document, source: attachment.arn };
      })();
    }
    resolved.set(attachment.arn, found);
    return found;
  };

  const groupPolicies = new Map<string, Promise<NamedPolicy[]>>();
  const policiesOfGroup = (name: string, at: Located<unknown>, needer: string) => {
    let found = groupPolicies.get(name);
    if (found) return found;
    const group = groups.get(name);
    if (!group)
      throw new AccountError(
        `${needer} is in group ${name}, but no page has it in GroupDetailList`,
        at.path,
        at.source,
      );
    const inline = inlineOf(group, "GroupPolicyList", `group/${name}`, "identity");
    const attached = attachmentsOf(group).map((a) =>
      resolveManaged(a, `group ${name} (of ${needer})`),
    );
    found = Promise.all(attached).then((list) => [...inline, ...list]);
    groupPolicies.set(name, found);
    return found;
  };

  const boundaryOf = async (entry: Located<Json>, needer: string) => {
    const b = entry.value.PermissionsBoundary;
    if (b === undefined) return undefined;
    const path = `${entry.path}.PermissionsBoundary`;
    if (!isObject(b) || typeof b.PermissionsBoundaryArn !== "string")
      throw new AccountError(
        "PermissionsBoundary needs a PermissionsBoundaryArn",
        path,
        entry.source,
      );
    return resolveManaged(
      {
        arn: b.PermissionsBoundaryArn,
        path: `${path}.PermissionsBoundaryArn`,
        source: entry.source,
      },
      needer,
    );
  };

  // The account (from the first principal's ARN) decides whether the organization's SCPs apply.
  const first = [...users, ...roles].map((e) => stringAt(e, "Arn").split(":"))[0];
  const accountId = first?.[4] || undefined;
  const organization = readOrganization(options.organization, accountId);
  const scp = organization.scp !== undefined ? { scp: organization.scp } : {};

  const principals: AccountPrincipal[] = [];
  for (const user of users) {
    const arn = stringAt(user, "Arn");
    const name = stringAt(user, "UserName");
    const needer = `user ${name}`;
    const identity = [
      ...inlineOf(user, "UserPolicyList", `user/${name}`, "identity"),
      ...(await Promise.all(attachmentsOf(user).map((a) => resolveManaged(a, needer)))),
    ];
    const groupNames: string[] = [];
    for (const g of arrayAt(user, "GroupList")) {
      if (typeof g.value !== "string")
        throw new AccountError("GroupList entries must be group names", g.path, g.source);
      groupNames.push(g.value);
      identity.push(...(await policiesOfGroup(g.value, g, needer)));
    }
    const boundary = await boundaryOf(user, needer);
    principals.push({
      kind: "user",
      arn,
      name,
      ...(typeof user.value.UserId === "string" && { id: user.value.UserId }),
      groups: groupNames,
      tags: tagsOf(user),
      policies: {
        identity: dedupe(identity),
        ...(boundary && { boundary: [boundary] }),
        ...scp,
      },
    });
  }
  const roleMap = new Map<string, AccountPrincipal>();
  for (const role of roles) {
    const arn = stringAt(role, "Arn");
    const name = stringAt(role, "RoleName");
    const needer = `role ${name}`;
    const identity = [
      ...inlineOf(role, "RolePolicyList", `role/${name}`, "identity"),
      ...(await Promise.all(attachmentsOf(role).map((a) => resolveManaged(a, needer)))),
    ];
    const boundary = await boundaryOf(role, needer);
    const trustRaw = role.value.AssumeRolePolicyDocument;
    const trustName = `role/${name}/trust`;
    const principal: AccountPrincipal = {
      kind: "role",
      arn,
      name,
      ...(typeof role.value.RoleId === "string" && { id: role.value.RoleId }),
      tags: tagsOf(role),
      policies: {
        identity: dedupe(identity),
        ...(boundary && { boundary: [boundary] }),
        ...scp,
      },
      ...(trustRaw !== undefined && {
        trust: {
          name: trustName,
          document: parseAs(
            trustRaw,
            "trust",
            trustName,
            `${role.path}.AssumeRolePolicyDocument`,
            role.source,
          ),
        },
      }),
    };
    principals.push(principal);
    roleMap.set(arn, principal);
  }
  const root: AccountPrincipal | undefined =
    first !== undefined && accountId !== undefined
      ? {
          kind: "root",
          arn: `arn:${first[1]}:iam::${accountId}:root`,
          name: "root",
          tags: {},
          // The root user needs no identity policy (docs/evaluation-rules.md §7.1); SCPs bind it.
          policies: { identity: [], ...scp },
        }
      : undefined;
  return {
    ...(accountId !== undefined && { accountId }),
    principals,
    roles: roleMap,
    ...(root !== undefined && { root }),
    resourcePolicies: readResourcePolicies(options.resourcePolicies, (arn) => roleMap.has(arn)),
    ...(organization.rcp !== undefined && { rcp: organization.rcp }),
    ...(organization.managementAccount && { managementAccount: true as const }),
    ...(organization.organizationId !== undefined && {
      organizationId: organization.organizationId,
    }),
  };
}

/** A managed policy attached twice (to the user and one of its groups) counts once. */
function dedupe(list: NamedPolicy[]): NamedPolicy[] {
  const seen = new Set<unknown>();
  return list.filter((p) => {
    const key = p.source ?? p;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
