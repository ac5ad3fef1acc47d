import { AppError, notFound } from "../../common/errors.ts";
import type { Role } from "../../common/roles.ts";
import type { Member, MemberUpdate } from "../../contract/workspace.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { countOwners, findMember, lockOwners, reportsOf, updateMembership } from "./member.queries.ts";
import { assertMayAssignRole, assertNotLastOwner, definedChanges, toMember } from "./member.rules.ts";

const invalidManager = (message: string) =>
  new AppError("VALIDATION_FAILED", `managerId ${message}`, { issues: [{ path: "managerId", message }] });

/** A manager is another member of the workspace and not someone who reports to the person. */
async function assertMayManage(ctx: Ctx, userId: string, managerId: string): Promise<void> {
  if (managerId === userId) throw invalidManager("cannot be the member themselves");
  if (!(await findMember(ctx.db, ctx.workspaceId, managerId))) {
    throw invalidManager("is not a member of this workspace");
  }
  if ((await reportsOf(ctx.db, ctx.workspaceId, userId)).includes(managerId)) {
    throw invalidManager("reports to this member already: a manager cannot report to their own report");
  }
}

export type MemberChange = { member: Member; roleChange: { from: Role; to: Role } | null };

/**
 * Changes a member's role, function or title inside the caller's transaction; a role change is
 * audited and reported so the workflow can decide its consequences. An empty patch changes nothing.
 */
export async function updateMember(ctx: Ctx, userId: string, patch: MemberUpdate): Promise<MemberChange> {
  const changes = definedChanges(patch);
  // Owners are counted under a lock, so two owners demoting each other at once cannot both pass.
  if (changes.role !== undefined) await lockOwners(ctx.db, ctx.workspaceId);
  const current = await findMember(ctx.db, ctx.workspaceId, userId);
  if (!current) throw notFound("Member");
  const from = current.role as Role;
  const to = changes.role !== undefined && changes.role !== from ? changes.role : null;
  if (to) {
    assertMayAssignRole(ctx.actor, from, to);
    assertNotLastOwner(from, to, await countOwners(ctx.db, ctx.workspaceId));
  }
  if (changes.managerId) await assertMayManage(ctx, userId, changes.managerId);
  if (Object.keys(changes).length === 0) return { member: toMember(current), roleChange: null };
  await updateMembership(ctx.db, ctx.workspaceId, userId, changes);
  await recordEvents(ctx, [
    { type: "member.changed", data: { userId, fields: Object.keys(changes).sort() } },
  ]);
  if (to) {
    await recordAudit(ctx, {
      action: "member.role_change",
      targetType: "user",
      targetId: userId,
      details: { from, to },
    });
  }
  const updated = await findMember(ctx.db, ctx.workspaceId, userId);
  if (!updated) throw new AppError("INTERNAL", "membership vanished");
  return { member: toMember(updated), roleChange: to ? { from, to } : null };
}
