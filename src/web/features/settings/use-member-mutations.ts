import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type Member, type MemberUpdate, type RouteBodyIn, routes } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { invalidate } from "../../lib/query.ts";

export type MemberBody = RouteBodyIn<typeof routes.addMember>;

/** Inviting, changing and removing workspace members; the member list (and pickers) read again. */
export function useMemberMutations() {
  const qc = useQueryClient();
  const refresh = () => invalidate(qc, routes.listMembers.path);
  const add = useMutation({
    mutationFn: (body: MemberBody) => api(routes.addMember, { body }),
    // Adding someone is an invitation: they appear among the pending ones until they accept.
    onSuccess: () => invalidate(qc, routes.listInvitations.path),
  });
  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: MemberUpdate }) =>
      api(routes.updateMember, { params: { id }, body }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (m: Member) => api(routes.removeMember, { params: { id: m.userId } }),
    // A removed member no longer owns accounts or sits on teams.
    onSuccess: () => invalidate(qc, routes.listMembers.path, "/api/v1/accounts"),
  });
  return { add, update, remove };
}
