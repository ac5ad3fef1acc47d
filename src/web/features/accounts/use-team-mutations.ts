import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type RouteBodyIn, routes, type TeamMember } from "../../../contract/index.ts";
import { api } from "../../api.ts";
import { invalidateAccount } from "../../lib/query.ts";

export type TeamMemberBody = RouteBodyIn<typeof routes.addTeamMember>;

/** The account team's writes; each refreshes the account's page (team, timeline, owner facts). */
export function useTeamMutations(accountId: string) {
  const qc = useQueryClient();
  const refresh = () => invalidateAccount(qc, accountId);
  const add = useMutation({
    mutationFn: (body: TeamMemberBody) => api(routes.addTeamMember, { params: { accountId }, body }),
    onSuccess: refresh,
  });
  const changeRole = useMutation({
    mutationFn: ({ member, teamRole }: { member: TeamMember; teamRole: TeamMember["teamRole"] }) =>
      api(routes.updateTeamMember, { params: { accountId, memberId: member.id }, body: { teamRole } }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (m: TeamMember) => api(routes.removeTeamMember, { params: { accountId, memberId: m.id } }),
    onSuccess: refresh,
  });
  return { add, changeRole, remove };
}
