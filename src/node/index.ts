export { NodeHttpClient, type NodeHttpClientOptions } from "./NodeHttpClient.js"
export { UndiciHttpClient, type UndiciHttpClientOptions } from "./UndiciHttpClient.js"
export { defaultChain, fromIni, type FromIniOptions, iniSource, profileRegion, readProfileRegion } from "./fromIni.js"
export { type ExportProgress, type ExportSummary, writeExport, type WriteExportOptions } from "../export/writeExport.js"
export { ExportFileError } from "../export/ExportFileError.js"
export {
  executePurgePlan,
  type ExecutePlanError,
  type ExecutePlanOptions,
  type PurgeProgress,
  type PurgeSummary
} from "../purge/executePurgePlan.js"
export { purgeIdentities, type PurgeError, type PurgeOptions, type PurgeResult, type PurgeSource } from "../purge/purgeIdentities.js"
export { PurgeOptionsError } from "../purge/PurgeOptionsError.js"
export { type PlanSummary, type SelectionProgress, writePurgePlan, type WritePlanOptions } from "../purge/writePurgePlan.js"
