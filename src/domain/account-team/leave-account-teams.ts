import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { recordTimeline } from "../timeline/index.ts";
import { deleteUserTeamRows } from "./team.queries.ts";
import { roleLabel, rolesByAccount } from "./team.rules.ts";

/**
 * Takes a person off every account team in the workspace, in the caller's transaction, with one
 * timeline entry per account: for someone leaving the workspace. Answers how many accounts.
 */
export async function leaveAccountTeams(ctx: Ctx, userId: string, personName: string): Promise<number> {
  const byAccount = rolesByAccount(await deleteUserTeamRows(ctx.db, ctx.workspaceId, userId));
  await recordTimeline(
    ctx,
    [...byAccount].map(([accountId, roles]) => ({
      accountId,
      kind: "team" as const,
      title: `${personName} left the workspace: left the account team (${roles.map(roleLabel).join(", ")})`,
    })),
  );
  await recordEvents(
    ctx,
    [...byAccount.keys()].map((accountId) => ({
      type: "account_team.changed" as const,
      data: { accountId, userId },
    })),
  );
  return byAccount.size;
}
