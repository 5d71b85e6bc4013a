export {
  compileCondition,
  type CompiledCondition,
  type CompiledValue,
} from "./compile-condition.js";
export { evaluateCondition, type Why } from "./evaluate-condition.js";
export { FALSE, TRUE, UNKNOWN, type Tri } from "./tri.js";
export { parseDate } from "./date.js";
export { parseDecimal, compareDecimal, type Decimal } from "./decimal.js";
export { decodeBase64 } from "./binary.js";
export { parseIpAddress, parseIpRange } from "./ip.js";
