import { boolean, jsonb, pgTable, uuid } from "drizzle-orm/pg-core";
import { ts, users, workspaces } from "./workspace.ts";

/**
 * A workspace's coverage model: how many accounts of each coverage a CSM can carry (their
 * capacity), and the tiering rules that set accounts' tier and coverage by value and potential.
 */
export const coverageSettings = pgTable("coverage_settings", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  /** `{ one_to_one, one_to_few, one_to_many }`: accounts a full-time CSM carries of each. */
  capacity: jsonb("capacity").notNull(),
  /** `[{ tier, coverage, filter }]` in order: the first whose filter an account fits sets it. */
  tiering: jsonb("tiering").notNull(),
  /** Tiering re-applied every night (it always can be by hand). */
  tieringEnabled: boolean("tiering_enabled").notNull().default(false),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});
