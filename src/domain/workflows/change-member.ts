import type { Member, MemberUpdate } from "../../contract/workspace.ts";
import { forgetApiKeys, forgetPersonKeys, revokeCreatorKeys } from "../api-keys/index.ts";
import { afterCommit, type Ctx } from "../context.ts";
import { updateMember } from "../members/index.ts";
import { transact } from "./transact.ts";

/**
 * Changes a member's role, function or title. A new role revokes, in the same transaction, the
 * API keys of the person whose scopes the role may no longer hold. The keys kept are bounded by the
 * new role on their next request anyway (a key acts for its person), so none keeps its cached role.
 */
export async function changeMember(ctx: Ctx, userId: string, patch: MemberUpdate): Promise<Member> {
  const { member, revoked } = await transact(ctx, async (tx) => {
    const change = await updateMember(tx, userId, patch);
    const role = change.roleChange?.to;
    const prefixes = role
      ? await revokeCreatorKeys(tx, userId, { reason: "creator's role changed", role })
      : [];
    return { member: change.member, revoked: prefixes };
  });
  afterCommit(ctx, () => {
    forgetApiKeys(revoked);
    forgetPersonKeys(ctx.workspaceId, userId);
  });
  return member;
}
