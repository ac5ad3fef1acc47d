import { notFound } from "../../common/errors.ts";
import type {
  Segment,
  SegmentChange,
  SegmentEntity,
  SegmentField,
  SegmentMember,
} from "../../contract/segments.ts";
import { workspaceStages } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { selectCustomFieldDefs } from "../custom-fields/index.ts";
import { fieldsFor } from "./segment.fields.ts";
import {
  findSegmentRow,
  listSegmentRows,
  pageChanges,
  pageMembers,
  type SegmentRow,
} from "./segment.queries.ts";

export const toSegment = (r: SegmentRow): Segment => ({
  id: r.id,
  name: r.name,
  description: r.description,
  entity: r.entity as SegmentEntity,
  filter: r.filter as Segment["filter"],
  memberCount: r.memberCount,
  refreshedAt: r.refreshedAt ? new Date(r.refreshedAt).toISOString() : null,
  createdBy: r.createdBy && r.createdByName !== null ? { userId: r.createdBy, name: r.createdByName } : null,
  createdAt: new Date(r.createdAt).toISOString(),
  updatedAt: new Date(r.updatedAt).toISOString(),
});

/**
 * The fields a segment of this entity (or a rule's conditions) can test, with the workspace's
 * custom fields and, for accounts, membership of its account segments (but `exceptSegmentId`).
 */
export async function listSegmentFields(
  ctx: Ctx,
  entity: SegmentEntity,
  exceptSegmentId?: string,
): Promise<SegmentField[]> {
  const segments =
    entity === "account"
      ? (await listSegmentRows(ctx.db, ctx.workspaceId, "account")).filter((s) => s.id !== exceptSegmentId)
      : [];
  return fieldsFor(
    entity,
    await selectCustomFieldDefs(ctx.db, ctx.workspaceId),
    segments,
    await workspaceStages(ctx),
  );
}

export async function listSegments(ctx: Ctx, entity?: SegmentEntity): Promise<Segment[]> {
  return (await listSegmentRows(ctx.db, ctx.workspaceId, entity)).map(toSegment);
}

export async function segmentRow(ctx: Ctx, id: string): Promise<SegmentRow> {
  const row = await findSegmentRow(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound("Segment");
  return row;
}

export async function getSegment(ctx: Ctx, id: string): Promise<Segment> {
  return toSegment(await segmentRow(ctx, id));
}

export async function listSegmentMembers(
  ctx: Ctx,
  id: string,
  q: { limit: number; cursor?: string | undefined },
): Promise<{ data: SegmentMember[]; nextCursor: string | null }> {
  const segment = await segmentRow(ctx, id);
  const entity = segment.entity as SegmentEntity;
  const page = await pageMembers(ctx.db, ctx.workspaceId, id, entity, q);
  return {
    data: page.data.map((m) => ({
      id: m.id,
      name: m.name,
      account: entity === "contact" ? { id: m.accountId, name: m.accountName } : null,
      enteredAt: new Date(m.enteredAt).toISOString(),
    })),
    nextCursor: page.nextCursor,
  };
}

export async function listSegmentChanges(
  ctx: Ctx,
  id: string,
  q: { limit: number; cursor?: string | undefined },
): Promise<{ data: SegmentChange[]; nextCursor: string | null }> {
  const segment = await segmentRow(ctx, id);
  const page = await pageChanges(ctx.db, ctx.workspaceId, id, segment.entity as SegmentEntity, q);
  return {
    data: page.data.map((c) => ({
      id: c.id,
      name: c.name,
      change: c.change,
      at: new Date(c.at).toISOString(),
    })),
    nextCursor: page.nextCursor,
  };
}
