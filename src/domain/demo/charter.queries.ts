import type { Db } from "../../db/index.ts";
import { schema } from "../../db/index.ts";

export type DemoCharterVersion = Omit<typeof schema.charterVersions.$inferInsert, "workspaceId">;

/** The demo's charter versions, as history: written as they were, without events. */
export const insertDemoCharter = async (db: Db, workspaceId: string, versions: DemoCharterVersion[]) => {
  if (versions.length > 0)
    await db.insert(schema.charterVersions).values(versions.map((v) => ({ workspaceId, ...v })));
};
