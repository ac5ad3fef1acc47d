export { applyTiering, applyTieringEverywhere, previewTiering } from "./apply-tiering.ts";
export { getBook, moveAccounts } from "./book.ts";
export { getCoverageSettings, updateCoverageSettings } from "./manage-settings.ts";
