import { useQuery } from "@tanstack/react-query";
import { type CustomFieldDef, routes } from "../../contract/index.ts";
import { apiQuery } from "../lib/query.ts";
import { customFieldLabels } from "./customFieldSplit.ts";
import type { FieldLabels } from "./form.ts";

/**
 * An edit form's custom field definitions for one entity (read while the form is open) and its
 * labels with theirs added, so the server's issues about a custom field name it in words.
 */
export function useCustomFieldDefs(
  entity: CustomFieldDef["entity"],
  opened: boolean,
  labels: FieldLabels,
): { defs: CustomFieldDef[]; labels: FieldLabels } {
  const q = useQuery({ ...apiQuery(routes.listCustomFields, { query: { entity } }), enabled: opened });
  const defs = q.data?.data ?? [];
  return { defs, labels: { ...labels, ...customFieldLabels(defs) } };
}
