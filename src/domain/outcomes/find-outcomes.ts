import { utcToday } from "../../common/dates.ts";
import { notFound } from "../../common/errors.ts";
import type { OutcomeChange, OutcomeListQuery } from "../../contract/outcomes.ts";
import type { Ctx } from "../context.ts";
import { changesOf, evidenceOf, findOutcome, pageOutcomes } from "./outcome.queries.ts";
import { toOutcome } from "./outcome.rules.ts";

/** Outcomes with their evidence, one page (two statements, whatever the page size). */
export async function findOutcomes(ctx: Ctx, query: OutcomeListQuery) {
  const page = await pageOutcomes(ctx.db, ctx.workspaceId, query);
  const evidence = await evidenceOf(
    ctx.db,
    ctx.workspaceId,
    page.data.map((o) => o.id),
  );
  const today = utcToday();
  return {
    data: page.data.map((o) =>
      toOutcome(
        o,
        evidence.filter((e) => e.outcomeId === o.id),
        today,
      ),
    ),
    nextCursor: page.nextCursor,
  };
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
