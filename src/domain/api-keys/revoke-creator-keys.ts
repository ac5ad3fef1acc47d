import type { Role } from "../../common/roles.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import { activeKeysCreatedBy, markRevoked } from "./api-key.queries.ts";
import { scopesExceedRole } from "./api-key.rules.ts";

export type CreatorChange = { reason: "creator removed" } | { reason: "creator's role changed"; role: Role };

/**
 * Revokes, in the caller's transaction, the live keys a person created in this workspace that they
 * may no longer hold: all of them when they leave, those with scopes above a new role otherwise.
 * Each revocation is audited. Answers the revoked keys' prefixes: pass them to `forgetApiKeys`
 * once the transaction has committed.
 */
export async function revokeCreatorKeys(ctx: Ctx, userId: string, change: CreatorChange): Promise<string[]> {
  const keys = await activeKeysCreatedBy(ctx.db, ctx.workspaceId, userId);
  const revoke =
    change.reason === "creator removed" ? keys : keys.filter((k) => scopesExceedRole(k.scopes, change.role));
  const at = new Date();
  for (const key of revoke) {
    await markRevoked(ctx.db, ctx.workspaceId, key.id, at);
    await recordAudit(ctx, {
      action: "api_key.revoke",
      targetType: "api_key",
      targetId: key.id,
      details: { name: key.name, reason: change.reason, creatorId: userId },
    });
  }
  return revoke.map((k) => k.prefix);
}
