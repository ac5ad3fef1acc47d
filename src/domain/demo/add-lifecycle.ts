import type { FilterGroup } from "../../contract/segments.ts";
import { DEFAULT_STAGES } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { updateLifecycleSettings } from "../lifecycle/index.ts";

const all = (...conditions: FilterGroup["conditions"]): FilterGroup => ({ match: "all", conditions });

/**
 * Northwind's lifecycle: the built-in stages with entry criteria a CS team would write — an account
 * with a working team of users is adopting (and moves there by itself), one whose key players'
 * success is confirmed is in value, a healthy promoter is ready for advocacy — and first value
 * counted from the fifth report exported when that comes before an outcome achieved. Nothing is
 * moved now: the nightly pass does, so the stage history stays the one the demo tells.
 */
export async function addDemoLifecycle(ctx: Ctx): Promise<void> {
  const entry: Record<string, { entry: FilterGroup; automatic: boolean }> = {
    adoption: {
      entry: all(
        { field: "usage.activeUsers30d", op: "gte", value: 5 },
        { field: "usage.events30d", op: "gte", value: 150 },
      ),
      automatic: true,
    },
    value: { entry: all({ field: "success.index", op: "gte", value: 60 }), automatic: false },
    advocacy: {
      entry: all(
        { field: "survey.npsLatest", op: "gte", value: 9 },
        { field: "health.band", op: "in", value: ["good"] },
      ),
      automatic: false,
    },
  };
  await updateLifecycleSettings(ctx, {
    stages: DEFAULT_STAGES.map(({ builtIn: _b, ...s }) => ({ ...s, ...entry[s.key] })),
    firstValueMilestone: { event: "Report Exported", count: 5 },
  });
}
