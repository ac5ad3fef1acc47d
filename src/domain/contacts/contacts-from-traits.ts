import { ZContactCreate } from "../../contract/contacts.ts";
import type { Ctx } from "../context.ts";
import { findContactForProductUser } from "./contact.queries.ts";
import { createContact } from "./create-contact.ts";
import { updateContact } from "./update-contact.ts";

/** A product user in one account, with the traits the product sent about them. */
export type ProductPerson = { accountId: string; userKey: string; traits: Record<string, unknown> };

const text = (v: unknown, max: number): string | undefined =>
  typeof v === "string" && v.trim() !== "" ? v.trim().slice(0, max) : undefined;

/** The contact fields identify traits carry: email, name (or first/last name) and title. */
export function contactFieldsFromTraits(traits: Record<string, unknown>) {
  const name = text(traits.name, 201);
  const [first, ...rest] = name ? name.split(/\s+/) : [];
  const fields = {
    email: text(traits.email, 320)?.toLowerCase(),
    firstName: text(traits.firstName ?? traits.first_name, 100) ?? first?.slice(0, 100),
    lastName:
      text(traits.lastName ?? traits.last_name, 100) ??
      (rest.length ? rest.join(" ").slice(0, 100) : undefined),
    title: text(traits.title, 200),
  };
  // An email the contact rules refuse is left out rather than failing the whole person.
  if (
    fields.email &&
    !ZContactCreate.safeParse({ accountId: "00000000-0000-4000-8000-000000000000", email: fields.email })
      .success
  ) {
    fields.email = undefined;
  }
  return fields;
}

/**
 * Finds or creates the contact for each product user: the account's contact whose external id is
 * the user id, else whose email matches the traits' email; otherwise a new contact when the traits
 * name the person. Traits fill the matched contact's empty email, name and title; they replace
 * values it has only with `overwrite` (a source's `traitsMayOverwrite`), since traits come from a
 * public write key and CRM data must not be rewritten by whoever holds one.
 * Answers the contact id per person (null when there is nothing to create one from).
 */
export async function contactsFromTraits(
  ctx: Ctx,
  people: ProductPerson[],
  options: { overwrite?: boolean } = {},
): Promise<(string | null)[]> {
  const settable = (current: string | null, next: string | undefined): next is string =>
    next !== undefined && next !== current && (options.overwrite === true || !current?.trim());
  const out: (string | null)[] = [];
  for (const person of people) {
    const fields = contactFieldsFromTraits(person.traits);
    const match = await findContactForProductUser(ctx.db, ctx.workspaceId, {
      accountId: person.accountId,
      userKey: person.userKey,
      email: fields.email ?? null,
    });
    if (match) {
      const patch: Record<string, string> = {};
      if (settable(match.email, fields.email)) patch.email = fields.email;
      if (settable(match.first_name, fields.firstName)) patch.firstName = fields.firstName;
      if (settable(match.last_name, fields.lastName)) patch.lastName = fields.lastName;
      if (settable(match.title, fields.title)) patch.title = fields.title;
      if (Object.keys(patch).length > 0) await updateContact(ctx, match.id, patch);
      out.push(match.id);
      continue;
    }
    if (!fields.email && !fields.firstName && !fields.lastName) {
      out.push(null);
      continue;
    }
    const created = await createContact(ctx, { accountId: person.accountId, ...fields });
    out.push(created.id);
  }
  return out;
}
