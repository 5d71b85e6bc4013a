export type {
  JsonLoc,
  JsonNode,
  JsonObjectEntry,
  JsonParseResult,
  JsonSyntaxError,
  JsonValueLike,
} from "./types.js";
export { MAX_JSON_DEPTH, MAX_JSON_LENGTH, UNKNOWN_LOC } from "./types.js";
export { parseJson, lineColumnAt } from "./parse.js";
export { jsonNodeFromValue, isJsonValueError, type JsonValueError } from "./from-value.js";
export { jsonValueFromNode } from "./to-value.js";
export { jsonPathAppend } from "./path.js";
export { jsonPathSegments, locateJsonPath } from "./locate.js";
