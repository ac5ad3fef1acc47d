import { AppError, notFound } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { Outcome, OutcomeCreate, OutcomeUpdate } from "../../contract/outcomes.ts";
import { withTx } from "../../db/transaction.ts";
import { findContact } from "../contacts/index.ts";
import { actorPerson, type Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { findMember } from "../members/index.ts";
import { recordTimeline } from "../timeline/index.ts";
import { withEvidence } from "./find-outcomes.ts";
import {
  clearOutcomeOwner,
  deleteEvidenceRow,
  deleteOutcomeRow,
  findOutcome,
  insertChange,
  insertEvidence,
  insertOutcome,
  type OutcomeRecord,
  type OutcomeRow,
  outcomesOwnedBy,
  updateOutcomeRow,
} from "./outcome.queries.ts";
import { changedFields, creationChanges, measureProblem, outcomeLabel } from "./outcome.rules.ts";

const invalid = (path: string, message: string) =>
  new AppError("VALIDATION_FAILED", `${path} ${message}`, { issues: [{ path, message }] });

async function checkOwner(ctx: Ctx, ownerId: string | null | undefined) {
  if (ownerId && !(await findMember(ctx.db, ctx.workspaceId, ownerId))) {
    throw invalid("ownerId", "is not a member of this workspace");
  }
}

/** Reads an outcome with its evidence as the API shows it. */
export async function readOutcome(ctx: Ctx, id: string): Promise<Outcome> {
  const row = await findOutcome(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound("Outcome");
  return (await withEvidence(ctx, [row]))[0] as Outcome;
}

const eventData = (row: OutcomeRow) => ({
  accountId: row.accountId,
  contactId: row.contactId,
  outcomeId: row.id,
});

export async function createOutcome(ctx: Ctx, input: OutcomeCreate): Promise<Outcome> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const contact = await findContact(db, ctx.workspaceId, input.contactId);
    if (!contact) throw invalid("contactId", "is not a contact here");
    await checkOwner(tx, input.ownerId);
    const record: OutcomeRecord = {
      kind: input.kind,
      title: input.title,
      measure: input.measure ?? null,
      unit: input.unit ?? null,
      baseline: input.baseline ?? null,
      target: input.target ?? null,
      current: input.current ?? null,
      dueDate: input.dueDate ?? null,
      status: input.status ?? "planned",
      ownerId: input.ownerId ?? null,
      achievedAt: input.status === "achieved" ? new Date() : null,
    };
    const problem = measureProblem(record);
    if (problem) throw invalid("target", problem);
    const id = newId();
    await insertOutcome(db, { ...record, workspaceId: ctx.workspaceId, id, contactId: contact.id });
    const { achievedAt: _, ...shown } = record;
    await insertChange(db, {
      workspaceId: ctx.workspaceId,
      id: newId(),
      outcomeId: id,
      actorId: actorPerson(ctx.actor),
      action: "created",
      changes: creationChanges(shown),
    });
    await recordTimeline(tx, [
      {
        accountId: contact.accountId,
        kind: "outcome",
        title: `${outcomeLabel(record.kind)} added: ${record.title}`,
        contactId: contact.id,
      },
    ]);
    await recordEvents(tx, [
      {
        type: "outcome.created",
        data: { accountId: contact.accountId, contactId: contact.id, outcomeId: id },
      },
    ]);
    return readOutcome(tx, id);
  });
}

