import { type SQL, sql } from "drizzle-orm";
import { FUNCTIONS } from "../../src/common/roles.ts";
import { TOUCHPOINT_CHANNELS } from "../../src/contract/touchpoints.ts";
import { type Database, queryRows } from "../../src/db/index.ts";
import { DEFAULT_OUTCOME_TEMPLATES } from "../../src/domain/outcomes/outcome.rules.ts";
import { stepTimer } from "./report.ts";

/**
 * The success benchmark's data, generated inside the database with `INSERT … SELECT
 * generate_series` on the system path: accounts, key players, their outcomes, touchpoints with
 * the key players present, and survey answers. Every id is derived from the row's ordinal, so each
 * table is one statement with no joins: touchpoint g of account a names the contacts (a, k) by
 * computing their ids again. Values vary by hashes of the ordinals, so a run is repeatable.
 *
 * The rows are written in one transaction as a restore does: row triggers off
 * (`session_replication_role = replica`: no foreign-key lookup per row and key) and the indexes
 * other than primary keys built once the rows are in (a sort each, instead of a million random
 * inserts each). The very same indexes come back (their definitions are read from the catalogue
 * first and compared after); the keys hold by construction, and `checkIntegrity` proves it
 * set-based afterwards.
 */

export type SuccessSizes = {
  accounts: number;
  /** Contacts per account, every one a key player. */
  players: number;
  /** Outcomes per key player. */
  outcomes: number;
  touchpoints: number;
  /** Employees who own touchpoints and outcomes. */
  employees: number;
};

export type SuccessData = {
  rows: Record<string, number>;
  /** Seconds each step took. */
  steps: Record<string, number>;
};

/** Touchpoints and their players are written this many per statement, so no one statement holds millions of rows. */
const CHUNK = 250_000;

const texts = (xs: readonly string[]) =>
  sql.raw(`array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(",")}]`);

export async function buildSuccessData(
  database: Database,
  workspaceId: string,
  n: SuccessSizes,
  log: (msg: string) => void,
): Promise<SuccessData> {
  const lists = await queryRows<{ list: string; keys: string[] }>(
    database.db,
    sql`select list, array_agg(key order by position) as keys from workspace_list_items
         where workspace_id = ${workspaceId} and archived_at is null group by list`,
  );
  const listKeys = (name: string) => lists.find((l) => l.list === name)?.keys ?? [];
  const { steps, timed } = stepTimer(log);
  const gen = {
    workspaceId,
    n,
    ids: idsOf(workspaceId, n),
    decision: listKeys("decision"),
    development: listKeys("development"),
  };
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    const indexes = await secondaryIndexes(tx, BULK_TABLES);
    for (const ix of indexes) await tx.execute(sql.raw(`drop index ${ix.name}`));
    for (const [name, statements] of Object.entries(statementsOf(gen))) {
      await timed(name, async () => {
        for (const s of statements) await tx.execute(s);
      });
    }
    await timed("indexes", async () => {
      for (const ix of indexes) await tx.execute(sql.raw(ix.def));
    });
    const after = await secondaryIndexes(tx, BULK_TABLES);
    if (JSON.stringify(after) !== JSON.stringify(indexes))
      throw new Error("the indexes were not all rebuilt");
  });
  await timed("analyze", () => database.db.execute(sql`analyze`));
  await timed("integrity check", () => checkIntegrity(database, workspaceId));

  const [rows] = await queryRows<Record<string, number>>(
    database.db,
    sql`select (select count(*)::int from accounts where workspace_id = ${workspaceId}) as accounts,
               (select count(*)::int from contacts where workspace_id = ${workspaceId}) as contacts,
               (select count(*)::int from outcomes where workspace_id = ${workspaceId}) as outcomes,
               (select count(*)::int from touchpoints where workspace_id = ${workspaceId}) as touchpoints,
               (select count(*)::int from touchpoint_players where workspace_id = ${workspaceId}) as "touchpointPlayers",
               (select count(*)::int from survey_responses where workspace_id = ${workspaceId}) as "surveyAnswers"`,
  );
  return { rows: rows ?? {}, steps };
}

/** The tables written in bulk: their indexes other than primary keys are built after the rows. */
const BULK_TABLES = ["contacts", "outcomes", "touchpoints", "touchpoint_players", "survey_responses"];

/** Indexes of the tables that back no constraint, with the statement that creates each. */
const secondaryIndexes = (db: Database["db"], tables: string[]) =>
  queryRows<{ name: string; def: string }>(
    db,
    sql`select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
          from pg_index i join pg_class t on t.oid = i.indrelid
         where t.relname = any(${sql.param(tables)}::text[]) and t.relnamespace = 'public'::regnamespace
           and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
         order by 1`,
  );

