export { conditionKeysOf, conditionOperatorType } from "./condition-keys-of.js";
export type { ConditionKeyUse } from "./condition-keys-of.js";
