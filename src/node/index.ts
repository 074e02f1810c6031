export { UndiciHttpClient, type UndiciHttpClientOptions } from "./UndiciHttpClient.js"
export { defaultChain, fromIni, type FromIniOptions, iniSource, profileRegion, readProfileRegion } from "./fromIni.js"
export { type ExportProgress, type ExportSummary, writeExport, type WriteExportOptions } from "../export/writeExport.js"
export { ExportFileError } from "../export/ExportFileError.js"
