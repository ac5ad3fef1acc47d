import type { Contact, ContactCreate, ContactUpdate } from "../../contract/contacts.ts";
import * as contacts from "../contacts/index.ts";
import type { Ctx } from "../context.ts";
import { rescoreAccounts } from "./rescore.ts";

// Key players feed health (champion present, key players active): every contact write rescores the
// accounts it touched, a move both the old and the new one.

export async function createContact(ctx: Ctx, input: ContactCreate): Promise<Contact> {
  const created = await contacts.createContact(ctx, input);
  await rescoreAccounts(ctx, [created.accountId]);
  return created;
}

export async function updateContact(ctx: Ctx, id: string, patch: ContactUpdate): Promise<Contact> {
  const before = await contacts.getContact(ctx, id);
  const updated = await contacts.updateContact(ctx, id, patch);
  await rescoreAccounts(ctx, [before.accountId, updated.accountId]);
  return updated;
}

export async function deleteContact(ctx: Ctx, id: string) {
  const before = await contacts.getContact(ctx, id);
  const result = await contacts.deleteContact(ctx, id);
  await rescoreAccounts(ctx, [before.accountId]);
  return result;
}

export async function upsertContact(ctx: Ctx, externalId: string, input: ContactCreate) {
  const result = await contacts.upsertContact(ctx, externalId, input);
  await rescoreAccounts(ctx, [result.contact.accountId]);
  return result;
}