/** `timeline: false` when the caller writes its own, better-worded entry (a customer's confirmation). */
export async function updateOutcome(
  ctx: Ctx,
  id: string,
  patch: OutcomeUpdate,
  options: { timeline?: boolean } = {},
): Promise<Outcome> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const before = await findOutcome(db, ctx.workspaceId, id);
    if (!before) throw notFound("Outcome");
    // An owner who has since left stays valid until someone changes it.
    if (patch.ownerId !== before.ownerId) await checkOwner(tx, patch.ownerId);
    const problem = measureProblem({
      baseline: patch.baseline !== undefined ? patch.baseline : before.baseline,
      target: patch.target !== undefined ? patch.target : before.target,
    });
    if (problem) throw invalid("target", problem);
    const changes = changedFields(before, patch);
    if (Object.keys(changes).length === 0) return readOutcome(tx, id);
    const status = changes.status?.to as string | undefined;
    const achievedAt = status === undefined ? {} : { achievedAt: status === "achieved" ? new Date() : null };
    await updateOutcomeRow(db, ctx.workspaceId, id, { ...patch, ...achievedAt });
    await insertChange(db, {
      workspaceId: ctx.workspaceId,
      id: newId(),
      outcomeId: id,
      actorId: actorPerson(ctx.actor),
      action: "changed",
      changes,
    });
    if ((status === "achieved" || status === "missed") && options.timeline !== false) {
      const word = status === "achieved" ? "achieved" : "missed";
      await recordTimeline(tx, [
        {
          accountId: before.accountId,
          kind: "outcome",
          title: `${outcomeLabel(before.kind)} ${word}: ${patch.title ?? before.title}`,
          contactId: before.contactId,
        },
      ]);
    }
    await recordEvents(tx, [
      { type: "outcome.changed", data: { ...eventData(before), fields: Object.keys(changes).sort() } },
    ]);
    return readOutcome(tx, id);
  });
}

export async function deleteOutcome(ctx: Ctx, id: string): Promise<void> {
  await withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const row = await findOutcome(db, ctx.workspaceId, id);
    if (!row) throw notFound("Outcome");
    await deleteOutcomeRow(db, ctx.workspaceId, id);
    await recordEvents(tx, [{ type: "outcome.deleted", data: eventData(row) }]);
  });
}

export async function addEvidence(
  ctx: Ctx,
  outcomeId: string,
  input: { note?: string | undefined; url?: string | undefined },
): Promise<Outcome> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const row = await findOutcome(db, ctx.workspaceId, outcomeId);
    if (!row) throw notFound("Outcome");
    await insertEvidence(db, {
      workspaceId: ctx.workspaceId,
      id: newId(),
      outcomeId,
      note: input.note || null,
      url: input.url || null,
      authorId: actorPerson(ctx.actor),
    });
    await recordEvents(tx, [{ type: "outcome.changed", data: { ...eventData(row), fields: ["evidence"] } }]);
    return readOutcome(tx, outcomeId);
  });
}

export async function removeEvidence(ctx: Ctx, outcomeId: string, evidenceId: string): Promise<void> {
  await withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const row = await findOutcome(db, ctx.workspaceId, outcomeId);
    if (!row || !(await deleteEvidenceRow(db, ctx.workspaceId, outcomeId, evidenceId))) {
      throw notFound("Evidence");
    }
    await recordEvents(tx, [{ type: "outcome.changed", data: { ...eventData(row), fields: ["evidence"] } }]);
  });
}

/**
 * A member leaves the workspace: the outcomes they owned have no owner until someone takes them
 * (the offboarding workflow calls this in its transaction); each outcome's history says so.
 */
export async function releaseOwnedOutcomes(ctx: Ctx, userId: string): Promise<number> {
  const owned = await outcomesOwnedBy(ctx.db, ctx.workspaceId, userId);
  if (owned.length === 0) return 0;
  await clearOutcomeOwner(ctx.db, ctx.workspaceId, userId);
  for (const o of owned) {
    await insertChange(ctx.db, {
      workspaceId: ctx.workspaceId,
      id: newId(),
      outcomeId: o.id,
      actorId: actorPerson(ctx.actor),
      action: "changed",
      changes: { ownerId: { from: userId, to: null } },
    });
  }
  await recordEvents(
    ctx,
    owned.map((o) => ({ type: "outcome.changed" as const, data: { ...eventData(o), fields: ["ownerId"] } })),
  );
  return owned.length;
}
