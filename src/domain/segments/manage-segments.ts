import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type {
  FilterGroup,
  Segment,
  SegmentCreate,
  SegmentEntity,
  SegmentMember,
  SegmentUpdate,
} from "../../contract/segments.ts";
import { withTx } from "../../db/transaction.ts";
import { actorPerson, type Ctx } from "../context.ts";
import { liveDay } from "./eval-day.ts";
import { getSegment, listSegmentFields, segmentRow } from "./find-segments.ts";
import { refreshSegment } from "./refresh-segments.ts";
import {
  compileFilter,
  deleteSegmentRow,
  insertSegment,
  previewMatches,
  segmentNameTaken,
  updateSegmentRow,
} from "./segment.queries.ts";
import { checkFilter } from "./segment.rules.ts";

const invalid = (issues: { path: string; message: string }[]) =>
  new AppError("VALIDATION_FAILED", issues.map((i) => `${i.path} ${i.message}`).join("; "), { issues });

/** The filter's SQL once it is known to be sound; every problem at its path otherwise. */
async function compiled(ctx: Ctx, entity: SegmentEntity, filter: FilterGroup, segmentId?: string) {
  const fields = await listSegmentFields(ctx, entity, segmentId);
  const issues = checkFilter(filter, fields);
  if (issues.length > 0) throw invalid(issues);
  return compileFilter(ctx.workspaceId, entity, filter, fields, liveDay());
}

async function assertNameFree(ctx: Ctx, name: string, exceptId?: string) {
  if (await segmentNameTaken(ctx.db, ctx.workspaceId, name, exceptId)) {
    throw invalid([{ path: "name", message: "is already the name of another segment" }]);
  }
}

/** What a filter matches right now: the count and the first twenty by name. Saves nothing. */
export async function previewSegment(
  ctx: Ctx,
  input: { entity: SegmentEntity; filter: FilterGroup },
): Promise<{ count: number; sample: SegmentMember[] }> {
  const select = await compiled(ctx, input.entity, input.filter);
  const { count, sample } = await previewMatches(ctx.db, select);
  return {
    count,
    sample: sample.map((m) => ({
      id: m.id,
      name: m.name,
      account: input.entity === "contact" ? { id: m.accountId, name: m.accountName } : null,
      enteredAt: null,
    })),
  };
}

/** Saves a segment and counts its members at once: their stays start now. */
export async function createSegment(ctx: Ctx, input: SegmentCreate): Promise<Segment> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    await compiled(tx, input.entity, input.filter);
    await assertNameFree(tx, input.name);
    const id = newId();
    await insertSegment(db, {
      workspaceId: ctx.workspaceId,
      id,
      name: input.name,
      description: input.description ?? null,
      entity: input.entity,
      filter: input.filter,
      createdBy: actorPerson(ctx.actor),
    });
    await refreshSegment(tx, id, "definition");
    return getSegment(tx, id);
  });
}

export async function updateSegment(ctx: Ctx, id: string, patch: SegmentUpdate): Promise<Segment> {
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const before = await segmentRow(tx, id);
    if (patch.filter) await compiled(tx, before.entity as SegmentEntity, patch.filter, id);
    if (patch.name !== undefined) await assertNameFree(tx, patch.name, id);
    await updateSegmentRow(db, ctx.workspaceId, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.filter ? { filter: patch.filter } : {}),
    });
    if (patch.filter) await refreshSegment(tx, id, "definition");
    return getSegment(tx, id);
  });
}

export async function deleteSegment(ctx: Ctx, id: string): Promise<void> {
  await withTx(ctx.db, async (db) => {
    await segmentRow({ ...ctx, db }, id);
    await deleteSegmentRow(db, ctx.workspaceId, id);
  });
}
