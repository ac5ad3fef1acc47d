import { z } from "zod";
import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { Db } from "../../db/index.ts";
import { insertAudit } from "../audit/index.ts";
import { findWorkspaceBySlug, insertWorkspace } from "./workspace.queries.ts";

export const ZWorkspaceInput = z.strictObject({
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$/, "must be 3–50 lowercase letters, digits or hyphens"),
  name: z.string().trim().min(1, "is required").max(200),
});

/** The tenant record and its audit entry; `provisionWorkspace` makes a ready-to-use workspace. */
export async function createWorkspace(db: Db, input: z.input<typeof ZWorkspaceInput>) {
  const parsed = ZWorkspaceInput.safeParse(input);
  if (!parsed.success) {
    throw new AppError("VALIDATION_FAILED", `Invalid workspace: ${z.prettifyError(parsed.error)}`);
  }
  if (await findWorkspaceBySlug(db, parsed.data.slug)) {
    throw new AppError("CONFLICT", `A workspace with slug "${parsed.data.slug}" already exists`);
  }
  const workspace = await insertWorkspace(db, { id: newId(), ...parsed.data });
  if (!workspace) throw new AppError("INTERNAL", "workspace insert returned nothing");
  await insertAudit(db, {
    workspaceId: workspace.id,
    action: "workspace.create",
    targetType: "workspace",
    targetId: workspace.id,
  });
  return workspace;
}
