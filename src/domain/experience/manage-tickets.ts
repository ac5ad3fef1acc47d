import { notFound } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { Ticket, TicketInput } from "../../contract/experience.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import {
  deleteTicketRow,
  findTicket,
  type PeriodQuery,
  pageTickets,
  type TicketRow,
} from "./experience.queries.ts";
import { upsertTickets } from "./upsert-tickets.ts";

const toTicket = (r: TicketRow): Ticket => ({
  ...r,
  priority: r.priority as Ticket["priority"],
  openedAt: r.openedAt.toISOString(),
  closedAt: r.closedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export async function readTicket(ctx: Ctx, id: string): Promise<Ticket> {
  const row = await findTicket(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound("Ticket");
  return toTicket(row);
}

export async function findTickets(ctx: Ctx, query: PeriodQuery) {
  const page = await pageTickets(ctx.db, ctx.workspaceId, query);
  return { data: page.data.map(toTicket), nextCursor: page.nextCursor };
}

/** Records a ticket through the bulk write path; a known external id updates that ticket. */
export async function recordTicket(ctx: Ctx, input: TicketInput): Promise<Ticket> {
  const { externalId = null, ...fields } = input;
  const [done] = await upsertTickets(ctx, [{ id: newId(), externalId, input: fields }]);
  return readTicket(ctx, (done as { id: string }).id);
}

export async function deleteTicket(ctx: Ctx, id: string): Promise<void> {
  await withTx(ctx.db, async (db) => {
    const row = await findTicket(db, ctx.workspaceId, id);
    if (!row) throw notFound("Ticket");
    await deleteTicketRow(db, ctx.workspaceId, id);
    await recordEvents({ ...ctx, db }, [
      { type: "ticket.deleted", data: { accountId: row.accountId, ticketId: id } },
    ]);
  });
}
