import type { FastifyInstance } from "fastify";
import { routes } from "../../contract/index.ts";
import { createApiKey, listApiKeys, revokeApiKey } from "../../domain/api-keys/index.ts";
import { listAuditLog } from "../../domain/audit/index.ts";
import { createCustomField, deleteCustomField, listCustomFields } from "../../domain/custom-fields/index.ts";
import { cancelInvitation, inviteMember, listInvitations, listMembers } from "../../domain/members/index.ts";
import { search } from "../../domain/search/index.ts";
import { changeMember, offboardMember, resetMemberPassword } from "../../domain/workflows/index.ts";
import { handle } from "../http.ts";
import type { ServerState } from "../state.ts";

export function registerWorkspaceRoutes(app: FastifyInstance, state: ServerState): void {
  handle(app, state, routes.listMembers, (ctx, { query }) => listMembers(ctx, query));
  handle(app, state, routes.addMember, (ctx, { body }) => inviteMember(ctx, body));
  handle(app, state, routes.listInvitations, (ctx, { query }) => listInvitations(ctx, query));
  handle(app, state, routes.cancelInvitation, (ctx, { params }) => cancelInvitation(ctx, params.id));
  handle(app, state, routes.updateMember, (ctx, { params, body }) => changeMember(ctx, params.id, body));
  handle(app, state, routes.resetMemberPassword, (ctx, { params, body }) =>
    resetMemberPassword(ctx, params.id, body.password),
  );
  handle(app, state, routes.removeMember, (ctx, { params }) => offboardMember(ctx, params.id));
  handle(app, state, routes.listApiKeys, (ctx, { query }) => listApiKeys(ctx, query));
  handle(app, state, routes.createApiKey, (ctx, { body }) => createApiKey(ctx, body));
  handle(app, state, routes.revokeApiKey, (ctx, { params }) => revokeApiKey(ctx, params.id));
  handle(app, state, routes.listCustomFields, (ctx, { query }) => listCustomFields(ctx, query.entity));
  handle(app, state, routes.createCustomField, (ctx, { body }) => createCustomField(ctx, body));
  handle(app, state, routes.deleteCustomField, (ctx, { params }) =>
    deleteCustomField(ctx, params.entity, params.key),
  );
  handle(app, state, routes.listAuditLog, (ctx, { query }) => listAuditLog(ctx, query));
  handle(app, state, routes.search, (ctx, { query }) => search(ctx, query));
}
