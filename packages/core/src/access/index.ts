// What a policy grants (`listAccess`) and what changed between two versions (`diffAccess`).
export { listAccess } from "./list-access.js";
export { diffAccess } from "./diff-access.js";
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
