export { formatExplanation } from "./format.js";
export { describeRequirement } from "./describe.js";
