import { z } from "zod";
import { ZNewPassword } from "./auth.ts";
import {
  ZFunction,
  ZId,
  ZIdParams,
  ZList,
  ZPage,
  ZPageQuery,
  ZRole,
  ZScope,
  ZSort,
  ZTimestamp,
} from "./common.ts";
import { defineRoute } from "./route.ts";

export const ZMember = z.object({
  userId: ZId,
  email: z.string(),
  name: z.string(),
  role: ZRole,
  function: ZFunction,
  title: z.string().nullable(),
  /** Whom their overdue inbox items escalate to; null: the admins. */
  managerId: ZId.nullable(),
  /** Their team, for the inbox's team view and round-robin assignment. */
  team: z.string().nullable(),
  createdAt: ZTimestamp,
});
export type Member = z.infer<typeof ZMember>;

export const ZMemberCreate = z.strictObject({
  email: z.email({ message: "must be an email address" }).max(320),
  name: z.string().trim().min(1, "is required").max(200),
  role: ZRole,
  function: ZFunction,
  title: z.string().trim().max(200).nullable().optional(),
  /**
   * The first password of a person who has no Steward login yet (their login is created with it);
   * ignored for someone who already has one. Judged for strength either way.
   */
  password: ZNewPassword.optional(),
});
export type MemberCreate = z.infer<typeof ZMemberCreate>;

/**
 * A pending invitation to join the workspace. Built only from what the inviter sent, so it reads
 * the same whether or not the email already had a Steward login.
 */
export const ZInvitation = z.object({
  id: ZId,
  email: z.string(),
  name: z.string(),
  role: ZRole,
  function: ZFunction,
  title: z.string().nullable(),
  createdAt: ZTimestamp,
});
export type Invitation = z.infer<typeof ZInvitation>;

export const ZMemberUpdate = z
  .strictObject({
    role: ZRole,
    function: ZFunction,
    title: z.string().trim().max(200).nullable(),
    /** Another member of the workspace, not someone who reports to them; null for none. */
    managerId: ZId.nullable(),
    team: z.string().trim().min(1, "is required (or null for no team)").max(100).nullable(),
  })
  .partial();
export type MemberUpdate = z.infer<typeof ZMemberUpdate>;

export const ZApiKey = z.object({
  id: ZId,
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(ZScope),
  /** The person the key acts for: it never does more than their current role allows. */
  userId: ZId,
  createdAt: ZTimestamp,
  lastUsedAt: ZTimestamp.nullable(),
  revokedAt: ZTimestamp.nullable(),
});
export type ApiKey = z.infer<typeof ZApiKey>;

export const ZApiKeyCreate = z.strictObject({
  name: z.string().trim().min(1, "is required").max(100),
  scopes: z.array(ZScope).min(1, "choose at least one scope"),
});

export const CUSTOM_FIELD_ENTITIES = ["account", "contact", "subscription"] as const;
export const CUSTOM_FIELD_TYPES = ["text", "number", "boolean", "date", "select"] as const;
/** Limits a number field may carry: NPS from −100 to 100 (or a 0–10 answer), employees 0 or more. */
const numberBounds = {
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  /** Whole numbers only (a headcount, a 0–10 answer). */
  integer: z.boolean().optional(),
};

export const ZCustomFieldDef = z.object({
  entity: z.enum(CUSTOM_FIELD_ENTITIES),
  key: z.string(),
  label: z.string(),
  type: z.enum(CUSTOM_FIELD_TYPES),
  options: z.array(z.string()).nullable(),
  ...numberBounds,
});
export type CustomFieldDef = z.infer<typeof ZCustomFieldDef>;
/** A definition as listed: with how many records hold a value for it (for one entity, most used first). */
export const ZCustomFieldListed = ZCustomFieldDef.extend({ used: z.number().int().min(0) });
export type CustomFieldListed = z.infer<typeof ZCustomFieldListed>;

export const ZCustomFieldCreate = z
  .strictObject({
    entity: z.enum(CUSTOM_FIELD_ENTITIES),
    key: z
      .string()
      .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,62}$/, "must start with a letter; letters, digits and _ only"),
    label: z.string().trim().min(1).max(100),
    type: z.enum(CUSTOM_FIELD_TYPES),
    options: z.array(z.string().min(1).max(100)).max(200).optional(),
    ...numberBounds,
  })
  .refine((d) => d.type !== "select" || (d.options?.length ?? 0) > 0, {
    message: "a select field needs options",
    path: ["options"],
  })
  .refine((d) => d.type === "number" || (d.min === undefined && d.max === undefined && !d.integer), {
    message: "only a number field takes min, max or integer",
    path: ["type"],
  })
  .refine((d) => d.min === undefined || d.max === undefined || d.min <= d.max, {
    message: "must not be below min",
    path: ["max"],
  });

export const ZAuditEntry = z.object({
  id: ZId,
  at: ZTimestamp,
  action: z.string(),
  actorUserId: ZId.nullable(),
  actorName: z.string().nullable(),
  actorApiKeyId: ZId.nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  success: z.boolean(),
  details: z.record(z.string(), z.unknown()),
});

