export { parsePolicy, parsePolicyNode, isParsedPolicy } from "./parse-policy.js";
export {
  parseOperator,
  BASE_OPERATORS,
  type OperatorInfo,
  type OperatorFamily,
  type ParsedOperator,
} from "./operators.js";
export { parseTemplate, type TemplatePart, type TemplateParse } from "./variables.js";
