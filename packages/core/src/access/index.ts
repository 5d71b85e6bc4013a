// What a policy grants (`listAccess`) and what changed between two versions (`diffAccess`).
export { listAccess } from "./list-access.js";
export { diffAccess } from "./diff-access.js";
export { expandActionPattern, expandNotAction } from "./expand-actions.js";
export type { ExpandedAction } from "./expand-actions.js";
export type {
  AccessChange,
  AccessCondition,
  AccessDiff,
  AccessOptions,
  AccessScope,
  ActionAccess,
  ActionStatus,
  PolicyAccess,
} from "./types.js";
// Offline access checks (docs/access-checks.md).
export { checkNoNewAccess, checkAccessNotGranted } from "./checks.js";
export type {
  AccessNotGrantedInput,
  AccessNotGrantedResult,
  CheckOptions,
  CheckResult,
  GrantedAccess,
  NewAccess,
  NewAccessReason,
  NoNewAccessResult,
  CheckStatementRef,
} from "./checks.js";
export {
  checkNoPublicAccess,
  PUBLIC_ACCESS_RESOURCE_TYPES,
  RESTRICTING_CONDITION_KEYS,
} from "./public-access.js";
export type {
  NoPublicAccessResult,
  PublicAccessResourceType,
  PublicGrant,
  RestrictingCondition,
} from "./public-access.js";
export {
  actionPatternContains,
  actionPatternsIntersect,
  resourcePatternContains,
  resourcePatternsIntersect,
} from "./containment.js";
export type { Decision3 } from "./containment.js";
export {
  formatAccessNotGranted,
  formatCondition,
  formatNoNewAccess,
  formatNoPublicAccess,
  formatScopeTarget,
  formatStatementRef,
} from "./format-checks.js";
export type { CheckPaint } from "./format-checks.js";
