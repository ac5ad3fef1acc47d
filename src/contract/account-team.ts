import { z } from "zod";
import { ZFunction, ZId, ZList, ZPage, ZPageQuery, ZSort, ZTimestamp } from "./common.ts";
import { defineRoute } from "./route.ts";

export const TEAM_ROLES = [
  "csm",
  "account_executive",
  "executive_sponsor",
  "support_lead",
  "services_lead",
  "marketing",
] as const;
export const ZTeamRole = z.enum(TEAM_ROLES);

export const ZTeamMember = z.object({
  id: ZId,
  accountId: ZId,
  userId: ZId,
  userName: z.string(),
  userEmail: z.string(),
  function: ZFunction.nullable(),
  teamRole: ZTeamRole,
  createdAt: ZTimestamp,
});
export type TeamMember = z.infer<typeof ZTeamMember>;

const ZAccountParams = z.strictObject({ accountId: ZId });
const ZMemberParams = z.strictObject({ accountId: ZId, memberId: ZId });

export const accountTeamRoutes = {
  listTeam: defineRoute({
    method: "GET",
    path: "/api/v1/accounts/:accountId/team",
    access: "read",
    tag: "account team",
    summary: "List the account team",
    params: ZAccountParams,
    query: z.strictObject({
      ...ZPageQuery,
      teamRole: ZList(ZTeamRole).optional(),
      sort: ZSort(["role", "name", "added"], "role"),
    }),
    response: ZPage(ZTeamMember),
  }),
  addTeamMember: defineRoute({
    method: "POST",
    path: "/api/v1/accounts/:accountId/team",
    access: "write",
    tag: "account team",
    summary: "Add a workspace member to the account team in a role",
    params: ZAccountParams,
    body: z.strictObject({ userId: ZId, teamRole: ZTeamRole }),
    response: ZTeamMember,
    status: 201,
  }),
  getTeamMember: defineRoute({
    method: "GET",
    path: "/api/v1/accounts/:accountId/team/:memberId",
    access: "read",
    tag: "account team",
    summary: "Get one account team member",
    params: ZMemberParams,
    response: ZTeamMember,
  }),
  updateTeamMember: defineRoute({
    method: "PATCH",
    path: "/api/v1/accounts/:accountId/team/:memberId",
    access: "write",
    tag: "account team",
    summary: "Change a team member's role on the account",
    params: ZMemberParams,
    body: z.strictObject({ teamRole: ZTeamRole }),
    response: ZTeamMember,
  }),
  removeTeamMember: defineRoute({
    method: "DELETE",
    path: "/api/v1/accounts/:accountId/team/:memberId",
    access: "write",
    tag: "account team",
    summary: "Remove someone from the account team",
    params: ZMemberParams,
    response: null,
    status: 204,
  }),
} as const;
