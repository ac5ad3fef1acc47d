import { newId } from "../../common/ids.ts";
import { type CharterObjective, inChainOrder } from "../../contract/charter.ts";
import type { Ctx } from "../context.ts";
import { type DemoCharterVersion, insertDemoCharter } from "./charter.queries.ts";
import { atOffset } from "./dates.ts";
import { idOf, type MemberIds } from "./roster.ts";

const FIRST: Omit<DemoCharterVersion, "id" | "version" | "status"> = {
  vision:
    "Every Northwind Cloud customer runs its operations on our platform and can show what it earned them.",
  mission:
    "We guide each customer from kickoff to measurable results: live quickly, adopted widely, and renewing because the value is plain to see.",
  objectives: [
    { stage: "adoption", text: "80% of licensed seats active every month within 90 days of go-live" },
    {
      stage: "outcomes",
      text: "Every enterprise customer has a success plan with at least one business outcome agreed with its economic buyer",
    },
    {
      stage: "transformation",
      text: "A quarterly business review with every top-tier account that agrees the next process to move onto Northwind",
    },
    { stage: "roi", text: "Gross revenue retention of 92% or more" },
    { stage: "advocacy", text: "30 referenceable customers by the end of the year" },
  ] satisfies CharterObjective[],
  changeNote: "Our first charter, agreed at the customer success offsite.",
};

const SECOND: typeof FIRST = {
  vision:
    "Every Northwind Cloud customer runs its operations on our platform, proves the return in its own numbers, and tells its peers.",
  mission:
    "We lead each customer from go-live to measurable outcomes and on to advocacy: a success plan for every key player, value reviewed every quarter, and the whole company working from one view of the customer.",
  objectives: inChainOrder([
    { stage: "adoption", text: "Time to first value under 30 days for every new customer" },
    { stage: "adoption", text: "75% of licensed seats active every month, measured account by account" },
    {
      stage: "outcomes",
      text: "Two thirds of the outcomes agreed with key players achieved and confirmed by the customer",
    },
    { stage: "outcomes", text: "70% of ARR with customers in good health" },
    {
      stage: "transformation",
      text: "Every enterprise account moves a second team or process onto Northwind within its first year",
    },
    { stage: "roi", text: "Net revenue retention of 110% and gross revenue retention of 93%" },
    { stage: "roi", text: "A documented return on investment in every enterprise renewal conversation" },
    { stage: "advocacy", text: "NPS of 45 or higher among key players" },
    { stage: "advocacy", text: "Four published case studies and 40 active references a year" },
  ]),
  changeNote:
    "Adds time to first value and customer-confirmed outcomes; retention targets raised after a year of figures; advocacy measured by key players' NPS.",
};

/**
 * Northwind's customer-success charter: version 1 approved about a year ago, version 2 a few
 * weeks ago, both written by CS operations (the admin) and approved by the owner. Written as
 * history, like the rest of the demo's past. Answers how many versions it wrote.
 */
export async function addDemoCharter(ctx: Ctx, today: string, memberIds: MemberIds): Promise<number> {
  const writer = idOf(memberIds, "alex.kim");
  const approver = idOf(memberIds, "dana.whitfield");
  const version = (
    n: number,
    text: typeof FIRST,
    days: { written: number; approved: number },
  ): DemoCharterVersion => ({
    id: newId(),
    version: n,
    status: "approved",
    ...text,
    createdBy: writer,
    createdAt: atOffset(today, days.written, 10, 0),
    updatedAt: atOffset(today, days.approved, 16, 30),
    approvedBy: approver,
    approvedAt: atOffset(today, days.approved, 16, 30),
  });
  const versions = [
    version(1, FIRST, { written: -380, approved: -366 }),
    version(2, SECOND, { written: -34, approved: -22 }),
  ];
  await insertDemoCharter(ctx.db, ctx.workspaceId, versions);
  return versions.length;
}
