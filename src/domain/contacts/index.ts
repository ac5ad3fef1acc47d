export { contactListWhere, contactSortKey, findContact, KEY_PLAYER_SQL } from "./contact.queries.ts";
export { contactName, isKeyPlayer } from "./contact.rules.ts";
export { contactsFromTraits, type ProductPerson } from "./contacts-from-traits.ts";
export { createContact } from "./create-contact.ts";
export { deleteContact } from "./delete-contact.ts";
export { findContacts } from "./find-contacts.ts";
export { getContact } from "./get-contact.ts";
export { updateContact } from "./update-contact.ts";
export { upsertContact } from "./upsert-contact.ts";
export {
  type ContactUpserted,
  type ContactUpsertRow,
  checkContacts,
  upsertContacts,
} from "./upsert-contacts.ts";
