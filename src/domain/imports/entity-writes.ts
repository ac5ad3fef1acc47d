import type { ExportEntity } from "../../contract/imports.ts";
import { type AccountUpsertRow, checkAccounts, upsertAccounts } from "../accounts/index.ts";
import { type ContactUpsertRow, checkContacts, upsertContacts } from "../contacts/index.ts";
import type { Ctx } from "../context.ts";
import type { RowIssue } from "../kernel/bulk.rules.ts";
import {
  checkSubscriptions,
  type SubscriptionUpsertRow,
  upsertSubscriptions,
} from "../subscriptions/index.ts";

/** What an entity's bulk upsert did to a row; contacts and subscriptions also name their accounts. */
export type Outcome = {
  id: string;
  created: boolean;
  accountId?: string;
  previousAccountId?: string | null;
};

type Row = AccountUpsertRow | ContactUpsertRow | SubscriptionUpsertRow;

/** The entity's own rules over the rows, without writing: per-row issues and what a write would do. */
export async function checkEntityRows(
  ctx: Ctx,
  entity: ExportEntity,
  rows: Row[],
): Promise<{ outcomes: Outcome[]; issues: RowIssue[] }> {
  if (entity === "accounts") return checkAccounts(ctx, rows as AccountUpsertRow[]);
  if (entity === "contacts") return checkContacts(ctx, rows as ContactUpsertRow[]);
  return checkSubscriptions(ctx, rows as SubscriptionUpsertRow[]);
}

/** The entity's own bulk upsert: the same rules as its API writes, set-based. */
export async function upsertEntityRows(ctx: Ctx, entity: ExportEntity, rows: Row[]): Promise<Outcome[]> {
  if (entity === "accounts") return upsertAccounts(ctx, rows as AccountUpsertRow[]);
  if (entity === "contacts") return upsertContacts(ctx, rows as ContactUpsertRow[]);
  return upsertSubscriptions(ctx, rows as SubscriptionUpsertRow[]);
}
