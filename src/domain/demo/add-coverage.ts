import type { FilterGroup } from "../../contract/segments.ts";
import type { Ctx } from "../context.ts";
import { applyTiering, updateCoverageSettings } from "../coverage/index.ts";
import { listSegments, refreshSegment } from "../segments/index.ts";

const arrAtLeast = (dollars: number): FilterGroup => ({
  match: "all",
  conditions: [{ field: "arr", op: "gte", value: dollars }],
});

/**
 * Northwind's coverage model: a CSM carries 10 one-to-one, 40 one-to-few or 200 one-to-many
 * accounts, and tiering by ARR runs every night; applied once now, it moves the accounts whose
 * revenue outgrew (or fell below) their coverage, and keeps the tiers the CRM set by hand. Run once
 * the team are members (an account's owner must be one); the segments that test coverage follow.
 */
export async function addDemoCoverage(ctx: Ctx): Promise<void> {
  await updateCoverageSettings(ctx, {
    capacity: { one_to_one: 10, one_to_few: 40, one_to_many: 200 },
    tiering: {
      enabled: true,
      rules: [
        { tier: "Enterprise", coverage: "one_to_one", filter: arrAtLeast(200_000) },
        { tier: "Mid-Market", coverage: "one_to_few", filter: arrAtLeast(40_000) },
        { tier: "SMB", coverage: "one_to_many", filter: { match: "all", conditions: [] } },
      ],
    },
  });
  const { changed } = await applyTiering(ctx);
  if (changed === 0) return;
  for (const segment of await listSegments(ctx, "account")) await refreshSegment(ctx, segment.id, "data");
}
