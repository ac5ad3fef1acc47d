import { AppError } from "../common/errors.ts";
import type { Db } from "../db/index.ts";
import { systemDb } from "../db/system.ts";
import type { Ctx } from "../domain/context.ts";
import { getWorkspaceBySlug, listWorkspaces } from "../domain/workspaces/index.ts";

/**
 * The workspace a command acts on (its slug, for messages): the one named, or the only one there
 * is. The CLI is the operator's installation-level tool (it holds the database's credentials): its
 * commands run on the system path, every query still filtered by the workspace.
 */
export async function workspaceCtx(
  root: Db,
  slug: string | undefined,
  label: string,
): Promise<Ctx & { slug: string }> {
  const db = systemDb(root);
  const actor = { kind: "system", label } as const;
  if (slug) {
    const workspace = await getWorkspaceBySlug(db, slug);
    return { db, workspaceId: workspace.id, actor, slug: workspace.slug };
  }
  const all = await listWorkspaces(db);
  if (all.length === 1 && all[0]) return { db, workspaceId: all[0].id, actor, slug: all[0].slug };
  throw new AppError(
    "VALIDATION_FAILED",
    all.length === 0
      ? "There is no workspace yet: create one with `steward workspace create --slug S --name N`"
      : `Say which workspace with --workspace (one of: ${all.map((w) => w.slug).join(", ")})`,
  );
}
