import { AppError } from "../../common/errors.ts";
import type { EmployeeSummaries } from "../../contract/touchpoints.ts";
import { actorPerson, type Ctx } from "../context.ts";
import { tallyByEmployee } from "./journey.queries.ts";
import { average, journeyPeriod, summaryScope } from "./journey.rules.ts";

/**
 * Per employee: touchpoints of the period, reviewed quality and self-assessed quality apart, and the
 * customers' experience. Managers, leaders, admins and owners see everyone; a member sees their own
 * row; a viewer none (403).
 */
export async function listEmployeeSummaries(
  ctx: Ctx,
  query: { from?: string | undefined; to?: string | undefined },
): Promise<EmployeeSummaries> {
  const scope = summaryScope(ctx.actor.kind === "system" ? null : ctx.actor.role);
  if (scope === "none") {
    throw new AppError("FORBIDDEN", "Employee summaries are for members, managers and up");
  }
  const { from, to } = journeyPeriod(query.from, query.to);
  if (from > to) {
    throw new AppError("VALIDATION_FAILED", "from must not be after to", {
      issues: [{ path: "from", message: "must not be after to" }],
    });
  }
  const own = scope === "own" ? actorPerson(ctx.actor) : null;
  const rows = await tallyByEmployee(ctx.db, ctx.workspaceId, { accountId: null, from, to }, own);
  return {
    from,
    to,
    ownOnly: scope === "own",
    data: rows.map((r) => ({
      employeeId: r.employeeId,
      name: r.name,
      function: (r.function ?? null) as EmployeeSummaries["data"][number]["function"],
      touchpoints: r.touchpoints,
      avgQuality: average(r.reviewedSum, r.reviewed),
      reviewed: r.reviewed,
      avgSelfQuality: average(r.selfSum, r.selfAssessed),
      selfAssessed: r.selfAssessed,
      avgExperience: average(r.experienceSum, r.experienceRated),
      experienceRated: r.experienceRated,
    })),
  };
}
