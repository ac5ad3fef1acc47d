import { utcToday } from "../../common/dates.ts";
import { notFound } from "../../common/errors.ts";
import type { Outcome, OutcomeChange, OutcomeListQuery } from "../../contract/outcomes.ts";
import type { Ctx } from "../context.ts";
import { changesOf, evidenceOf, findOutcome, type OutcomeRow, pageOutcomes } from "./outcome.queries.ts";
import { toOutcome } from "./outcome.rules.ts";

/** Outcomes as the API shows them: with their evidence (one statement for all) and progress today. */
export async function withEvidence(ctx: Ctx, rows: OutcomeRow[]): Promise<Outcome[]> {
  const evidence = await evidenceOf(
    ctx.db,
    ctx.workspaceId,
    rows.map((o) => o.id),
  );
  const today = utcToday();
  return rows.map((o) =>
    toOutcome(
      o,
      evidence.filter((e) => e.outcomeId === o.id),
      today,
    ),
  );
}

/** One page of outcomes with their evidence. */
export async function findOutcomes(ctx: Ctx, query: OutcomeListQuery) {
  const page = await pageOutcomes(ctx.db, ctx.workspaceId, query);
  return { data: await withEvidence(ctx, page.data), nextCursor: page.nextCursor };
}

export async function outcomeHistory(ctx: Ctx, outcomeId: string): Promise<{ data: OutcomeChange[] }> {
  if (!(await findOutcome(ctx.db, ctx.workspaceId, outcomeId))) throw notFound("Outcome");
  const rows = await changesOf(ctx.db, ctx.workspaceId, outcomeId);
  return {
    data: rows.map((r) => ({
      ...r,
      action: r.action as OutcomeChange["action"],
      changedAt: r.changedAt.toISOString(),
    })),
  };
}
