import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  type Plan,
  type PlanItem,
  type PlanLink,
  type RouteBodyIn,
  routes,
} from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { apiQuery, invalidate, invalidateAccount } from "../../lib/query.ts";
import { changedFields } from "./plan.rules.ts";

export type PlanCreateBody = RouteBodyIn<typeof routes.createPlan>;
export type PlanUpdateBody = RouteBodyIn<typeof routes.updatePlan>;
export type ItemBody = RouteBodyIn<typeof routes.createPlanItem>;
export type ItemUpdateBody = RouteBodyIn<typeof routes.updatePlanItem>;
export type LinkBody = RouteBodyIn<typeof routes.createPlanLink>;

/** The plan's query, to read or to put a write's answer in. */
export const planQuery = (planId: string) => apiQuery(routes.getPlan, { params: { planId } });

/** An item's editable fields as the API takes them, to compare a form's body against. */
export const itemBodyOf = (i: PlanItem): Omit<ItemBody, "kind" | "parentId"> => ({
  title: i.title,
  description: i.description,
  internalNotes: i.internalNotes,
  status: i.status,
  dueDate: i.dueDate,
  ownerId: i.owner?.id ?? null,
  customerOwnerId: i.customerOwner?.id ?? null,
  shared: i.shared,
  outcomeIds: i.outcomes.map((o) => o.id),
});

/**
 * A plan's writes. Most answer the whole plan, which becomes the plan page's data at once; each
 * refreshes the plan lists (an account's section shows progress, counts and whether it is shared)
 * and the account's page (its timeline notes plan changes).
 */
export function usePlanMutations() {
  const qc = useQueryClient();
  const around = (plan: Pick<Plan, "accountId">) =>
    Promise.all([invalidate(qc, routes.listPlans.path), invalidateAccount(qc, plan.accountId)]);
  const fresh = (plan: Plan) => {
    qc.setQueryData(planQuery(plan.id).queryKey, plan);
    return around(plan);
  };
  const reread = (plan: Plan) => Promise.all([qc.invalidateQueries(planQuery(plan.id)), around(plan)]);

  const create = useMutation({
    mutationFn: (body: PlanCreateBody) => api(routes.createPlan, { body }),
    onSuccess: fresh,
  });
  const update = useMutation({
    mutationFn: ({ plan, body }: { plan: Plan; body: PlanUpdateBody }) =>
      api(routes.updatePlan, { params: { planId: plan.id }, body }),
    onSuccess: fresh,
  });
  const remove = useMutation({
    mutationFn: (plan: Plan) => api(routes.deletePlan, { params: { planId: plan.id } }),
    // The plan's own query is left to the page, which leaves for the account first.
    onSuccess: (_, plan) => around(plan),
  });
  const saveItem = useMutation({
    mutationFn: ({ plan, item, body }: { plan: Plan; item?: PlanItem; body: ItemBody }) => {
      if (!item) return api(routes.createPlanItem, { params: { planId: plan.id }, body });
      // Only what the user changed: a field someone else updated meanwhile is not written back.
      const { kind: _, parentId: __, ...fields } = body;
      const patch = changedFields(itemBodyOf(item), fields);
      return api(routes.updatePlanItem, { params: { planId: plan.id, itemId: item.id }, body: patch });
    },
    onSuccess: fresh,
  });
  /** One field of an item from the page itself: its status, or its place among its siblings. */
  const patchItem = useMutation({
    mutationFn: ({ plan, item, body }: { plan: Plan; item: PlanItem; body: ItemUpdateBody }) =>
      api(routes.updatePlanItem, { params: { planId: plan.id, itemId: item.id }, body }),
    onSuccess: fresh,
  });
  const removeItem = useMutation({
    mutationFn: ({ plan, item }: { plan: Plan; item: PlanItem }) =>
      api(routes.deletePlanItem, { params: { planId: plan.id, itemId: item.id } }),
    onSuccess: fresh,
  });
  const createLink = useMutation({
    mutationFn: ({ plan, body }: { plan: Plan; body: LinkBody }) =>
      api(routes.createPlanLink, { params: { planId: plan.id }, body }),
    onSuccess: (_, { plan }) => reread(plan),
  });
  const revokeLink = useMutation({
    mutationFn: ({ plan, link }: { plan: Plan; link: PlanLink }) =>
      api(routes.revokePlanLink, { params: { planId: plan.id, linkId: link.id } }),
    onSuccess: (_, { plan }) => reread(plan),
  });
  return { create, update, remove, saveItem, patchItem, removeItem, createLink, revokeLink };
}
