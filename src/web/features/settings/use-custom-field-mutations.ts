import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type CustomFieldDef, type RouteBodyIn, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { invalidate } from "../../lib/query.ts";

export type CustomFieldBody = RouteBodyIn<typeof routes.createCustomField>;

/** Defining and deleting custom fields; every form and list that shows them reads them again. */
export function useCustomFieldMutations() {
  const qc = useQueryClient();
  const refresh = () => invalidate(qc, routes.listCustomFields.path);
  const create = useMutation({
    mutationFn: (body: CustomFieldBody) => api(routes.createCustomField, { body }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (d: CustomFieldDef) =>
      api(routes.deleteCustomField, { params: { entity: d.entity, key: d.key } }),
    onSuccess: refresh,
  });
  return { create, remove };
}
