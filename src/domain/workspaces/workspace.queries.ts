import { eq } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { schema } from "../../db/index.ts";

const { workspaces } = schema;

export const findWorkspaceBySlug = async (db: Db, slug: string) =>
  (await db.select().from(workspaces).where(eq(workspaces.slug, slug)).limit(1))[0] ?? null;

export const findWorkspaceById = async (db: Db, id: string) =>
  (await db.select().from(workspaces).where(eq(workspaces.id, id)).limit(1))[0] ?? null;

export const insertWorkspace = async (db: Db, row: { id: string; slug: string; name: string }) =>
  (await db.insert(workspaces).values(row).returning())[0];

export const listWorkspaces = (db: Db) => db.select().from(workspaces).orderBy(workspaces.slug);
