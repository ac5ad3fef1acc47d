import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import {
  createContact,
  deleteContact,
  findContacts,
  getContact,
  updateContact,
  upsertContact,
} from "../../domain/contacts/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";
import { rescore } from "./rescore.ts";

export function registerContactRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.listContacts, (ctx, { query }) => findContacts(ctx, query));
  handle(app, state, routes.createContact, async (ctx, { body }) => {
    const created = await createContact(ctx, body);
    return rescore(ctx, [created.accountId], created);
  });
  handle(app, state, routes.getContact, (ctx, { params }) => getContact(ctx, params.id));
  handle(app, state, routes.updateContact, async (ctx, { params, body }) => {
    const before = await getContact(ctx, params.id);
    const updated = await updateContact(ctx, params.id, body);
    return rescore(ctx, [before.accountId, updated.accountId], updated);
  });
  handle(app, state, routes.deleteContact, async (ctx, { params }) => {
    const before = await getContact(ctx, params.id);
    return rescore(ctx, [before.accountId], await deleteContact(ctx, params.id));
  });
  handle(app, state, routes.upsertContact, async (ctx, { params, body, reply }) => {
    const { contact, created } = await upsertContact(ctx, params.externalId, body);
    if (created) reply.header("x-steward-created", "true");
    return rescore(ctx, [contact.accountId], contact);
  });
}
