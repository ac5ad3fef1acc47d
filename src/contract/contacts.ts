import { z } from "zod";
import { ZCustomFields, ZId, ZIdParams, ZList, ZPage, ZPageQuery, ZSort, ZTimestamp } from "./common.ts";
import { defineRoute } from "./route.ts";

export const DECISION_ROLES = [
  "economic_buyer",
  "decision_maker",
  "champion",
  "user",
  "influencer",
  "detractor",
] as const;
export const SENIORITIES = ["executive", "vp", "director", "manager", "individual_contributor"] as const;
export const CONTACT_STATUSES = ["active", "inactive"] as const;

export const ZDecisionRole = z.enum(DECISION_ROLES);
export const ZSeniority = z.enum(SENIORITIES);

export const ZContact = z.object({
  id: ZId,
  accountId: ZId,
  accountName: z.string(),
  externalId: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  title: z.string().nullable(),
  decisionRole: ZDecisionRole.nullable(),
  influence: z.number().int().min(1).max(5).nullable(),
  seniority: ZSeniority.nullable(),
  status: z.enum(CONTACT_STATUSES),
  leftCompany: z.boolean(),
  isKeyPlayer: z.boolean(),
  customFields: ZCustomFields,
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type Contact = z.infer<typeof ZContact>;

const contactWritable = {
  accountId: ZId,
  externalId: z.string().trim().min(1).max(200).nullable(),
  firstName: z.string().trim().max(100).nullable(),
  lastName: z.string().trim().max(100).nullable(),
  email: z.email({ message: "must be an email address" }).max(320).nullable(),
  phone: z.string().trim().max(50).nullable(),
  title: z.string().trim().max(200).nullable(),
  decisionRole: ZDecisionRole.nullable(),
  influence: z.number().int().min(1, "must be 1 to 5").max(5, "must be 1 to 5").nullable(),
  seniority: ZSeniority.nullable(),
  status: z.enum(CONTACT_STATUSES),
  leftCompany: z.boolean(),
  customFields: ZCustomFields,
};

const requireName = (c: { firstName?: string | null; lastName?: string | null; email?: string | null }) =>
  Boolean(c.firstName || c.lastName || c.email);
const nameMessage = { message: "a contact needs a first name, a last name or an email", path: ["firstName"] };

const { accountId: _accountId, ...optionalFields } = contactWritable;
const contactOptional = {
  externalId: optionalFields.externalId.optional(),
  firstName: optionalFields.firstName.optional(),
  lastName: optionalFields.lastName.optional(),
  email: optionalFields.email.optional(),
  phone: optionalFields.phone.optional(),
  title: optionalFields.title.optional(),
  decisionRole: optionalFields.decisionRole.optional(),
  influence: optionalFields.influence.optional(),
  seniority: optionalFields.seniority.optional(),
  status: optionalFields.status.optional(),
  leftCompany: optionalFields.leftCompany.optional(),
  customFields: optionalFields.customFields.optional(),
};

const { externalId: _externalId, ...upsertOptional } = contactOptional;

export const ZContactCreate = z
  .strictObject({ accountId: contactWritable.accountId, ...contactOptional })
  .refine(requireName, nameMessage);
export type ContactCreate = z.infer<typeof ZContactCreate>;

export const ZContactUpdate = z.strictObject(contactWritable).partial();
export type ContactUpdate = z.infer<typeof ZContactUpdate>;

/** The list's search, filters and sort: the list pages through them, the CSV export writes them all. */
export const ZContactFilter = z.strictObject({
  accountId: ZId.optional(),
  q: z.string().trim().max(200).optional(),
  decisionRole: ZList(ZDecisionRole).optional(),
  status: ZList(z.enum(CONTACT_STATUSES)).optional(),
  keyPlayers: z.enum(["true", "false"]).optional(),
  /** Members of this contact segment at its last refresh. */
  segmentId: ZId.optional(),
  sort: ZSort(["name", "influence", "created", "updated"], "name"),
});
export type ContactFilter = z.infer<typeof ZContactFilter>;

export const ZContactListQuery = z.strictObject({ ...ZPageQuery, ...ZContactFilter.shape });
export type ContactListQuery = z.infer<typeof ZContactListQuery>;

export const contactRoutes = {
  listContacts: defineRoute({
    method: "GET",
    path: "/api/v1/contacts",
    access: "read",
    tag: "contacts",
    summary: "List contacts (filter by account, role, status; search by name, email, title)",
    query: ZContactListQuery,
    response: ZPage(ZContact),
  }),
  createContact: defineRoute({
    method: "POST",
    path: "/api/v1/contacts",
    access: "write",
    tag: "contacts",
    summary: "Create a contact on an account",
    body: ZContactCreate,
    response: ZContact,
    status: 201,
  }),
  getContact: defineRoute({
    method: "GET",
    path: "/api/v1/contacts/:id",
    access: "read",
    tag: "contacts",
    summary: "Get one contact",
    params: ZIdParams,
    response: ZContact,
  }),
  updateContact: defineRoute({
    method: "PATCH",
    path: "/api/v1/contacts/:id",
    access: "write",
    tag: "contacts",
    summary: "Update a contact (only the fields given)",
    params: ZIdParams,
    body: ZContactUpdate,
    response: ZContact,
  }),
  deleteContact: defineRoute({
    method: "DELETE",
    path: "/api/v1/contacts/:id",
    access: "write",
    tag: "contacts",
    summary: "Delete a contact",
    params: ZIdParams,
    response: null,
    status: 204,
  }),
  upsertContact: defineRoute({
    method: "PUT",
    path: "/api/v1/contacts/by-external-id/:externalId",
    access: "write",
    tag: "contacts",
    summary: "Create or update the contact with this external id",
    params: z.strictObject({ externalId: z.string().min(1).max(200) }),
    body: z
      .strictObject({ accountId: contactWritable.accountId, ...upsertOptional })
      .refine(requireName, nameMessage),
    response: ZContact,
  }),
} as const;
