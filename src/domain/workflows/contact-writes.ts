// Contact writes record their domain events; health rescoring (a consumer, see rescore.ts) follows.
export { createContact, deleteContact, updateContact, upsertContact } from "../contacts/index.ts";
