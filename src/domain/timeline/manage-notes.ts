import { AppError, notFound } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { NoteCreate, NoteUpdate, TimelineEntry } from "../../contract/timeline.ts";
import { withTx } from "../../db/transaction.ts";
import { recordAudit } from "../audit/index.ts";
import { actorUserId, type Ctx } from "../context.ts";
import { assertMayChangeNote } from "./note.rules.ts";
import { toTimelineEntry } from "./record-timeline.ts";
import {
  accountExists,
  deleteTimelineEntry,
  findTimelineEntry,
  insertTimelineEntries,
  isContactOfAccount,
  pageTimeline,
  updateTimelineEntry,
} from "./timeline.queries.ts";

async function checkAccount(ctx: Ctx, accountId: string): Promise<void> {
  if (!(await accountExists(ctx.db, ctx.workspaceId, accountId))) throw notFound("Account");
}

async function checkContact(
  ctx: Ctx,
  accountId: string,
  contactId: string | null | undefined,
): Promise<void> {
  if (contactId && !(await isContactOfAccount(ctx.db, ctx.workspaceId, accountId, contactId))) {
    throw new AppError("VALIDATION_FAILED", "contactId is not a contact of this account", {
      issues: [{ path: "contactId", message: "is not a contact of this account" }],
    });
  }
}

export async function listTimeline(
  ctx: Ctx,
  accountId: string,
  query: { limit: number; cursor?: string; kind?: string[]; sort?: { desc: boolean } },
) {
  await checkAccount(ctx, accountId);
  const page = await pageTimeline(ctx.db, ctx.workspaceId, accountId, query);
  return { data: page.data.map(toTimelineEntry), nextCursor: page.nextCursor };
}

export async function getTimelineEntry(ctx: Ctx, accountId: string, id: string): Promise<TimelineEntry> {
  const row = await findTimelineEntry(ctx.db, ctx.workspaceId, accountId, id);
  if (!row) throw notFound("Timeline entry");
  return toTimelineEntry(row);
}

export async function addNote(ctx: Ctx, accountId: string, input: NoteCreate): Promise<TimelineEntry> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    await checkAccount(tx, accountId);
    await checkContact(tx, accountId, input.contactId);
    const id = newId();
    await insertTimelineEntries(db, [
      {
        workspaceId: ctx.workspaceId,
        accountId,
        id,
        kind: "note",
        title: input.title,
        body: input.body ?? null,
        occurredAt: input.occurredAt ? new Date(input.occurredAt) : new Date(),
        contactId: input.contactId ?? null,
        authorId: actorUserId(ctx.actor),
      },
    ]);
    return getTimelineEntry(tx, accountId, id);
  });
}

/** The note, when it is one and the caller may change it. */
async function requireNote(ctx: Ctx, accountId: string, id: string): Promise<TimelineEntry> {
  const entry = await getTimelineEntry(ctx, accountId, id);
  if (entry.kind !== "note") {
    throw new AppError(
      "CONFLICT",
      "Only notes can be changed; entries Steward recorded are kept as they are",
    );
  }
  assertMayChangeNote(ctx.actor, entry.authorId);
  return entry;
}

export async function updateNote(
  ctx: Ctx,
  accountId: string,
  id: string,
  patch: NoteUpdate,
): Promise<TimelineEntry> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const before = await requireNote(tx, accountId, id);
    await checkContact(tx, accountId, patch.contactId);
    await updateTimelineEntry(db, ctx.workspaceId, id, {
      ...patch,
      occurredAt: patch.occurredAt ? new Date(patch.occurredAt) : undefined,
    });
    await recordAudit(tx, {
      action: "note.update",
      targetType: "timeline_entry",
      targetId: id,
      details: {
        accountId,
        title: patch.title ?? before.title,
        fields: Object.keys(patch).filter((k) => patch[k as keyof NoteUpdate] !== undefined),
      },
    });
    return getTimelineEntry(tx, accountId, id);
  });
}

export async function deleteNote(ctx: Ctx, accountId: string, id: string): Promise<void> {
  await withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const note = await requireNote(tx, accountId, id);
    await deleteTimelineEntry(db, ctx.workspaceId, id);
    await recordAudit(tx, {
      action: "note.delete",
      targetType: "timeline_entry",
      targetId: id,
      details: { accountId, title: note.title },
    });
  });
}
