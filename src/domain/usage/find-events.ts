import type { EventQuery, UsageEvent } from "../../contract/index.ts";
import { contactName } from "../contacts/index.ts";
import type { Ctx } from "../context.ts";
import { pageEvents } from "./event.queries.ts";

const iso = (d: Date | string) => new Date(d).toISOString();

export async function findEvents(ctx: Ctx, q: EventQuery) {
  const page = await pageEvents(ctx.db, ctx.workspaceId, q);
  return {
    data: page.data.map(
      (r): UsageEvent => ({
        id: r.id,
        messageId: r.message_id,
        type: r.type as UsageEvent["type"],
        event: r.event,
        timestamp: iso(r.ts),
        receivedAt: iso(r.received_at),
        sourceId: r.source_id,
        sourceName: r.source_name,
        accountId: r.account_id,
        accountName: r.account_name,
        contactId: r.contact_id,
        contactName: r.contact_id
          ? contactName({ firstName: r.first_name, lastName: r.last_name, email: r.email })
          : null,
        userId: r.user_id,
        anonymousId: r.anonymous_id,
        groupId: r.group_id,
        parked: r.parked,
        quantity: r.quantity,
        properties: r.properties,
        context: r.context,
      }),
    ),
    nextCursor: page.nextCursor,
  };
}
