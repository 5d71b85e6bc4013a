// Inputs from the repository: the AWS managed policies corpus (policies/aws-managed/*.json) and the
// IAM service data that @iamspec/policies ships (read as data, not imported: core does not depend on it).
import { readdirSync, readFileSync } from "node:fs";
import {
  createServiceData,
  type CompactServiceData,
  type IamServiceData,
} from "../../src/index.js";
import { REPO_ROOT } from "../repo-root.js";

const REPO = REPO_ROOT;
export const MANAGED_DIR = `${REPO}policies/aws-managed/`;

export interface ManagedPolicy {
  name: string;
  /** The policy document as it appears in the corpus file, re-serialised with indentation. */
  text: string;
  document: Record<string, unknown>;
}

let managed: ManagedPolicy[] | undefined;

/** Every managed policy, sorted by name (deterministic order for seeded sampling). */
export function loadManagedPolicies(): ManagedPolicy[] {
  if (managed) return managed;
  managed = readdirSync(MANAGED_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => {
      const entry = JSON.parse(readFileSync(MANAGED_DIR + file, "utf8")) as {
        name: string;
        document: Record<string, unknown>;
      };
      return {
        name: entry.name,
        document: entry.document,
        text: JSON.stringify(entry.document, null, 2),
      };
    });
  return managed;
}

let serviceData: IamServiceData | undefined;

/** The IAM service data generated into packages/policies (a JSON string literal inside a TS module). */
export function loadServiceData(): IamServiceData {
  if (serviceData) return serviceData;
  const source = readFileSync(`${REPO}packages/policies/src/generated/service-data.ts`, "utf8");
  const literal = /JSON\.parse\(\s*('(?:[^'\\]|\\.)*')\s*,?\s*\)/s.exec(source)?.[1];
  if (literal === undefined) throw new Error("service-data.ts: no JSON.parse('…') literal found");
  // The literal is a single-quoted JS string of JSON; turn it into a double-quoted JSON string.
  const json = JSON.parse(
    `"${literal.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"').replace(/\\\\"/g, '\\\\\\"')}"`,
  ) as string;
  serviceData = createServiceData(JSON.parse(json) as CompactServiceData);
  return serviceData;
}
