import type { Ctx } from "../context.ts";
import { getSegment } from "../segments/index.ts";
import type { SegmentScope } from "./advocacy.queries.ts";

/** The segment a figure is narrowed to, which must be one of the workspace's (404 otherwise). */
export async function segmentScope(ctx: Ctx, id: string | undefined): Promise<SegmentScope> {
  if (!id) return null;
  const segment = await getSegment(ctx, id);
  return { id, entity: segment.entity };
}
