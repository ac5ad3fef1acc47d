import { z } from "zod";
import { ZId, ZList, ZPage, ZPageQuery, ZSort, ZTimestamp } from "./common.ts";
import { defineRoute } from "./route.ts";

/** `note` entries are written by people; the others are recorded by Steward itself. */
export const TIMELINE_KINDS = [
  "note",
  "account",
  "contact",
  "subscription",
  "team",
  "import",
  "usage",
  "health",
  "outcome",
  "touchpoint",
  "alert",
  "plan",
  "task",
  "playbook",
  "renewal",
  "advocacy",
] as const;
export const ZTimelineKind = z.enum(TIMELINE_KINDS);

export const ZTimelineEntry = z.object({
  id: ZId,
  accountId: ZId,
  kind: ZTimelineKind,
  title: z.string(),
  body: z.string().nullable(),
  occurredAt: ZTimestamp,
  authorId: ZId.nullable(),
  authorName: z.string().nullable(),
  contactId: ZId.nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TimelineEntry = z.infer<typeof ZTimelineEntry>;

const ZAccountParams = z.strictObject({ accountId: ZId });
const ZEntryParams = z.strictObject({ accountId: ZId, entryId: ZId });

const noteFields = {
  title: z.string().trim().min(1, "is required").max(200),
  body: z.string().max(20_000).nullable(),
  occurredAt: ZTimestamp,
  contactId: ZId.nullable(),
};

export const ZNoteCreate = z.strictObject({
  title: noteFields.title,
  body: noteFields.body.optional(),
  occurredAt: noteFields.occurredAt.optional(),
  contactId: noteFields.contactId.optional(),
});
export type NoteCreate = z.infer<typeof ZNoteCreate>;
export const ZNoteUpdate = z.strictObject(noteFields).partial();
export type NoteUpdate = z.infer<typeof ZNoteUpdate>;

export const timelineRoutes = {
  listTimeline: defineRoute({
    method: "GET",
    path: "/api/v1/accounts/:accountId/timeline",
    access: "read",
    tag: "timeline",
    summary: "The account's timeline, newest first",
    params: ZAccountParams,
    query: z.strictObject({
      ...ZPageQuery,
      kind: ZList(ZTimelineKind).optional(),
      sort: ZSort(["occurred"], "-occurred"),
    }),
    response: ZPage(ZTimelineEntry),
  }),
  addNote: defineRoute({
    method: "POST",
    path: "/api/v1/accounts/:accountId/timeline",
    access: "write",
    tag: "timeline",
    summary: "Add a note to the account's timeline",
    params: ZAccountParams,
    body: ZNoteCreate,
    response: ZTimelineEntry,
    status: 201,
  }),
  getTimelineEntry: defineRoute({
    method: "GET",
    path: "/api/v1/accounts/:accountId/timeline/:entryId",
    access: "read",
    tag: "timeline",
    summary: "Get one timeline entry",
    params: ZEntryParams,
    response: ZTimelineEntry,
  }),
  updateNote: defineRoute({
    method: "PATCH",
    path: "/api/v1/accounts/:accountId/timeline/:entryId",
    access: "write",
    tag: "timeline",
    summary: "Edit a note (entries Steward recorded cannot be edited)",
    params: ZEntryParams,
    body: ZNoteUpdate,
    response: ZTimelineEntry,
  }),
  deleteNote: defineRoute({
    method: "DELETE",
    path: "/api/v1/accounts/:accountId/timeline/:entryId",
    access: "write",
    tag: "timeline",
    summary: "Delete a note",
    params: ZEntryParams,
    response: null,
    status: 204,
  }),
} as const;
