// The playground's state: the policies in each slot of the request format, the request itself
// and the batch file. Everything the share link carries lives here (see share.ts).
import { POLICY_SET_KEYS, type PolicySetKey } from "@iamspec/core";

/** The slots of the request format's `policies`, in the order the page shows them. */
export const SLOT_TYPES = POLICY_SET_KEYS;
export type SlotType = PolicySetKey;

export const SLOT_LABELS: Record<SlotType, { title: string; help: string }> = {
  identity: {
    title: "Identity policies",
    help: "Attached to the principal (user, role, group). Grant what the principal may do.",
  },
  resource: {
    title: "Resource policies",
    help: "Attached to the resource (bucket policy, key policy, trust policy).",
  },
  boundary: {
    title: "Permissions boundary",
    help: "Caps what identity policies can grant. Empty: no boundary.",
  },
  session: {
    title: "Session policies",
    help: "Passed when assuming a role or federating. Empty: no session policy.",
  },
  scp: {
    title: "Service control policies (SCP)",
    help: "Organizations guardrails on principals: every level (root, each OU, the account) must allow; set each policy's level. Empty: no SCPs.",
  },
  rcp: {
    title: "Resource control policies (RCP)",
    help: "Organizations guardrails on resources: every level must allow; set each policy's level. Empty: no RCPs.",
  },
};

/** One policy in a slot: its JSON text, and the bundled policy it came from when unedited. */
export interface PolicyDraft {
  /** Display name: the bundled policy name, or one the user gave. */
  name?: string;
  /** Bundled policy reference (`Name` or `Name@v1`) while the text is unedited. */
  bundled?: string;
  text: string;
  /** The bundled policy's versions and default (not shared: known again when loaded). */
  versions?: readonly string[];
  defaultVersion?: string;
  /** SCP/RCP only: the organization level it is attached at (0 = root). */
  level?: number;
}

export interface ContextRow {
  key: string;
  value: string;
}

export interface RequestDraft {
  principal: string;
  action: string;
  resource: string;
  context: ContextRow[];
}

export interface AppState {
  policies: Record<SlotType, PolicyDraft[]>;
  /** `policies.resource` present (true) vs unknown (false): see docs/architecture.md, the request format. */
  resourcePoliciesKnown: boolean;
  request: RequestDraft;
  /** The batch file (iamspec test format) as text; empty when unused. */
  batch: string;
}

export function emptyPolicies(): Record<SlotType, PolicyDraft[]> {
  return { identity: [], resource: [], boundary: [], session: [], scp: [], rcp: [] };
}

/** The sample request of `npm start`: what the page opens with. */
export const SAMPLE_POLICY = "EC2ImageBuilderExecutionPolicy";
export const SAMPLE_REQUEST: RequestDraft = {
  principal: "",
  action: "ec2:RunInstances",
  resource: "arn:aws:ec2:us-east-1::image/ami-0abc",
  context: [],
};
