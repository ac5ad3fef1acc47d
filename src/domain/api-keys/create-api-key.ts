import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { ApiScope, Role } from "../../common/roles.ts";
import { withTx } from "../../db/transaction.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import { findMember } from "../members/index.ts";
import { insertApiKey } from "./api-key.queries.ts";
import { assertMayGrantScopes, generateApiKey, toApiKey } from "./api-key.rules.ts";

/**
 * Creates a key and returns its secret: the only time anyone sees it. The key belongs to a person:
 * the signed-in caller, the person of the key making it, or — for Steward itself (the CLI) — the
 * member named by `forUserId`. It dies with their access and never does more than their role.
 */
export async function createApiKey(
  ctx: Ctx,
  input: { name: string; scopes: ApiScope[] },
  forUserId?: string,
) {
  const generated = generateApiKey();
  const scopes = [...new Set(input.scopes)];
  return withTx(ctx.db, async (db) => {
    const { actor } = ctx;
    const userId = actor.kind === "system" ? forUserId : actor.userId;
    if (!userId) throw new AppError("INTERNAL", "a key made by Steward itself must name its person");
    // Read again here, not taken from the request: a role changed since must already count.
    const member = await findMember(db, ctx.workspaceId, userId);
    if (!member) {
      throw new AppError("VALIDATION_FAILED", "The key's person is not a member of this workspace");
    }
    assertMayGrantScopes(actor, scopes, member.role as Role);
    const row = await insertApiKey(db, {
      workspaceId: ctx.workspaceId,
      id: newId(),
      name: input.name,
      prefix: generated.prefix,
      keyHash: generated.hash,
      scopes,
      userId,
    });
    if (!row) throw new AppError("INTERNAL", "api key insert returned nothing");
    await recordAudit(
      { ...ctx, db },
      {
        action: "api_key.create",
        targetType: "api_key",
        targetId: row.id,
        details: { name: row.name, scopes: row.scopes, userId },
      },
    );
    return { ...toApiKey(row), key: generated.key };
  });
}
