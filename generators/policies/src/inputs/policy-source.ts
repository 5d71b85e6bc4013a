import type { TextOffset } from "./text-position.js";

/** One input file: one version of one policy, with whatever metadata the file carries. */
export interface PolicySource {
  /** Path relative to the repository root (forward slashes). */
  file: string;
  kind: "page" | "record" | "document";
  name: string;
  /** Empty for a raw document file, which has no ARN. */
  arn: string;
  versionId: string;
  description?: string;
  /** When the policy was created (ISO 8601, seconds precision, `Z`). */
  createdAt?: string;
  /** When the policy was last edited, as of this version. */
  updatedAt?: string;
  /** When this version was created, when the source says so. */
  versionCreatedAt?: string;
  /** The policy document's JSON text exactly as in the file. */
  documentText: string;
  /** Where `documentText` starts in the file. */
  documentOffset: TextOffset;
}
