import { newId } from "../../common/ids.ts";
import type { Db } from "../../db/transaction.ts";
import { insertStageHistory, stageFacts } from "./demo.queries.ts";
import { planStages } from "./plan-stages.ts";

/** Every demo account's stage history, as its CSMs moved it along (see planStages). */
export async function addDemoStageHistory(db: Db, workspaceId: string, today: string): Promise<number> {
  const rows = (await stageFacts(db, workspaceId)).flatMap((a) =>
    planStages(a, today).map((s) => ({
      workspaceId,
      accountId: a.id,
      id: newId(),
      fromStage: s.from,
      toStage: s.to,
      changedAt: new Date(`${s.day}T09:00:00Z`),
      source: "hand",
    })),
  );
  await insertStageHistory(db, rows);
  return rows.length;
}
