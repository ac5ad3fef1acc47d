import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type RouteBodyIn, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { invalidate } from "../../lib/query.ts";

export type SurveyBody = RouteBodyIn<typeof routes.sendSurvey>;

/** Who a survey would reach (nothing is sent), and sending it. */
export function useSurveyMutations() {
  const qc = useQueryClient();
  const preview = useMutation({
    mutationFn: ({ kind, audience, recontactDays }: SurveyBody) =>
      api(routes.previewSurvey, { body: { kind, audience, recontactDays } }),
  });
  const send = useMutation({
    mutationFn: (body: SurveyBody) => api(routes.sendSurvey, { body }),
    onSuccess: () => invalidate(qc, routes.listSurveys.path, routes.listMail.path),
  });
  return { preview, send };
}
