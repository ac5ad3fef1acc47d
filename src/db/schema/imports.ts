import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { ts, workspaces } from "./workspace.ts";

/** Column mappings users saved in the import wizard, per workspace and entity. */
export const importMappings = pgTable(
  "import_mappings",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    entity: text("entity").notNull(),
    name: text("name").notNull(),
    mapping: jsonb("mapping").$type<Record<string, unknown>>().notNull(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.entity, t.name] })],
);

/** One row per import run (dry or committed) with its report. */
export const importRuns = pgTable(
  "import_runs",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull(),
    entity: text("entity").notNull(),
    fileName: text("file_name"),
    dryRun: boolean("dry_run").notNull(),
    status: text("status").notNull(),
    totalRows: integer("total_rows").notNull().default(0),
    createdRows: integer("created_rows").notNull().default(0),
    updatedRows: integer("updated_rows").notNull().default(0),
    errorRows: integer("error_rows").notNull().default(0),
    report: jsonb("report").$type<Record<string, unknown>>().notNull().default({}),
    createdBy: uuid("created_by"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("import_runs_time_ix").on(t.workspaceId, t.createdAt),
  ],
);
