export { createServiceData } from "./create-service-data.js";
export {
  COMPACT_SERVICE_DATA_FORMAT,
  type CompactAction,
  type CompactService,
  type CompactServiceData,
} from "./compact-format.js";
