import { newId } from "../../common/ids.ts";
import { timelineTitle } from "../advocacy/index.ts";
import type { Ctx } from "../context.ts";
import { createRng } from "../kernel/random.ts";
import { recordTimeline, type TimelineEvent } from "../timeline/index.ts";
import { advocacyProspects, insertDemoAsks } from "./advocacy.queries.ts";
import { DEMO_SEED } from "./generate.ts";
import { planAdvocacy } from "./plan-advocacy.ts";

const midday = (day: string) => new Date(`${day}T12:00:00Z`);

/**
 * Northwind's references, testimonials, referrals, reviews and case studies of the last 18 months,
 * asked of promoters at healthy customers, each on its account's timeline when asked and when it
 * moved on. Written as history (no domain events), like the rest of the demo's past. Answers how
 * many asks and timeline entries it wrote.
 */
export async function addDemoAdvocacy(
  ctx: Ctx,
  today: string,
): Promise<{ asks: number; timelineEntries: number }> {
  const prospects = await advocacyProspects(ctx.db, ctx.workspaceId);
  const names = new Map(prospects.map((p) => [p.contactId, p.contactName]));
  const asks = planAdvocacy(createRng(DEMO_SEED).fork("advocacy"), prospects, today).map((a) => ({
    ...a,
    id: newId(),
  }));
  await insertDemoAsks(ctx.db, ctx.workspaceId, asks);
  const entries: TimelineEvent[] = asks.flatMap((a) => {
    const who = names.get(a.contactId) ?? "";
    const at = (state: typeof a.state, day: string): TimelineEvent => ({
      accountId: a.accountId,
      kind: "advocacy",
      title: timelineTitle(who, a.kind, state),
      body: a.detail,
      contactId: a.contactId,
      occurredAt: midday(day),
    });
    return a.state === "asked" ? [at("asked", a.askedOn)] : [at("asked", a.askedOn), at(a.state, a.stateOn)];
  });
  await recordTimeline(ctx, entries);
  return { asks: asks.length, timelineEntries: entries.length };
}
