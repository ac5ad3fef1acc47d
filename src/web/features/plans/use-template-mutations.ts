import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type PlanTemplate, type RouteBodyIn, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { invalidate } from "../../lib/query.ts";

export type TemplateBody = RouteBodyIn<typeof routes.createPlanTemplate>;

/** Plan templates' writes (admins); each refreshes the template list the new-plan form picks from. */
export function useTemplateMutations() {
  const qc = useQueryClient();
  const refresh = () => invalidate(qc, routes.listPlanTemplates.path);
  const save = useMutation({
    mutationFn: ({ template, body }: { template?: PlanTemplate; body: TemplateBody }) =>
      template
        ? api(routes.updatePlanTemplate, { params: { templateId: template.id }, body })
        : api(routes.createPlanTemplate, { body }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (t: PlanTemplate) => api(routes.deletePlanTemplate, { params: { templateId: t.id } }),
    onSuccess: refresh,
  });
  return { save, remove };
}
