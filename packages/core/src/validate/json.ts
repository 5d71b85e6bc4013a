// The JSON tree the validator walks. Re-exported from the core JSON parser so that every check sees raw
// JSON types, duplicate keys (kept, in order) and source positions.
export type { JsonLoc, JsonNode } from "../json/index.js";
export {
  isJsonValueError,
  jsonNodeFromValue,
  jsonPathAppend,
  jsonValueFromNode,
  parseJson,
} from "../json/index.js";
