import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../../tests/helpers/test-db.ts";
import { type Database, type Db, queryRows } from "../../db/index.ts";
import { login } from "../auth/index.ts";
import { DEMO_LOGIN, type LoadDemoResult, loadDemo } from "./index.ts";

let database: Database;
let db: Db;
let first: LoadDemoResult;

const demoId = async () =>
  (
    await queryRows<{ id: string }>(db, sql`select id from workspaces where slug = ${DEMO_LOGIN.workspace}`)
  )[0]?.id as string;

/** Everything that must be identical run to run: names, amounts, stages, structure; no ids or dates. */
async function fingerprint(): Promise<string> {
  const ws = await demoId();
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
      select a.external_id, a.name, a.domain, a.industry, a.region, a.country, a.tier, a.lifecycle_stage,
        a.mrr_minor, a.currency, a.custom_fields::text as custom_fields, p.name as parent, u.email as owner,
        (select string_agg(concat_ws('|', c.first_name, c.last_name, c.email, c.title, c.decision_role, c.influence,
            c.seniority, c.status, c.left_company), ';' order by c.email)
          from contacts c where c.workspace_id = a.workspace_id and c.account_id = a.id) as contacts,
        (select string_agg(concat_ws('|', s.external_id, s.product, s.plan, s.mrr_minor, s.currency, s.seats, s.status,
            s.billing_period, s.auto_renew), ';' order by s.external_id)
          from subscriptions s where s.workspace_id = a.workspace_id and s.account_id = a.id) as subscriptions,
        (select string_agg(concat_ws('|', t.team_role, tu.email), ';' order by t.team_role, tu.email)
          from account_team_members t join users tu on tu.id = t.user_id
          where t.workspace_id = a.workspace_id and t.account_id = a.id) as team,
        (select string_agg(concat_ws('|', e.kind, e.title, e.body), ';' order by e.kind, e.title, e.body)
          from timeline_entries e where e.workspace_id = a.workspace_id and e.account_id = a.id) as timeline
      from accounts a
      left join accounts p on p.workspace_id = a.workspace_id and p.id = a.parent_id
      left join users u on u.id = a.owner_id
      where a.workspace_id = ${ws}
      order by a.external_id`,
  );
  return createHash("sha256").update(JSON.stringify(rows)).digest("hex");
}

const countWhere = async (query: ReturnType<typeof sql>) =>
  Number((await queryRows<{ n: number | string }>(db, query))[0]?.n ?? 0);

beforeAll(async () => {
  database = await createTestDb();
  db = database.db;
  first = await loadDemo(db);
  console.info(`demo loaded on ${database.kind} in ${first.elapsedMs} ms`, first.counts);
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe("loadDemo", () => {
  it("creates the demo workspace with about 200 accounts and their people and history", async () => {
    expect(first.created).toBe(true);
    expect(first).toMatchObject({
      workspaceSlug: "demo",
      email: DEMO_LOGIN.email,
      password: DEMO_LOGIN.password,
    });
    expect(first.counts.accounts).toBe(200);
    expect(first.counts.members).toBeGreaterThanOrEqual(13);
    const ws = await demoId();
    expect(await countWhere(sql`select count(*) as n from accounts where workspace_id = ${ws}`)).toBe(200);
    expect(await countWhere(sql`select count(*) as n from contacts where workspace_id = ${ws}`)).toBe(
      first.counts.contacts,
    );
    expect(await countWhere(sql`select count(*) as n from timeline_entries where workspace_id = ${ws}`)).toBe(
      first.counts.timelineEntries,
    );
  });

  it("gives every account 3 to 8 contacts", async () => {
    const ws = await demoId();
    const perAccount = await queryRows<{ n: number | string }>(
      db,
      sql`select count(c.id) as n from accounts a
          left join contacts c on c.workspace_id = a.workspace_id and c.account_id = a.id
          where a.workspace_id = ${ws} group by a.id`,
    );
    expect(perAccount).toHaveLength(200);
    for (const { n } of perAccount) {
      expect(Number(n)).toBeGreaterThanOrEqual(3);
      expect(Number(n)).toBeLessThanOrEqual(8);
    }
  });

  it("has parent/child groups", async () => {
    const ws = await demoId();
    const parents = await countWhere(
      sql`select count(distinct c.parent_id) as n from accounts c
          join accounts p on p.workspace_id = c.workspace_id and p.id = c.parent_id
          where c.workspace_id = ${ws}`,
    );
    expect(parents).toBeGreaterThanOrEqual(10);
    expect(parents).toBeLessThanOrEqual(15);
  });

  it("has new, expanded, contracted, churned and trial customers in the subscriptions", async () => {
    const ws = await demoId();
    const fresh = await countWhere(
      sql`select count(*) as n from (
            select account_id from subscriptions where workspace_id = ${ws} and status <> 'expired'
            group by account_id having min(start_date) >= current_date - 90 and bool_or(status = 'active')) x`,
    );
    const expanded = await countWhere(
      sql`select count(distinct s2.account_id) as n from subscriptions s2
          where s2.workspace_id = ${ws} and s2.status = 'active'
            and s2.start_date > (select min(s1.start_date) from subscriptions s1
                                 where s1.workspace_id = s2.workspace_id and s1.account_id = s2.account_id
                                   and s1.status <> 'expired')`,
    );
    const contracted = await countWhere(
      sql`select count(distinct old.account_id) as n from subscriptions old
          join subscriptions now on now.workspace_id = old.workspace_id and now.account_id = old.account_id
            and now.product = old.product and now.start_date = old.end_date
          where old.workspace_id = ${ws} and old.status = 'canceled' and now.status = 'active'
            and now.mrr_minor < old.mrr_minor`,
    );
    const churned = await countWhere(
      sql`select count(*) as n from (
            select account_id from subscriptions where workspace_id = ${ws} group by account_id
            having bool_and(status = 'canceled') and max(end_date) < current_date) x`,
    );
    const trials = await countWhere(
      sql`select count(*) as n from subscriptions where workspace_id = ${ws} and status = 'trial'`,
    );
    expect(fresh).toBeGreaterThan(0);
    expect(expanded).toBeGreaterThan(0);
    expect(contracted).toBeGreaterThan(0);
    expect(trials).toBeGreaterThan(0);
    // About 8–10% of the book churned.
    expect(churned).toBeGreaterThanOrEqual(14);
    expect(churned).toBeLessThanOrEqual(22);
    const churnedWithMrr = await countWhere(
      sql`select count(*) as n from accounts where workspace_id = ${ws} and lifecycle_stage = 'churned' and mrr_minor > 0`,
    );
    expect(churnedWithMrr).toBe(0);
  });

  it("keeps account revenue in step with the subscriptions, renewals upcoming", async () => {
    const ws = await demoId();
    const withRevenue = await countWhere(
      sql`select count(*) as n from accounts where workspace_id = ${ws} and mrr_minor > 0 and next_renewal_date >= current_date`,
    );
    expect(withRevenue).toBeGreaterThan(150);
    const stale = await countWhere(
      sql`select count(*) as n from accounts where workspace_id = ${ws} and next_renewal_date < current_date`,
    );
    expect(stale).toBe(0);
  });

  it("lets the demo user sign in as the owner of the demo workspace", async () => {
    const session = await login(db, {
      email: DEMO_LOGIN.email,
      password: DEMO_LOGIN.password,
      ip: null,
      userAgent: null,
    });
    expect(session.info.workspace.slug).toBe("demo");
    expect(session.info.role).toBe("owner");
  });

  it("does nothing when the demo exists, and reset recreates the identical book", async () => {
    const before = await fingerprint();
    const idBefore = await demoId();

    const again = await loadDemo(db);
    expect(again.created).toBe(false);
    expect(again.counts).toEqual(first.counts);
    expect(await demoId()).toBe(idBefore);

    const reset = await loadDemo(db, { reset: true });
    expect(reset.created).toBe(true);
    expect(reset.counts).toEqual(first.counts);
    expect(await demoId()).not.toBe(idBefore);
    expect(await fingerprint()).toBe(before);

    const session = await login(db, {
      email: DEMO_LOGIN.email,
      password: DEMO_LOGIN.password,
      ip: null,
      userAgent: null,
    });
    expect(session.info.workspace.slug).toBe("demo");
  }, 60_000);
});
