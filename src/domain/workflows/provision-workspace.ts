import type { z } from "zod";
import { type Db, withTx } from "../../db/transaction.ts";
import { installDefaultModels } from "../health/index.ts";
import { addDefaultListItems } from "../journey/index.ts";
import { addDefaultOutcomeTemplates } from "../outcomes/index.ts";
import { addDefaultPlanTemplates } from "../plans/index.ts";
import { addDefaultPlaybooks } from "../playbooks/index.ts";
import { createWorkspace, type ZWorkspaceInput } from "../workspaces/index.ts";

/**
 * A new tenant ready to use: the workspace, its default health models and its starting library of
 * outcome and plan templates, its default playbooks and its journey lists, in one transaction.
 * Installation-level: called by the CLI, the demo loader and tests, not the HTTP API.
 */
export async function provisionWorkspace(db: Db, input: z.input<typeof ZWorkspaceInput>) {
  return withTx(db, async (tx) => {
    const workspace = await createWorkspace(tx, input);
    await installDefaultModels(tx, workspace.id);
    const ctx = {
      db: tx,
      workspaceId: workspace.id,
      actor: { kind: "system", label: "workspace provisioning" },
    } as const;
    await addDefaultOutcomeTemplates(ctx);
    await addDefaultListItems(ctx);
    await addDefaultPlanTemplates(ctx);
    await addDefaultPlaybooks(ctx);
    return workspace;
  });
}
