export { customFieldRow, selectCustomFieldDefs } from "./custom-field.queries.ts";
export { mayDefineCustomFields, numberProblem, validateCustomFields } from "./custom-field.rules.ts";
export {
  assertCustomFields,
  createCustomField,
  customFieldCreated,
  deleteCustomField,
  listCustomFields,
} from "./manage-custom-fields.ts";
