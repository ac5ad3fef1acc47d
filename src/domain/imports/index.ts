export { exportCsv, exportCsvText } from "./export-csv.ts";
export { getImport } from "./get-import.ts";
export type { ImportSummary } from "./list-imports.ts";
export { listImports } from "./list-imports.ts";
export type { ImportPreview } from "./preview-import.ts";
export { previewImport } from "./preview-import.ts";
export type { ImportRequestInput } from "./run-import.ts";
export { runImport } from "./run-import.ts";
export { saveImportMapping } from "./save-import-mapping.ts";
