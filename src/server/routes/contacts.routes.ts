import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import { findContacts, getContact } from "../../domain/contacts/index.ts";
import { createContact, deleteContact, updateContact, upsertContact } from "../../domain/workflows/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

export function registerContactRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.listContacts, (ctx, { query }) => findContacts(ctx, query));
  handle(app, state, routes.createContact, (ctx, { body }) => createContact(ctx, body));
  handle(app, state, routes.getContact, (ctx, { params }) => getContact(ctx, params.id));
  handle(app, state, routes.updateContact, (ctx, { params, body }) => updateContact(ctx, params.id, body));
  handle(app, state, routes.deleteContact, (ctx, { params }) => deleteContact(ctx, params.id));
  handle(app, state, routes.upsertContact, async (ctx, { params, body, reply }) => {
    const { contact, created } = await upsertContact(ctx, params.externalId, body);
    if (created) reply.header("x-steward-created", "true");
    return contact;
  });
}
