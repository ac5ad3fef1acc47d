import { AppError, notFound } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { SourceCreate, SourceUpdate } from "../../contract/index.ts";
import { withTx } from "../../db/transaction.ts";
import { recordAudit } from "../audit/index.ts";
import { actorUserId, afterCommit, type Ctx } from "../context.ts";
import { forgetSource } from "./authenticate-source.ts";
import { deleteSourceRow, findSource, insertSource, sourceStats, updateSourceRow } from "./source.queries.ts";
import { DEFAULT_SOURCE_RATE_LIMIT, generateWriteKey, toSource } from "./source.rules.ts";

/** Creates a source and returns its write key: the only time anyone sees it. */
export async function createSource(ctx: Ctx, input: SourceCreate) {
  const key = generateWriteKey();
  return withTx(ctx.db, async (db) => {
    const row = await insertSource(db, {
      workspaceId: ctx.workspaceId,
      id: newId(),
      name: input.name,
      writeKeyHash: key.hash,
      writeKeyPrefix: key.prefix,
      unknownAccounts: input.unknownAccounts ?? "park",
      traitsMayOverwrite: input.traitsMayOverwrite ?? false,
      rateLimit: input.rateLimit ?? DEFAULT_SOURCE_RATE_LIMIT,
      createdBy: actorUserId(ctx.actor),
    });
    await recordAudit(
      { ...ctx, db },
      { action: "source.create", targetType: "source", targetId: row.id, details: { name: row.name } },
    );
    return { ...toSource(row, { events: 0, rejected: 0 }), writeKey: key.key };
  });
}

export async function getSource(ctx: Ctx, id: string, now = new Date()) {
  const row = await findSource(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound("Source");
  const stats = await sourceStats(ctx.db, ctx.workspaceId, [id], now);
  return toSource(row, stats.get(id) ?? { events: 0, rejected: 0 });
}

export async function updateSource(ctx: Ctx, id: string, input: SourceUpdate) {
  const row = await withTx(ctx.db, async (db) => {
    const updated = await updateSourceRow(db, ctx.workspaceId, id, input);
    if (!updated) throw notFound("Source");
    await recordAudit(
      { ...ctx, db },
      { action: "source.update", targetType: "source", targetId: id, details: { ...input } },
    );
    return updated;
  });
  // After the commit: a lookup racing the update must not cache the old status again.
  afterCommit(ctx, () => forgetSource(row.writeKeyHash));
  return getSource(ctx, id);
}

/** Replaces the write key; the old one stops working at once in this process and within seconds elsewhere. */
export async function rotateSourceKey(ctx: Ctx, id: string) {
  const key = generateWriteKey();
  const before = await findSource(ctx.db, ctx.workspaceId, id);
  if (!before) throw notFound("Source");
  await withTx(ctx.db, async (db) => {
    const updated = await updateSourceRow(db, ctx.workspaceId, id, {
      writeKeyHash: key.hash,
      writeKeyPrefix: key.prefix,
      keyRotatedAt: new Date(),
    });
    if (!updated) throw notFound("Source");
    await recordAudit({ ...ctx, db }, { action: "source.rotate_key", targetType: "source", targetId: id });
  });
  afterCommit(ctx, () => forgetSource(before.writeKeyHash));
  return { ...(await getSource(ctx, id)), writeKey: key.key };
}

/** Deletes the source; the events it sent stay (they belong to the accounts). */
export async function deleteSource(ctx: Ctx, id: string) {
  const before = await findSource(ctx.db, ctx.workspaceId, id);
  if (!before) throw notFound("Source");
  await withTx(ctx.db, async (db) => {
    if (!(await deleteSourceRow(db, ctx.workspaceId, id))) throw notFound("Source");
    await recordAudit(
      { ...ctx, db },
      { action: "source.delete", targetType: "source", targetId: id, details: { name: before.name } },
    );
  });
  afterCommit(ctx, () => forgetSource(before.writeKeyHash));
}

export function assertSourceActive(source: { status: string }) {
  if (source.status !== "active") throw new AppError("UNAUTHENTICATED", "This source is disabled");
}
