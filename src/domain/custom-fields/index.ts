export { selectCustomFieldDefs } from "./custom-field.queries.ts";
export { validateCustomFields } from "./custom-field.rules.ts";
export {
  assertCustomFields,
  createCustomField,
  deleteCustomField,
  listCustomFields,
} from "./manage-custom-fields.ts";