/** SQL expressions for the ids of generated rows, from their ordinals. */
function idsOf(workspaceId: string, n: SuccessSizes) {
  // The workspace id is ours (a UUIDv7 string), so it can stand in the SQL text as a literal.
  const seed = workspaceId.replace(/[^0-9a-f-]/g, "");
  const base = Date.now() - 86_400_000;
  // A UUIDv7 as Steward makes them: a millisecond time (here one ms per ordinal, so ids sort in the
  // order rows were written, as in a real database), then random-looking bits from a hash.
  const id = (kind: string, ordinal: string) =>
    sql.raw(
      `overlay(overlay(lpad(to_hex(${base}::bigint + (${ordinal})), 12, '0') || substr(md5('${seed}${kind}' || (${ordinal})), 13)
        placing '7' from 13) placing '8' from 17)::uuid`,
    );
  return {
    id,
    account: (a: string) => id("a", a),
    contact: (a: string, k: string) => id("c", `(${a} - 1) * ${n.players} + ${k}`),
    employee: (u: string) => id("u", u),
  };
}

type Gen = {
  workspaceId: string;
  n: SuccessSizes;
  ids: ReturnType<typeof idsOf>;
  decision: string[];
  development: string[];
};

/** The statements that write each table, in order. */
function statementsOf(g: Gen): Record<string, SQL[]> {
  const chunks = (make: (from: number, to: number) => SQL) => {
    const out: SQL[] = [];
    for (let from = 1; from <= g.n.touchpoints; from += CHUNK) {
      out.push(make(from, Math.min(g.n.touchpoints, from + CHUNK - 1)));
    }
    return out;
  };
  return {
    employees: employeeRows(g),
    accounts: [accountRows(g)],
    contacts: [contactRows(g)],
    outcomes: [outcomeRows(g)],
    touchpoints: chunks((from, to) => touchpointRows(g, from, to)),
    "touchpoint players": chunks((from, to) => playerRows(g, from, to)),
    "survey answers": [answerRows(g)],
  };
}

const employeeRows = ({ workspaceId, n, ids }: Gen) => [
  sql`insert into users (id, email, name)
    select ${ids.employee("u")}, 'employee' || u || '@steward-bench.example', 'Employee ' || u
      from generate_series(1, ${n.employees}) u`,
  sql`insert into memberships (workspace_id, user_id, role, function, title)
    select ${workspaceId}, ${ids.employee("u")}, 'member', (${texts(FUNCTIONS)})[1 + u % ${FUNCTIONS.length}], 'Employee'
      from generate_series(1, ${n.employees}) u`,
];

const accountRows = ({ workspaceId, n, ids }: Gen) =>
  sql`insert into accounts (workspace_id, id, external_id, name, tier, coverage, lifecycle_stage, industry)
    select ${workspaceId}, ${ids.account("a")}, 'A' || a, 'Account ' || a,
      (array['Enterprise', 'Mid-Market', 'SMB'])[1 + a % 3],
      (array['one_to_one', 'one_to_few', 'one_to_many'])[1 + a % 3],
      (array['onboarding', 'adoption', 'value', 'renewal', 'advocacy'])[1 + a % 5],
      (array['Software', 'Finance', 'Retail', 'Health', 'Manufacturing'])[1 + a / 7 % 5]
      from generate_series(1, ${n.accounts}) a`;

/**
 * Player k of each account: k = 1 the economic buyer, 2 a decision maker, 3 the champion, 4 an
 * influencer, 5 an influential user; now and then a detractor, an unknown role, someone who left.
 */
const contactRows = ({ workspaceId, n, ids }: Gen) =>
  sql`insert into contacts (workspace_id, account_id, id, first_name, last_name, email, title,
      decision_role, influence, seniority, status, left_company)
    select ${workspaceId}, ${ids.account("a")}, ${ids.contact("a", "k")},
      (array['Ada', 'Ben', 'Cleo', 'Dev', 'Eva', 'Finn', 'Gia', 'Hal', 'Ines', 'Jon'])[1 + (a * 7 + k) % 10],
      'Player' || k || '-' || a,
      'player' || k || '.' || a || '@customer' || a || '.example',
      (array['CFO', 'VP Operations', 'Head of Finance', 'Operations Lead', 'Analyst'])[k],
      case when (a + k) % 23 = 0 then 'detractor'
           when k = 4 and a % 11 = 0 then null
           else (array['economic_buyer', 'decision_maker', 'champion', 'influencer', 'user'])[k] end,
      case when k = 4 and a % 11 = 0 then 4 when k = 5 then 4 + a % 2 else 1 + (a * 7 + k * 3) % 5 end,
      (array['executive', 'vp', 'director', 'manager', 'individual_contributor'])[1 + (a + k * 2) % 5],
      case when (a + k * 13) % 97 = 0 then 'inactive' else 'active' end,
      (a * 31 + k * 7) % 41 = 0
      from generate_series(1, ${n.accounts}) a, generate_series(1, ${n.players}) k`;

