import { type SQL, sql } from "drizzle-orm";

/**
 * A list's filter to the members of a segment at its last refresh (the segment's stored stays,
 * which the `segments` module keeps): cheap for any list, and the same set its count says.
 */
export const inSegment = (idColumn: SQL | unknown, workspaceId: string, segmentId: string): SQL =>
  sql`${idColumn} in (select entity_id from segment_members
        where workspace_id = ${workspaceId} and segment_id = ${segmentId} and left_at is null)`;
