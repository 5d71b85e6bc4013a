// The goldens import "../../types.js" as the generated package does; this is that module.
export type * from "../../../../packages/policies/src/types.js";