/** About 20% planned, 35% in progress, 20% achieved, 15% at risk, 10% missed. */
const STATUSES = [
  ...Array(4).fill("planned"),
  ...Array(7).fill("in_progress"),
  ...Array(4).fill("achieved"),
  ...Array(3).fill("at_risk"),
  ...Array(2).fill("missed"),
];
const business = DEFAULT_OUTCOME_TEMPLATES.filter((t) => t.kind === "business_outcome").map((t) => t.title);
const wins = DEFAULT_OUTCOME_TEMPLATES.filter((t) => t.kind === "personal_win").map((t) => t.title);

/**
 * Outcomes j = 1… of each key player, the last a personal win: most business outcomes measured,
 * created 20 to 350 days ago, due 60 to 460 days after creation (some past), a tenth undated.
 */
const outcomeRows = ({ workspaceId, n, ids }: Gen) =>
  sql`insert into outcomes (workspace_id, id, contact_id, kind, title, measure, unit, baseline, target,
      current, due_date, status, owner_id, achieved_at, created_at, updated_at)
    select ${workspaceId}, ${ids.id("o", `((a - 1) * ${n.players} + k - 1) * ${n.outcomes} + j`)}, ${ids.contact("a", "k")},
      case when j = ${n.outcomes} then 'personal_win' else 'business_outcome' end,
      case when j = ${n.outcomes} then (${texts(wins)})[1 + (a + k) % ${wins.length}]
           else (${texts(business)})[1 + (a + k + j) % ${business.length}] end,
      case when measured then 'Measure ' || j end, case when measured then 'units' end,
      case when measured then base end, case when measured then base + span end,
      case when measured then base + span * ((h >> 8) % 120) / 100.0 end,
      case when (a * 3 + j) % 10 = 0 then null else (created + interval '1 day' * (60 + (h >> 12) % 400))::date end,
      status, case when a % 2 = 0 then ${ids.employee(`1 + a % ${n.employees}`)} end,
      case when status = 'achieved' then created + interval '30 days' end, created, created
      from (
        select a, k, j, h, (${texts(STATUSES)})[1 + h % ${STATUSES.length}] as status,
          j < ${n.outcomes} and (a + j) % 5 <> 0 as measured,
          10 + a % 20 as base, 10 + (k * 3) % 15 as span,
          now() - interval '1 day' * (20 + (h >> 4) % 330) as created
          from generate_series(1, ${n.accounts}) a, generate_series(1, ${n.players}) k,
               generate_series(1, ${n.outcomes}) j,
               lateral (select hashtext(a || '-' || k || '-' || j) & 2147483647 as h) x
      ) o`;

/** The account (its ordinal) of touchpoint g. */
const accountOf = (n: SuccessSizes) => `1 + (hashtext('t' || g) & 2147483647) % ${n.accounts}`;

/**
 * Touchpoints from..to, spread over the accounts and two years (about half in the index's 365
 * days): channels, functions and both lists' steps varied, quality rated (by a reviewer or the
 * employee) on three in four, the customer's experience on four in five.
 */
const touchpointRows = ({ workspaceId, n, ids, decision, development }: Gen, from: number, to: number) =>
  sql`insert into touchpoints (workspace_id, id, account_id, channel, function, employee_id,
      decision_step, development_step, title, occurred_at, quality_rating, quality_rated_by,
      quality_self_assessed, experience_rating, source, created_at, updated_at)
    select ${workspaceId}, ${ids.id("t", "g")}, ${ids.account(accountOf(n))},
      (${texts(TOUCHPOINT_CHANNELS)})[1 + (h & 255) % ${TOUCHPOINT_CHANNELS.length}],
      (${texts(FUNCTIONS)})[1 + ((h >> 8) & 255) % ${FUNCTIONS.length}],
      ${ids.employee(`1 + g % ${n.employees}`)},
      (${texts(decision)})[((h >> 16) & 255) % ${decision.length + 1}],
      (${texts(development)})[((h >> 24) & 127) % ${development.length + 1}],
      'Touchpoint ' || g, now() - interval '1 second' * (h2 % 63072000),
      case when h2 % 4 = 0 then null else 1 + (h2 >> 3) % 5 end,
      case when h2 % 4 = 1 then ${ids.employee(`1 + (g + 1) % ${n.employees}`)} end,
      h2 % 4 = 2,
      case when h2 % 5 = 0 then null else 1 + (h2 >> 5) % 5 end,
      'import', now(), now()
      from generate_series(${from}::int, ${to}::int) g,
           lateral (select hashtext('v' || g) & 2147483647 as h, hashtext('w' || g) & 2147483647 as h2) x`;

