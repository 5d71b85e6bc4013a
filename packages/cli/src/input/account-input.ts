// The inputs of account mode, shared by the account commands: the --account pages
// (`aws iam get-account-authorization-details`), and the optional --scp / --rcp (one level each),
// --organization (levels, management account, organization id) and --resource-policy ARN=POLICY.
// Policies are read with the readers every command uses (file, bundled name or ARN, Name@vN, -),
// each with its policy type, so a bad one is named with its file, line, column and JSON path.
// docs/account-mode.md.
import { dirname } from "node:path";
import { AccountError, isPolicySetError, loadAccount, resolvePolicySet } from "@iamspec/core";
import type {
  Account,
  AccountOrganization,
  AccountPage,
  NamedPolicy,
  PolicyEntry,
} from "@iamspec/core";
import type { CommandLine } from "../args.js";
import { listFlag, stringFlag } from "../args.js";
import { inputError, usageError } from "../errors.js";
import { namedPolicyOf } from "../evaluation/policy-set.js";
import type { Io } from "../io.js";
import { loadCatalog } from "./bundled.js";
import { parseJsonDocument } from "./json-text.js";
import type { ParsedDocument } from "./json-text.js";
import { loadPolicyArgument } from "./policy-source.js";
import { readText } from "./read-text.js";

/** A whole account's details can run to tens of megabytes. */
const ACCOUNT_LIMIT_BYTES = 256 * 1024 * 1024;

/** The flags of the account's inputs, for a command's `args`. */
export const accountArgs = {
  account: {
    type: "string",
    valueHint: "file",
    description:
      "Output of aws iam get-account-authorization-details (repeatable: pages are merged; - for stdin)",
  },
  scp: {
    type: "string",
    valueHint: "policy",
    description: "Service control policy of the account, one level (repeatable)",
  },
  rcp: {
    type: "string",
    valueHint: "policy",
    description: "Resource control policy of the account, one level (repeatable)",
  },
  organization: {
    type: "string",
    valueHint: "file",
    description:
      "SCP and RCP levels, management account and organization id (JSON; see docs/account-mode.md)",
  },
  "resource-policy": {
    type: "string",
    valueHint: "arn=policy",
    description: "A resource's policy (bucket, key, queue…), by its ARN (repeatable)",
  },
} as const;

/** The account flags that may be given more than once. */
export const ACCOUNT_REPEATABLE = ["account", "scp", "rcp", "resource-policy"] as const;

/** Lines for a command's --help notes. */
export const ACCOUNT_NOTES = [
  "Users get their inline and attached policies and their groups'; users and roles their permissions boundary; every principal the account's SCPs (not service-linked roles).",
  "The account root user is listed as root: it needs no identity policy, but SCPs, RCPs and explicit denies bind it, and it cannot assume roles.",
  "--resource-policy ARN=POLICY gives a resource's policies (a bucket's also answer for its objects); for sts:AssumeRole* on a role the trust policy is the resource policy; otherwise resource policies are unknown.",
  '--organization FILE: {"scp": [[root level…], [OU level…], [account level…]], "rcp": […], "managementAccountId": "…", "organizationId": "o-…"}; entries are policies or file names relative to FILE.',
  "AWS managed policies the files do not include come from the bundled ones.",
];

const ORGANIZATION_KEYS = ["scp", "rcp", "managementAccountId", "organizationId"];

async function namedPolicy(
  spec: string,
  io: Io,
  policyType: "scp" | "rcp" | "resource",
  baseDirectory?: string,
): Promise<NamedPolicy> {
  return namedPolicyOf(
    await loadPolicyArgument(spec, {
      stdin: io.stdin,
      policyType,
      ...(baseDirectory !== undefined && { baseDirectory }),
    }),
  );
}

/** `ARN=POLICY`, split at the last `=` (a file name is easier to change than a resource's name). */
function resourcePolicyFlag(value: string): { arn: string; spec: string } {
  const eq = value.lastIndexOf("=");
  const arn = value.slice(0, eq);
  if (eq === -1 || !arn.startsWith("arn:") || eq === value.length - 1)
    throw usageError(
      `--resource-policy takes ARN=POLICY, e.g. arn:aws:s3:::my-bucket=bucket-policy.json (got "${value}")`,
    );
  return { arn, spec: value.slice(eq + 1) };
}

