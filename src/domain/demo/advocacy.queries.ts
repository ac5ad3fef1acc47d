import { sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { queryRows, schema } from "../../db/index.ts";
import { KEY_PLAYER_SQL } from "../contacts/index.ts";
import type { AdvocacyProspect, PlannedAsk } from "./plan-advocacy.ts";

/**
 * Key players still at customers in good health whose latest NPS answer is 9 or 10, in the same
 * order on every load (accounts' and contacts' external keys, not ids).
 */
export const advocacyProspects = (db: Db, workspaceId: string) =>
  queryRows<AdvocacyProspect & { contactName: string }>(
    db,
    sql`with latest as (
          select distinct on (contact_id) contact_id, score from survey_responses
           where workspace_id = ${workspaceId} and kind = 'nps'
           order by contact_id, answered_at desc, id desc)
        select contacts.id as "contactId", a.id as "accountId", a.name as "accountName", a.owner_id as "ownerId",
          coalesce(nullif(trim(concat_ws(' ', contacts.first_name, contacts.last_name)), ''), contacts.email)
            as "contactName",
          (select o.title from outcomes o
            where o.workspace_id = contacts.workspace_id and o.contact_id = contacts.id and o.status = 'achieved'
            order by o.title limit 1) as "outcomeTitle"
          from contacts
          join accounts a on a.workspace_id = contacts.workspace_id and a.id = contacts.account_id
          join latest l on l.contact_id = contacts.id
         where contacts.workspace_id = ${workspaceId} and not contacts.left_company
           and ${KEY_PLAYER_SQL(schema.contacts)} and a.health_band = 'good' and l.score >= 9
         order by a.external_id, contacts.email`,
  );

export const insertDemoAsks = async (db: Db, workspaceId: string, asks: (PlannedAsk & { id: string })[]) => {
  if (asks.length > 0) await db.insert(schema.advocacyAsks).values(asks.map((a) => ({ workspaceId, ...a })));
};
