import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, queryRows } from "../../src/db/index.ts";
import { APP_ROLE, inWorkspace } from "../../src/db/workspace.ts";
import { createAccount } from "../../src/domain/accounts/index.ts";
import type { Ctx } from "../../src/domain/context.ts";
import { ensureUsagePartitions } from "../../src/domain/usage/index.ts";
import { makeWorkspace } from "../factories/index.ts";
import { createTestDb } from "../helpers/test-db.ts";

/**
 * Row-level security is the backstop under the application's workspace filter (decision 0007).
 * The check is driven by the catalogue: every table of the schema that has a workspace_id column,
 * partitions included, whether anyone listed it or not.
 */
const WORKSPACE_QUAL = "NULLIF(current_setting('steward.workspace_id'::text, true), ''::text))::uuid";

type TableState = {
  table: string;
  rls: boolean;
  forced: boolean;
  policy: boolean;
  grants: boolean;
};

async function workspaceTables(db: Database["db"]): Promise<TableState[]> {
  return queryRows<TableState>(
    db,
    sql`
      select c.relname as "table", c.relrowsecurity as rls, c.relforcerowsecurity as forced,
        exists (
          select 1 from pg_policy p
          where p.polrelid = c.oid and p.polcmd = '*' and p.polpermissive and p.polroles = '{0}'
            and pg_get_expr(p.polqual, p.polrelid) = ${`(workspace_id = (${WORKSPACE_QUAL})`}
            and pg_get_expr(p.polwithcheck, p.polrelid) = ${`(workspace_id = (${WORKSPACE_QUAL})`}
        ) as policy,
        ${sql.raw(
          ["select", "insert", "update", "delete"]
            .map((p) => `has_table_privilege('${APP_ROLE}', c.oid, '${p}')`)
            .join(" and "),
        )} as grants
      from pg_class c
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'workspace_id' and not a.attisdropped
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
      order by c.relname`,
  );
}

/** What is wrong with each table: no row-level security, not forced, no workspace policy, no grants. */
const problems = (tables: TableState[]): string[] =>
  tables.flatMap((t) => [
    ...(t.rls ? [] : [`${t.table}: row-level security is off`]),
    ...(t.forced ? [] : [`${t.table}: row-level security is not forced`]),
    ...(t.policy ? [] : [`${t.table}: no workspace_isolation policy on steward.workspace_id`]),
    ...(t.grants ? [] : [`${t.table}: ${APP_ROLE} lacks select, insert, update or delete`]),
  ]);

let database: Database;

beforeAll(async () => {
  database = await createTestDb();
  // Month partitions are made at run time by the partition job: they must be covered too.
  await ensureUsagePartitions(database.db, { from: new Date("2026-01-15T00:00:00Z"), now: new Date() });
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe("the catalogue", () => {
  it("has a forced workspace policy and the application's grants on every table with workspace_id", async () => {
    const tables = await workspaceTables(database.db);
    // The schema has many; a query that found none would pass vacuously.
    expect(tables.length).toBeGreaterThan(30);
    expect(tables.map((t) => t.table)).toEqual(expect.arrayContaining(["accounts", "usage_events_default"]));
    expect(tables.some((t) => /^usage_events_p\d{6}$/.test(t.table))).toBe(true);
    expect(problems(tables)).toEqual([]);
  });

  it("reports a new table with workspace_id until it gets the policy", async () => {
    await database.db.execute(sql`create table rls_probe (workspace_id uuid not null, id uuid not null)`);
    try {
      expect(problems(await workspaceTables(database.db))).toEqual([
        "rls_probe: row-level security is off",
        "rls_probe: row-level security is not forced",
        "rls_probe: no workspace_isolation policy on steward.workspace_id",
      ]);
      await database.db.execute(sql`select steward_workspace_rls('rls_probe')`);
      expect(problems(await workspaceTables(database.db))).toEqual([]);
    } finally {
      await database.db.execute(sql`drop table rls_probe`);
    }
  });

  it("lets the application's role neither sign in nor bypass row-level security", async () => {
    const [role] = await queryRows<{ rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean }>(
      database.db,
      sql`select rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname = ${APP_ROLE}`,
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: false });
  });
});

describe("a workspace transaction", () => {
  let a: Ctx;
  let b: Ctx;
  let aAccount: string;

  beforeAll(async () => {
    const options = { withOwner: false, label: "test" } as const;
    a = (await makeWorkspace(database.db, { slug: "rls-a", name: "A", ...options })).system;
    b = (await makeWorkspace(database.db, { slug: "rls-b", name: "B", ...options })).system;
    aAccount = (await createAccount(a, { name: "Alpha Corp" })).id;
    await createAccount(b, { name: "Bravo Corp" });
  }, 60_000);

  const count = (tx: Database["db"]) =>
    queryRows<{ n: number }>(tx, sql`select count(*)::int as n from accounts`).then((r) => r[0]?.n);

  it("runs as the application's role and sees only its workspace's rows, unfiltered queries too", async () => {
    const seen = await inWorkspace(database.db, b.workspaceId, (tx) =>
      queryRows<{ who: string; name: string }>(tx, sql`select current_user as who, name from accounts`),
    );
    expect(seen).toEqual([{ who: APP_ROLE, name: "Bravo Corp" }]);
    // The system path (migrations, cross-workspace jobs) still sees both.
    expect(await count(database.db)).toBe(2);
  });

  it("sees no row when no workspace is set", async () => {
    const n = await database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', ${APP_ROLE}, true)`);
      return count(tx as unknown as Database["db"]);
    });
    expect(n).toBe(0);
  });

  it("cannot change or write another workspace's rows", async () => {
    await inWorkspace(database.db, b.workspaceId, async (tx) => {
      const changed = await queryRows(
        tx,
        sql`update accounts set name = 'taken' where id = ${aAccount} returning id`,
      );
      expect(changed).toEqual([]);
    });
    const planted = await inWorkspace(database.db, b.workspaceId, (tx) =>
      tx.execute(
        sql`insert into accounts (workspace_id, id, name) values (${a.workspaceId}, gen_random_uuid(), 'planted')`,
      ),
    ).catch((e: Error) => String(e.cause ?? e));
    expect(planted).toMatch(/violates row-level security policy/);
    expect(await queryRows(database.db, sql`select name from accounts where id = ${aAccount}`)).toEqual([
      { name: "Alpha Corp" },
    ]);
  });

  it("lets a non-superuser connecting role through on the system path only as a member of steward_system", async () => {
    // Roles are cluster-wide on PostgreSQL: made once, whoever comes first.
    const seenAs = (role: string) =>
      database.db.transaction(async (tx) => {
        await tx.execute(
          sql.raw(
            `do $$ begin create role ${role} nologin; exception when duplicate_object or unique_violation then null; end $$`,
          ),
        );
        await tx.execute(sql.raw(`grant select on accounts to ${role}`));
        if (role === "steward_test_owner") await tx.execute(sql.raw(`grant steward_system to ${role}`));
        await tx.execute(sql.raw(`set local role ${role}`));
        return count(tx as unknown as Database["db"]);
      });
    expect(await seenAs("steward_test_owner")).toBe(2);
    expect(await seenAs("steward_test_outsider")).toBe(0);
  });

  it("leaves a pooled connection clean: the role and workspace end with the transaction", async () => {
    await inWorkspace(database.db, b.workspaceId, (tx) => count(tx));
    const [after] = await queryRows<{ who: string; ws: string | null }>(
      database.db,
      sql`select current_user as who, nullif(current_setting('steward.workspace_id', true), '') as ws`,
    );
    expect(after?.ws ?? null).toBeNull();
    expect(after?.who).not.toBe(APP_ROLE);
  });
});