/** The --organization file: its levels' references read relative to the file, each with its type. */
async function readOrganization(
  file: string,
  io: Io,
  documents: Map<string, ParsedDocument>,
): Promise<AccountOrganization> {
  const { text, name } = await readText(file, io.stdin);
  const document = parseJsonDocument(text, name);
  documents.set(name, document);
  const at = (message: string, path: string) =>
    inputError(message, { file: name, ...document.locate(path), path });
  const raw = document.value;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw at('an organization file is a JSON object such as { "scp": [[...], [...]] }', "$");
  for (const key of Object.keys(raw))
    if (!ORGANIZATION_KEYS.includes(key))
      throw at(`unknown key "${key}" (expected ${ORGANIZATION_KEYS.join(", ")})`, `$.${key}`);
  const fields = raw as Record<string, unknown>;
  const organization: AccountOrganization = { source: name };
  for (const key of ["scp", "rcp"] as const) {
    if (fields[key] === undefined) continue;
    try {
      const set = await resolvePolicySet(
        { [key]: fields[key] },
        (spec) => namedPolicy(spec, io, key, dirname(name)),
        { path: "$" },
      );
      organization[key] = set[key];
    } catch (error) {
      if (!isPolicySetError(error)) throw error;
      throw at(error.message, error.path);
    }
  }
  // Checked by core, which names the file and path.
  if (fields.managementAccountId !== undefined)
    organization.managementAccountId = fields.managementAccountId as string;
  if (fields.organizationId !== undefined)
    organization.organizationId = fields.organizationId as string;
  return organization;
}

/**
 * Reads the account and its optional inputs from the command line. Errors are one line with the
 * file, line, column and JSON path (exit 2).
 */
export async function readAccount(line: CommandLine, io: Io): Promise<Account> {
  const files = listFlag(line, "account");
  if (files.length === 0)
    throw usageError(
      "give --account FILE (the output of aws iam get-account-authorization-details)",
    );
  const scpFlags = listFlag(line, "scp");
  const rcpFlags = listFlag(line, "rcp");
  const resourceFlags = listFlag(line, "resource-policy").map(resourcePolicyFlag);
  const organizationFile = stringFlag(line, "organization");
  const stdinUses = [
    ...files,
    ...scpFlags,
    ...rcpFlags,
    ...resourceFlags.map((r) => r.spec),
    ...(organizationFile !== undefined ? [organizationFile] : []),
  ].filter((f) => f === "-").length;
  if (stdinUses > 1) throw usageError("stdin (-) can be read only once");

  const pages: AccountPage[] = [];
  const documents = new Map<string, ParsedDocument>();
  for (const file of files) {
    const { text, name } = await readText(file, io.stdin, ACCOUNT_LIMIT_BYTES);
    const document = parseJsonDocument(text, name);
    documents.set(name, document);
    pages.push({ name, data: document.value });
  }

  const organization: AccountOrganization =
    organizationFile !== undefined ? await readOrganization(organizationFile, io, documents) : {};
  for (const [key, flags] of [
    ["scp", scpFlags],
    ["rcp", rcpFlags],
  ] as const) {
    if (flags.length === 0) continue;
    if (organization[key] !== undefined)
      throw usageError(
        `give the ${key.toUpperCase()}s with --${key} (one level) or in --organization (levels), not both`,
      );
    organization[key] = await Promise.all(flags.map((spec) => namedPolicy(spec, io, key)));
  }
  const resourcePolicies: Record<string, PolicyEntry[]> = {};
  for (const { arn, spec } of resourceFlags)
    (resourcePolicies[arn] ??= []).push(await namedPolicy(spec, io, "resource"));

  // The bundled AWS managed policies, when the CLI has them (@iamspec/policies is optional).
  const loader = (await loadCatalog())?.awsManagedPolicyLoader();
  try {
    return await loadAccount(pages, {
      ...(loader && { awsManagedPolicies: loader }),
      ...(Object.keys(organization).length > 0 && { organization }),
      ...(resourceFlags.length > 0 && { resourcePolicies }),
    });
  } catch (error) {
    if (!(error instanceof AccountError)) throw error;
    const file = error.source;
    if (file === undefined && error.path.startsWith("$.resourcePolicies"))
      throw inputError(`--resource-policy ${error.bareMessage}`);
    const located = file !== undefined ? documents.get(file)?.locate(error.path) : undefined;
    throw inputError(error.bareMessage, {
      ...(file !== undefined && { file }),
      ...located,
      path: error.path,
    });
  }
}
