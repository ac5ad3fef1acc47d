export { customFieldRow, selectCustomFieldDefs } from "./custom-field.queries.ts";
export { mayDefineCustomFields, validateCustomFields } from "./custom-field.rules.ts";
export {
  assertCustomFields,
  createCustomField,
  customFieldCreated,
  customFieldIssues,
  deleteCustomField,
  listCustomFields,
} from "./manage-custom-fields.ts";
