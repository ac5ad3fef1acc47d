export { approveCharterDraft } from "./approve-charter-draft.ts";
export { discardCharterDraft } from "./discard-charter-draft.ts";
export { getCharter } from "./get-charter.ts";
export { saveCharterDraft } from "./save-charter-draft.ts";
