import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { ApiScope } from "../../common/roles.ts";
import { withTx } from "../../db/transaction.ts";
import { recordAudit } from "../audit/index.ts";
import { actorUserId, type Ctx } from "../context.ts";
import { insertApiKey } from "./api-key.queries.ts";
import { generateApiKey, toApiKey } from "./api-key.rules.ts";

/** Creates a key and returns its secret: the only time anyone sees it. */
export async function createApiKey(ctx: Ctx, input: { name: string; scopes: ApiScope[] }) {
  const generated = generateApiKey();
  return withTx(ctx.db, async (db) => {
    const row = await insertApiKey(db, {
      workspaceId: ctx.workspaceId,
      id: newId(),
      name: input.name,
      prefix: generated.prefix,
      keyHash: generated.hash,
      scopes: [...new Set(input.scopes)],
      createdBy: actorUserId(ctx.actor),
    });
    if (!row) throw new AppError("INTERNAL", "api key insert returned nothing");
    await recordAudit(
      { ...ctx, db },
      {
        action: "api_key.create",
        targetType: "api_key",
        targetId: row.id,
        details: { name: row.name, scopes: row.scopes },
      },
    );
    return { ...toApiKey(row), key: generated.key };
  });
}
