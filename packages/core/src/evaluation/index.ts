export { evaluate, compile } from "./evaluate.js";
