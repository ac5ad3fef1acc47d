import { leaveAccountTeams } from "../account-team/index.ts";
import { releaseOwnedAccounts } from "../accounts/index.ts";
import { forgetApiKeys, forgetPersonKeys, revokeCreatorKeys } from "../api-keys/index.ts";
import { recordAudit } from "../audit/index.ts";
import { afterCommit, type Ctx } from "../context.ts";
import { removeMember } from "../members/index.ts";
import { releaseOwnedOutcomes } from "../outcomes/index.ts";
import { releaseOwnedTasks } from "../tasks/index.ts";
import { transact } from "./transact.ts";

/**
 * A person leaves the workspace, all in one transaction: the membership and their sessions here
 * end, their API keys are revoked, they stop owning their accounts and key players' outcomes and
 * leave account teams (each account's timeline and each outcome's history says so); their open
 * inbox items go to the team. Their login stays for other workspaces.
 */
export async function offboardMember(ctx: Ctx, userId: string): Promise<void> {
  const revoked = await transact(ctx, async (tx) => {
    const member = await removeMember(tx, userId);
    const accounts = await releaseOwnedAccounts(tx, userId, member.name);
    const teams = await leaveAccountTeams(tx, userId, member.name);
    const outcomes = await releaseOwnedOutcomes(tx, userId);
    const tasks = await releaseOwnedTasks(tx, userId);
    const prefixes = await revokeCreatorKeys(tx, userId, { reason: "creator removed" });
    await recordAudit(tx, {
      action: "member.remove",
      targetType: "user",
      targetId: userId,
      details: {
        role: member.role,
        ownedAccounts: accounts,
        accountTeams: teams,
        ownedOutcomes: outcomes,
        openTasks: tasks,
        revokedApiKeys: prefixes.length,
      },
    });
    return prefixes;
  });
  afterCommit(ctx, () => {
    forgetApiKeys(revoked);
    forgetPersonKeys(ctx.workspaceId, userId);
  });
}
