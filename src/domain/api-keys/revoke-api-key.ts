import { notFound } from "../../common/errors.ts";
import { withTx } from "../../db/transaction.ts";
import { recordAudit } from "../audit/index.ts";
import { afterCommit, type Ctx } from "../context.ts";
import { findApiKey, markRevoked } from "./api-key.queries.ts";
import { forgetApiKey } from "./authenticate-api-key.ts";

export async function revokeApiKey(ctx: Ctx, id: string): Promise<void> {
  const revokedPrefix = await withTx(ctx.db, async (db) => {
    const key = await findApiKey(db, ctx.workspaceId, id);
    if (!key) throw notFound("API key");
    if (key.revokedAt) return null;
    await markRevoked(db, ctx.workspaceId, id, new Date());
    await recordAudit(
      { ...ctx, db },
      { action: "api_key.revoke", targetType: "api_key", targetId: id, details: { name: key.name } },
    );
    return key.prefix;
  });
  // Only once committed: a request in between would read the row still live and cache it again.
  if (revokedPrefix) afterCommit(ctx, () => forgetApiKey(revokedPrefix));
}
