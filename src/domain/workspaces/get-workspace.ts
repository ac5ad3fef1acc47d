import { notFound } from "../../common/errors.ts";
import type { Db } from "../../db/index.ts";
import { findWorkspaceBySlug } from "./workspace.queries.ts";

export async function getWorkspaceBySlug(db: Db, slug: string) {
  const workspace = await findWorkspaceBySlug(db, slug);
  if (!workspace) throw notFound(`Workspace "${slug}"`);
  return workspace;
}