/** One to three of the account's key players at each touchpoint from..to. */
const playerRows = ({ workspaceId, n, ids }: Gen, from: number, to: number) =>
  sql`insert into touchpoint_players (workspace_id, touchpoint_id, contact_id)
    select ${workspaceId}, ${ids.id("t", "g")}, ${ids.contact(accountOf(n), `1 + (g / 3 + m) % ${n.players}`)}
      from generate_series(${from}::int, ${to}::int) g, generate_series(0, ${Math.min(2, n.players - 1)}) m
     where m <= g % 3`;

/** A quarter of the key players answered an NPS survey in the last ten months, a sixth a CSAT one. */
const answerRows = ({ workspaceId, n, ids }: Gen) =>
  sql`insert into survey_responses (workspace_id, id, account_id, contact_id, kind, dimension, score, scale,
      comment, answered_at, source)
    select ${workspaceId}, ${ids.id("r", `((a - 1) * ${n.players} + k) * 2 + (kind = 'csat')::int`)},
      ${ids.account("a")}, ${ids.contact("a", "k")},
      kind, null, case when kind = 'nps' then h % 11 else 1 + h % 5 end,
      case when kind = 'nps' then 10 else 5 end,
      case when h % 7 = 0 then 'Comment ' || a end,
      now() - interval '1 hour' * ((h >> 4) % 7200), 'import'
      from generate_series(1, ${n.accounts}) a, generate_series(1, ${n.players}) k,
           unnest(array['nps', 'csat']) kind,
           lateral (select hashtext(a || '-' || k || kind) & 2147483647 as h) x
     where (kind = 'nps' and (a + k) % 4 = 0) or (kind = 'csat' and (a * 3 + k) % 6 = 0)`;

/**
 * Every key the generated rows carry leads to its row (the foreign keys were not checked while
 * writing), and every key player at a touchpoint is of the touchpoint's account.
 */
async function checkIntegrity(database: Database, workspaceId: string): Promise<void> {
  const [broken] = await queryRows<Record<string, number>>(
    database.db,
    sql`select
      (select count(*)::int from contacts c where c.workspace_id = ${workspaceId} and not exists
        (select 1 from accounts a where a.workspace_id = c.workspace_id and a.id = c.account_id)) as contacts,
      (select count(*)::int from outcomes o where o.workspace_id = ${workspaceId} and not exists
        (select 1 from contacts c where c.workspace_id = o.workspace_id and c.id = o.contact_id)) as outcomes,
      (select count(*)::int from touchpoints t where t.workspace_id = ${workspaceId} and (not exists
        (select 1 from accounts a where a.workspace_id = t.workspace_id and a.id = t.account_id) or not exists
        (select 1 from users u where u.id = t.employee_id))) as touchpoints,
      (select count(*)::int from touchpoint_players p
         left join touchpoints t on t.workspace_id = p.workspace_id and t.id = p.touchpoint_id
         left join contacts c on c.workspace_id = p.workspace_id and c.id = p.contact_id
        where p.workspace_id = ${workspaceId} and (c.account_id is distinct from t.account_id or t.id is null)) as players,
      (select count(*)::int from survey_responses r where r.workspace_id = ${workspaceId} and not exists
        (select 1 from contacts c where c.workspace_id = r.workspace_id and c.id = r.contact_id
            and c.account_id = r.account_id)) as answers`,
  );
  const bad = Object.entries(broken ?? {}).filter(([, n]) => n > 0);
  if (bad.length > 0)
    throw new Error(`generated rows with dangling keys: ${JSON.stringify(Object.fromEntries(bad))}`);
}

/** Contacts a survey may reach (active, still at the company, with an email), spread over the accounts. */
export const surveyableContacts = async (database: Database, workspaceId: string, limit: number) =>
  (
    await queryRows<{ id: string }>(
      database.db,
      sql`select id from contacts where workspace_id = ${workspaceId} and status = 'active'
           and not left_company and email is not null order by md5(id::text) limit ${limit}`,
    )
  ).map((r) => r.id);

/** Accounts in the order of their ids' hashes: a random-looking sample spread over the table. */
export async function sampleAccounts(database: Database, workspaceId: string, count: number) {
  return (
    await queryRows<{ id: string }>(
      database.db,
      sql`select id from accounts where workspace_id = ${workspaceId} order by md5(id::text) limit ${count}`,
    )
  ).map((r) => r.id);
}
