import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type RouteBodyIn, routes, type Touchpoint } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { invalidate, invalidateAccount } from "../../lib/query.ts";

export type TouchpointBody = RouteBodyIn<typeof routes.createTouchpoint>;

/** A touchpoint's writes; each refreshes the touchpoint lists, the journey and the account's timeline. */
export function useTouchpointMutations() {
  const qc = useQueryClient();
  const refresh = (accountId: string) =>
    Promise.all([
      invalidate(qc, routes.listTouchpoints.path, routes.getJourney.path),
      invalidateAccount(qc, accountId),
    ]);
  const save = useMutation({
    mutationFn: ({ touchpoint, body }: { touchpoint?: Touchpoint; body: TouchpointBody }) => {
      if (!touchpoint) return api(routes.createTouchpoint, { body });
      // Only what the user changed: a field someone else updated meanwhile is not written back.
      const { accountId: _, contactIds, ...fields } = body;
      const patch: Record<string, unknown> = Object.fromEntries(
        Object.entries(fields).filter(([k, v]) => v !== touchpoint[k as keyof typeof fields]),
      );
      const before = touchpoint.players.map((p) => p.contactId).sort();
      if (JSON.stringify([...(contactIds ?? [])].sort()) !== JSON.stringify(before))
        patch.contactIds = contactIds;
      // The date only when its day changed: the stored time of day stays.
      if (patch.occurredAt && String(patch.occurredAt).slice(0, 10) === touchpoint.occurredAt.slice(0, 10)) {
        delete patch.occurredAt;
      }
      return api(routes.updateTouchpoint, { params: { touchpointId: touchpoint.id }, body: patch });
    },
    onSuccess: (t) => refresh(t.accountId),
  });
  const remove = useMutation({
    mutationFn: (t: Touchpoint) => api(routes.deleteTouchpoint, { params: { touchpointId: t.id } }),
    onSuccess: (_, t) => refresh(t.accountId),
  });
  return { save, remove };
}
