import { AppError, notFound } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { TeamMember } from "../../contract/account-team.ts";
import { withTx } from "../../db/transaction.ts";
import { getAccount } from "../accounts/index.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { findMember } from "../members/index.ts";
import { recordTimeline } from "../timeline/index.ts";
import {
  deleteTeamMember,
  findTeamMember,
  insertTeamMember,
  pageTeam,
  type TeamPageQuery,
  type TeamRow,
  updateTeamRole,
} from "./team.queries.ts";
import { roleLabel } from "./team.rules.ts";

const toTeamMember = (r: TeamRow): TeamMember => ({
  ...r,
  function: r.function as TeamMember["function"],
  teamRole: r.teamRole as TeamMember["teamRole"],
  createdAt: r.createdAt.toISOString(),
});

export async function listTeam(ctx: Ctx, accountId: string, query: TeamPageQuery) {
  await getAccount(ctx, accountId);
  const page = await pageTeam(ctx.db, ctx.workspaceId, accountId, query);
  return { data: page.data.map(toTeamMember), nextCursor: page.nextCursor };
}

export async function getTeamMember(ctx: Ctx, accountId: string, id: string): Promise<TeamMember> {
  const row = await findTeamMember(ctx.db, ctx.workspaceId, accountId, id);
  if (!row) throw notFound("Team member");
  return toTeamMember(row);
}

export async function addTeamMember(
  ctx: Ctx,
  accountId: string,
  input: { userId: string; teamRole: TeamMember["teamRole"] },
): Promise<TeamMember> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    await getAccount(tx, accountId);
    const member = await findMember(db, ctx.workspaceId, input.userId);
    if (!member) {
      throw new AppError("VALIDATION_FAILED", "userId is not a member of this workspace", {
        issues: [{ path: "userId", message: "is not a member of this workspace" }],
      });
    }
    const id = newId();
    const inserted = await insertTeamMember(db, { workspaceId: ctx.workspaceId, accountId, id, ...input });
    if (inserted.length === 0) {
      throw new AppError(
        "CONFLICT",
        `${member.name} is already on this account's team as ${roleLabel(input.teamRole)}`,
      );
    }
    await recordTimeline(tx, [
      {
        accountId,
        kind: "team",
        title: `${member.name} joined the account team as ${roleLabel(input.teamRole)}`,
      },
    ]);
    await recordEvents(tx, [{ type: "account_team.changed", data: { accountId, userId: input.userId } }]);
    return getTeamMember(tx, accountId, id);
  });
}

export async function updateTeamMember(
  ctx: Ctx,
  accountId: string,
  id: string,
  input: { teamRole: TeamMember["teamRole"] },
): Promise<TeamMember> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    await getTeamMember(tx, accountId, id);
    try {
      await db.transaction(async (inner) =>
        updateTeamRole(inner as never, ctx.workspaceId, id, input.teamRole),
      );
    } catch {
      throw new AppError(
        "CONFLICT",
        `That person already holds the role ${roleLabel(input.teamRole)} on this account`,
      );
    }
    const updated = await getTeamMember(tx, accountId, id);
    await recordEvents(tx, [{ type: "account_team.changed", data: { accountId, userId: updated.userId } }]);
    return updated;
  });
}

export async function removeTeamMember(ctx: Ctx, accountId: string, id: string): Promise<void> {
  await withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const row = await getTeamMember(tx, accountId, id);
    await deleteTeamMember(db, ctx.workspaceId, id);
    await recordEvents(tx, [{ type: "account_team.changed", data: { accountId, userId: row.userId } }]);
    await recordTimeline(tx, [
      {
        accountId,
        kind: "team",
        title: `${row.userName} left the account team (${roleLabel(row.teamRole)})`,
      },
    ]);
    await recordAudit(tx, {
      action: "team_member.remove",
      targetType: "account_team_member",
      targetId: id,
      details: { accountId },
    });
  });
}
