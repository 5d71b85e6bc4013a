export {
  compileGlob,
  compileGlobPieces,
  matchGlob,
  globMatch,
  type Glob,
  type GlobPart,
  type GlobPiece,
} from "./glob.js";
export {
  matchAction,
  compileActionPattern,
  matchActionPattern,
  type ActionPattern,
} from "./action.js";
export {
  matchResource,
  splitArn,
  compileResourcePattern,
  matchResourcePattern,
  matchArnLike,
  type ResourcePattern,
} from "./arn.js";
export {
  parseRequestPrincipal,
  matchPrincipalEntry,
  matchPrincipalBlock,
  isListedInNotPrincipal,
  isAccountId,
  type RequestPrincipal,
  type PrincipalMatchKind,
} from "./principal.js";
