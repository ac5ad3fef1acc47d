import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { ts, users, workspaces } from "./workspace.ts";

/**
 * The customer-success charter, version by version (src/domain/charter): vision, mission and the
 * objectives along the chain (`objectives`: a list of {stage, text}). At most one draft per
 * workspace; approved versions are never changed, and the latest one is the current charter.
 */
export const charterVersions = pgTable(
  "charter_versions",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    version: integer("version").notNull(),
    /** draft | approved */
    status: text("status").notNull(),
    vision: text("vision").notNull(),
    mission: text("mission").notNull(),
    objectives: jsonb("objectives").notNull(),
    changeNote: text("change_note"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    approvedBy: uuid("approved_by").references(() => users.id, { onDelete: "set null" }),
    approvedAt: ts("approved_at"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("charter_versions_version_uq").on(t.workspaceId, t.version),
    uniqueIndex("charter_versions_draft_uq").on(t.workspaceId).where(sql`${t.status} = 'draft'`),
    foreignKey({ columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete("cascade"),
    check(
      "charter_versions_status_ck",
      sql`(${t.status} = 'draft' and ${t.approvedAt} is null) or (${t.status} = 'approved' and ${t.approvedAt} is not null)`,
    ),
  ],
);
