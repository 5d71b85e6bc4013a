export { evaluate, compile } from "./evaluate.js";
export { awsSideRules, type AwsSideRule } from "./aws-side-rules.js";
export { READING_POINTS, type ReadingPoint } from "./readings.js";
