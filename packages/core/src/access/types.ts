// The shapes of `listAccess` and `diffAccess`: what a policy grants, per action.
import type { AccessLevel, Effect, IamServiceData } from "../types.js";

export interface AccessOptions {
  /** IAM service reference data: expands `ec2:Describe*`, `*` and NotAction to real actions. */
  serviceData?: IamServiceData;
}

export interface AccessCondition {
  /** As written, e.g. `ForAllValues:StringEquals`. */
  operator: string;
  key: string;
  values: string[];
}

/**
 * `known`: the action is in the IAM data. `unknown`: the data has no such action or service
 * (a typo, a retired action). `unexpanded`: no data was given, so the pattern stays as written.
 */
export type ActionStatus = "known" | "unknown" | "unexpanded";

/** One statement's grant (or denial) of an action: on which resources, to whom, under which conditions. */
export interface AccessScope {
  statementIndex: number;
  sid?: string;
  /** The Action pattern the action came from when it is not the action itself (`ec2:Describe*`, `*`). */
  via?: string;
  /** Set when the action comes from a NotAction element: the excluded patterns. */
  notActions?: string[];
  /** Resource patterns (absent when the statement uses NotResource or has neither). */
  resources?: string[];
  notResources?: string[];
  /** `*`, or `AWS:arn…` / `Service:…` / `Federated:…` / `CanonicalUser:…` entries. */
  principals?: string[];
  notPrincipals?: string[];
  /** All must hold (AND). */
  conditions: AccessCondition[];
}

export interface ActionAccess {
  /** `service:Action` as the IAM data spells it, or the pattern as written when not expanded. */
  action: string;
  effect: Effect;
  accessLevel?: AccessLevel;
  status: ActionStatus;
  scopes: AccessScope[];
}

export interface PolicyAccess {
  /** Sorted by action (case-insensitive), Allow before Deny. */
  actions: ActionAccess[];
  /** Action patterns that match nothing in the IAM data. */
  unmatchedPatterns: string[];
  /** `updatedAt` of the IAM data used, when any. */
  serviceDataDate?: string;
}

/** One grant — an action on one resource pattern under one set of conditions — present on one side only. */
export interface AccessChange {
  action: string;
  effect: Effect;
  accessLevel?: AccessLevel;
  status: ActionStatus;
  /** The other version has no statement at all with this action and effect. */
  wholeAction: boolean;
  /** One resource pattern (absent with NotResource or when the statement has no Resource). */
  resource?: string;
  notResources?: string[];
  principals?: string[];
  notPrincipals?: string[];
  notActions?: string[];
  conditions: AccessCondition[];
  statementIndex: number;
  sid?: string;
}

export interface AccessDiff {
  /** Grants (or denials, by `effect`) in the new version that the old did not have, sorted by action. */
  added: AccessChange[];
  /** Grants (or denials) in the old version that the new no longer has. */
  removed: AccessChange[];
  /** Actions (by effect) with any change, sorted. */
  changedActions: { action: string; effect: Effect; change: "added" | "removed" | "changed" }[];
}
