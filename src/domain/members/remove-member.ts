import { notFound } from "../../common/errors.ts";
import type { Role } from "../../common/roles.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import {
  countOwners,
  deleteMembership,
  deleteUserSessions,
  findMember,
  lockOwners,
} from "./member.queries.ts";
import { assertMayAssignRole, assertNotLastOwner } from "./member.rules.ts";

export type RemovedMember = { userId: string; name: string; role: Role };

/**
 * Ends a membership inside the caller's transaction (the login stays for other workspaces) and
 * the person's sessions here. What else leaving means — accounts, teams, keys — is decided by the
 * offboarding workflow.
 */
export async function removeMember(ctx: Ctx, userId: string): Promise<RemovedMember> {
  await lockOwners(ctx.db, ctx.workspaceId);
  const current = await findMember(ctx.db, ctx.workspaceId, userId);
  if (!current) throw notFound("Member");
  const role = current.role as Role;
  assertMayAssignRole(ctx.actor, role, null);
  assertNotLastOwner(role, null, await countOwners(ctx.db, ctx.workspaceId));
  await deleteUserSessions(ctx.db, ctx.workspaceId, userId);
  await deleteMembership(ctx.db, ctx.workspaceId, userId);
  await recordEvents(ctx, [{ type: "member.removed", data: { userId } }]);
  return { userId, name: current.name, role };
}