export const workspaceRoutes = {
  listMembers: defineRoute({
    method: "GET",
    path: "/api/v1/members",
    access: "read",
    tag: "members",
    summary: "List the workspace's members",
    query: z.strictObject({
      ...ZPageQuery,
      q: z.string().max(200).optional(),
      role: ZList(ZRole).optional(),
      function: ZList(ZFunction).optional(),
      sort: ZSort(["name", "joined"], "name"),
    }),
    response: ZPage(ZMember),
  }),
  addMember: defineRoute({
    method: "POST",
    path: "/api/v1/members",
    access: "admin",
    tag: "members",
    summary:
      "Invite a person: they become a member when they accept after signing in (a login is created with the password given when the email has none); the answer is the same either way",
    body: ZMemberCreate,
    response: ZInvitation,
    status: 201,
  }),
  listInvitations: defineRoute({
    method: "GET",
    path: "/api/v1/invitations",
    access: "admin",
    tag: "members",
    summary: "Pending invitations to this workspace, newest first",
    query: z.strictObject({ ...ZPageQuery }),
    response: ZPage(ZInvitation),
  }),
  cancelInvitation: defineRoute({
    method: "DELETE",
    path: "/api/v1/invitations/:id",
    access: "admin",
    tag: "members",
    summary: "Cancel a pending invitation",
    params: ZIdParams,
    response: null,
    status: 204,
  }),
  updateMember: defineRoute({
    method: "PATCH",
    path: "/api/v1/members/:id",
    access: "admin",
    tag: "members",
    summary: "Change a member's role, function, title, manager or team",
    params: ZIdParams,
    body: ZMemberUpdate,
    response: ZMember,
  }),
  resetMemberPassword: defineRoute({
    method: "POST",
    path: "/api/v1/members/:id/password",
    access: "admin",
    tag: "members",
    summary:
      "Give a member a temporary password they must change at their next sign-in; ends their sessions (only owners reset owners'; not for people who also belong to another workspace)",
    params: ZIdParams,
    body: z.strictObject({ password: ZNewPassword }),
    response: null,
    status: 204,
  }),
  removeMember: defineRoute({
    method: "DELETE",
    path: "/api/v1/members/:id",
    access: "admin",
    tag: "members",
    summary: "Remove a member from the workspace and end their sessions",
    params: ZIdParams,
    response: null,
    status: 204,
  }),
  listApiKeys: defineRoute({
    method: "GET",
    path: "/api/v1/api-keys",
    access: "admin",
    tag: "api keys",
    summary: "List API keys (never the secret)",
    query: z.strictObject({
      ...ZPageQuery,
      status: z.enum(["active", "revoked"]).optional(),
      sort: ZSort(["created", "name"], "-created"),
    }),
    response: ZPage(ZApiKey),
  }),
  createApiKey: defineRoute({
    method: "POST",
    path: "/api/v1/api-keys",
    access: "admin",
    tag: "api keys",
    summary: "Create an API key; the secret is shown in this answer only",
    body: ZApiKeyCreate,
    response: ZApiKey.extend({ key: z.string() }),
    status: 201,
  }),
  revokeApiKey: defineRoute({
    method: "DELETE",
    path: "/api/v1/api-keys/:id",
    access: "admin",
    tag: "api keys",
    summary: "Revoke an API key",
    params: ZIdParams,
    response: null,
    status: 204,
  }),
  listCustomFields: defineRoute({
    method: "GET",
    path: "/api/v1/custom-fields",
    access: "read",
    tag: "custom fields",
    summary: "Custom field definitions that validate accounts, contacts and subscriptions",
    query: z.strictObject({ entity: z.enum(CUSTOM_FIELD_ENTITIES).optional() }),
    response: z.object({ data: z.array(ZCustomFieldListed) }),
  }),
  createCustomField: defineRoute({
    method: "POST",
    path: "/api/v1/custom-fields",
    access: "admin",
    tag: "custom fields",
    summary: "Define a custom field",
    body: ZCustomFieldCreate,
    response: ZCustomFieldDef,
    status: 201,
  }),
  deleteCustomField: defineRoute({
    method: "DELETE",
    path: "/api/v1/custom-fields/:entity/:key",
    access: "admin",
    tag: "custom fields",
    summary: "Delete a custom field definition (values already stored are kept)",
    params: z.strictObject({ entity: z.enum(CUSTOM_FIELD_ENTITIES), key: z.string().max(63) }),
    response: null,
    status: 204,
  }),
  listAuditLog: defineRoute({
    method: "GET",
    path: "/api/v1/audit-log",
    access: "admin",
    tag: "audit",
    summary: "Security-relevant actions, newest first",
    query: z.strictObject({
      ...ZPageQuery,
      action: z.string().max(100).optional(),
      actorUserId: ZId.optional(),
      sort: ZSort(["at"], "-at"),
    }),
    response: ZPage(ZAuditEntry),
  }),
} as const;
