import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Condition, FilterGroup, SegmentEntity, SegmentField } from "../../contract/segments.ts";
import type { Db } from "../../db/index.ts";
import { queryRows, schema } from "../../db/index.ts";
import { afterCursor, orderBy, type SortKey, sortKeyColumn, toPage } from "../kernel/pagination.queries.ts";
import { fieldsUsed, isGroup } from "./segment.rules.ts";
import { type UsageFigure, usageDaily } from "./usage-series.queries.ts";

const { segments } = schema;

// Compiling a filter to SQL

/**
 * As of which day a filter is evaluated: `today` reads the live values (the account's current
 * health, the churn model's current predictions); a past day reads the histories kept day by day.
 * A `column` is a past day that differs row by row (a replay's firing days), so one statement
 * tests many days.
 */
export type EvalDay =
  | { day: string; live: boolean }
  | {
      column: SQL;
      live: false;
      /** Set when every account is tested on every day of this period: usage is read from series of it. */
      every?: { from: string; to: string };
    };

/** A value a field is read from, and the joins it needs (keyed, so each is added once). */
type Source = { expr: SQL; joins: [key: string, join: SQL][] };

const d = (at: EvalDay) => ("column" in at ? at.column : sql`${at.day}::date`);
/** The end of the day, exclusive: timestamps before it are on or before the day. */
const dayEnd = (at: EvalDay) => sql`(${d(at)} + 1)::timestamptz`;
const utcDate = (ts: SQL) => sql`(${ts} at time zone 'UTC')::date`;

/** Probability of a kind, as it stood on the day (0–100). */
function probability(alias: string, kind: "churn" | "expansion", at: EvalDay): Source {
  const j = sql.raw(`${alias}_${kind}`);
  const a = sql.raw(alias);
  const join = at.live
    ? sql`left join churn_predictions ${j} on ${j}.workspace_id = ${a}.workspace_id and ${j}.account_id = ${a}.id and ${j}.kind = ${kind}`
    : sql`left join lateral (select h.probability from churn_probability_history h
            where h.workspace_id = ${a}.workspace_id and h.kind = ${kind} and h.account_id = ${a}.id and h.day <= ${d(at)}
            order by h.day desc limit 1) ${j} on true`;
  return { expr: sql`(${j}.probability * 100)`, joins: [[`${alias}:${kind}`, join]] };
}

/** The usage figures: the rollup each is read from, over how many days up to the day. */
const USAGE = {
  "usage.activeUsers30d": {
    alias: "uu",
    table: "usage_user_days",
    value: "count(distinct u.user_key)::int",
    days: 30,
  },
  "usage.events30d": {
    alias: "ue",
    table: "usage_account_event_days",
    value: "coalesce(sum(u.events), 0)::bigint",
    days: 30,
  },
  "usage.lastActive": { alias: "ul", table: "usage_user_days", value: "max(u.day)", days: 365 },
} as const;

/** A usage figure for every account on every day of a period (a replay of a schedule), computed once. */
function usageOnEveryDay(
  key: string,
  alias: SQL,
  a: SQL,
  at: EvalDay,
  workspaceId: string,
  every: { from: string; to: string },
): Source {
  const daily = usageDaily(workspaceId, key as UsageFigure, every.from, every.to);
  return {
    expr: sql`coalesce(${alias}.v, 0)`,
    joins: [
      [
        `${key}:every`,
        sql`left join (${daily}) ${alias} on ${alias}.account_id = ${a}.id and ${alias}.day = ${d(at)}`,
      ],
    ],
  };
}

/** The account's fields, read through alias `a` (the account itself, or a contact's account). */
function accountSource(key: string, alias: string, at: EvalDay, workspaceId: string): Source | null {
  const a = sql.raw(alias);
  const col = (c: string): Source => ({ expr: sql`${a}.${sql.raw(c)}`, joins: [] });
  const join = (name: string, body: SQL): [string, SQL] => [`${alias}:${name}`, body];
  const j = (name: string) => sql.raw(`${alias}_${name}`);
  switch (key) {
    case "name":
      return col("name");
    case "tier":
      return col("tier");
    case "industry":
      return col("industry");
    case "region":
      return col("region");
    case "country":
      return col("country");
    case "lifecycleStage":
      return col("lifecycle_stage");
    case "coverage":
      return col("coverage");
    case "ownerId":
      return { expr: sql`${a}.owner_id::text`, joins: [] };
    case "createdAt":
      return { expr: utcDate(sql`${a}.created_at`), joins: [] };
    case "mrr":
      return { expr: sql`(${a}.mrr_minor / 100.0)`, joins: [] };
    case "arr":
      return { expr: sql`(${a}.mrr_minor * 12 / 100.0)`, joins: [] };
    case "nextRenewalDate":
      return col("next_renewal_date");
    case "health.change7d":
      return col("health_change_7d");
    case "health.score":
    case "health.band": {
      if (at.live) return col(key === "health.score" ? "health_score" : "health_band");
      const hs = j("hs");
      return {
        expr: sql`${hs}.${sql.raw(key === "health.score" ? "score" : "band")}`,
        joins: [
          join(
            "hs",
            sql`left join health_scores ${hs} on ${hs}.workspace_id = ${a}.workspace_id and ${hs}.account_id = ${a}.id and ${hs}.day = ${d(at)}`,
          ),
        ],
      };
    }
    case "churn.probability":
      return probability(alias, "churn", at);
    case "expansion.probability":
      return probability(alias, "expansion", at);
    case "success.index": {
      const si = j("si");
      return {
        expr: sql`${si}.index`,
        joins: [
          join(
            "si",
            sql`left join lateral (select h.index from success_index_history h
                  where h.workspace_id = ${a}.workspace_id and h.account_id = ${a}.id and h.day <= ${d(at)}
                  order by h.day desc limit 1) ${si} on true`,
          ),
        ],
      };
    }
    case "usage.activeUsers30d":
    case "usage.events30d":
    case "usage.lastActive": {
      const usage = USAGE[key];
      const alias = j(usage.alias);
      if ("column" in at && at.every && key !== "usage.lastActive") {
        return usageOnEveryDay(key, alias, a, at, workspaceId, at.every);
      }
      // Read per account (lateral, through the rollups' keys) rather than aggregated for the whole
      // workspace and joined: only the accounts that reach the join are counted, and only the days
      // the figure needs, so a rule over a few hundred accounts costs a few hundred index ranges.
      return {
        expr: sql`${alias}.v`,
        joins: [
          join(
            usage.alias,
            sql`left join lateral (select ${sql.raw(usage.value)} as v from ${sql.raw(usage.table)} u
                 where u.workspace_id = ${a}.workspace_id and u.account_id = ${a}.id
                   and u.day > ${d(at)} - ${sql.raw(String(usage.days))} and u.day <= ${d(at)}) ${alias} on true`,
          ),
        ],
      };
    }
    case "survey.npsLatest": {
      const nl = j("nl");
      return {
        expr: sql`${nl}.score`,
        joins: [
          join(
            "nl",
            sql`left join lateral (select r.score from survey_responses r
                  where r.workspace_id = ${a}.workspace_id and r.account_id = ${a}.id and r.kind = 'nps'
                    and r.answered_at < ${dayEnd(at)}
                  order by r.answered_at desc limit 1) ${nl} on true`,
          ),
        ],
      };
    }
    case "survey.nps12m": {
      // Per account (lateral), so the 365 days can end on a different day for each row.
      const np = j("np");
      return {
        expr: sql`round((${np}.promoters - ${np}.detractors) * 100.0 / nullif(${np}.answers, 0), 2)`,
        joins: [
          join(
            "np",
            sql`left join lateral (select count(*) as answers,
                  count(*) filter (where r.score >= 9) as promoters, count(*) filter (where r.score <= 6) as detractors
                  from survey_responses r
                 where r.workspace_id = ${a}.workspace_id and r.account_id = ${a}.id and r.kind = 'nps'
                   and r.answered_at >= (${d(at)} - 364)::timestamptz and r.answered_at < ${dayEnd(at)}) ${np} on true`,
          ),
        ],
      };
    }
    case "touchpoint.last": {
      const tp = j("tp");
      return {
        expr: sql`${tp}.last_day`,
        joins: [
          join(
            "tp",
            sql`left join lateral (select ${utcDate(sql`max(t.occurred_at)`)} as last_day from touchpoints t
                  where t.workspace_id = ${a}.workspace_id and t.account_id = ${a}.id and t.occurred_at < ${dayEnd(at)}) ${tp} on true`,
          ),
        ],
      };
    }
    default:
      return null;
  }
}

/** A contact's own fields, read through alias `c`. */
function contactSource(key: string, at: EvalDay): Source | null {
  switch (key) {
    case "name":
      return { expr: sql`concat_ws(' ', c.first_name, c.last_name)`, joins: [] };
    case "email":
      return { expr: sql`c.email`, joins: [] };
    case "title":
      return { expr: sql`c.title`, joins: [] };
    case "decisionRole":
      return { expr: sql`c.decision_role`, joins: [] };
    case "seniority":
      return { expr: sql`c.seniority`, joins: [] };
    case "influence":
      return { expr: sql`c.influence`, joins: [] };
    case "leftCompany":
      return { expr: sql`c.left_company`, joins: [] };
    case "survey.npsLatest":
      return {
        expr: sql`c_nl.score`,
        joins: [
          [
            "c:nl",
            sql`left join lateral (select r.score from survey_responses r
                  where r.workspace_id = c.workspace_id and r.account_id = c.account_id and r.contact_id = c.id
                    and r.kind = 'nps' and r.answered_at < ${dayEnd(at)}
                  order by r.answered_at desc limit 1) c_nl on true`,
          ],
        ],
      };
    case "touchpoint.last":
      return {
        expr: sql`c_tp.last_day`,
        joins: [
          [
            "c:tp",
            sql`left join lateral (select ${utcDate(sql`max(t.occurred_at)`)} as last_day
                  from touchpoint_players p
                  join touchpoints t on t.workspace_id = p.workspace_id and t.id = p.touchpoint_id
                 where p.workspace_id = c.workspace_id and p.contact_id = c.id and t.occurred_at < ${dayEnd(at)}) c_tp on true`,
          ],
        ],
      };
    default:
      return null;
  }
}

function customSource(alias: string, key: string, type: SegmentField["type"]): Source {
  const value = sql`${sql.raw(alias)}.custom_fields`;
  const expr =
    type === "number"
      ? sql`case when jsonb_typeof(${value} -> ${key}) = 'number' then (${value} ->> ${key})::double precision end`
      : type === "boolean"
        ? sql`case when jsonb_typeof(${value} -> ${key}) = 'boolean' then (${value} ->> ${key})::boolean end`
        : type === "date"
          ? sql`case when (${value} ->> ${key}) ~ '^\\d{4}-\\d{2}-\\d{2}$' then (${value} ->> ${key})::date end`
          : sql`(${value} ->> ${key})`;
  return { expr, joins: [] };
}

function sourceOf(entity: SegmentEntity, field: SegmentField, at: EvalDay, workspaceId: string): Source {
  let key = field.key;
  let alias = entity === "account" ? "a" : "c";
  if (entity === "contact" && key.startsWith("account.")) {
    key = key.slice("account.".length);
    alias = "a";
  }
  if (key.startsWith("custom.")) return customSource(alias, key.slice("custom.".length), field.type);
  const source = alias === "a" ? accountSource(key, "a", at, workspaceId) : contactSource(key, at);
  if (!source) throw new Error(`segment field ${field.key} has no SQL`);
  return source;
}

const likeOf = (v: string) => `%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One condition on a value: checked beforehand by checkFilter, so values have their op's shape. */
export function conditionSql(expr: SQL, field: SegmentField, c: Condition, at: EvalDay): SQL {
  const v = c.value;
  const text = field.type === "text";
  const cast =
    field.type === "date" ? sql`::date` : field.type === "number" ? sql`::double precision` : sql``;
  const one = sql`${v as string | number}${cast}`;
  const list = (v as (string | number)[] | undefined) ?? [];
  switch (c.op) {
    case "eq":
      return text ? sql`lower(${expr}) = lower(${v as string})` : sql`${expr} = ${one}`;
    case "neq":
      return text
        ? sql`lower(${expr}) is distinct from lower(${v as string})`
        : sql`${expr} is distinct from ${one}`;
    case "contains":
      return sql`${expr} ilike ${likeOf(v as string)}`;
    case "not_contains":
      return sql`coalesce(${expr}, '') not ilike ${likeOf(v as string)}`;
    case "gt":
    case "after":
      return sql`${expr} > ${one}`;
    case "gte":
      return sql`${expr} >= ${one}`;
    case "lt":
    case "before":
      return sql`${expr} < ${one}`;
    case "lte":
      return sql`${expr} <= ${one}`;
    case "between":
      return sql`${expr} between ${list[0]}${cast} and ${list[1]}${cast}`;
    case "in":
    case "not_in": {
      const values = text ? list.map((x) => String(x).toLowerCase()) : list.map(String);
      const test = text
        ? sql`lower(${expr}) = any(${sql.param(values)}::text[])`
        : sql`${expr}::text = any(${sql.param(values)}::text[])`;
      return c.op === "in" ? test : sql`(${expr} is null or not (${test}))`;
    }
    case "in_last_days":
      return sql`${expr} between ${d(at)} - ${v as number}::int and ${d(at)}`;
    case "in_next_days":
      return sql`${expr} between ${d(at)} and ${d(at)} + ${v as number}::int`;
    case "more_than_days_ago":
      return sql`${expr} < ${d(at)} - ${v as number}::int`;
    case "is_true":
      return sql`${expr} is true`;
    case "is_false":
      return sql`${expr} is not true`;
    case "is_set":
      return text ? sql`nullif(trim(${expr}), '') is not null` : sql`${expr} is not null`;
    case "is_empty":
      return text ? sql`nullif(trim(${expr}), '') is null` : sql`${expr} is null`;
  }
}

/** Membership of account segments, as it was at the end of the day (their stays). */
function segmentCondition(workspaceId: string, entity: SegmentEntity, c: Condition, at: EvalDay): SQL {
  const id = entity === "account" ? sql`a.id` : sql`c.account_id`;
  const ids = c.op === "in" || c.op === "not_in" ? ((c.value as string[]) ?? []) : null;
  const stays = sql`select 1 from segment_members m
     where m.workspace_id = ${workspaceId} and m.entity_id = ${id}
       ${ids ? sql`and m.segment_id = any(${sql.param(ids)}::uuid[])` : sql``}
       and m.entered_at < ${dayEnd(at)} and (m.left_at is null or m.left_at >= ${dayEnd(at)})`;
  return c.op === "in" || c.op === "is_set" ? sql`exists (${stays})` : sql`not exists (${stays})`;
}

/** A filter's test and the joins it needs, and each tested field's value, for any statement to use. */
export function compileWhere(
  workspaceId: string,
  entity: SegmentEntity,
  filter: FilterGroup,
  fields: SegmentField[],
  at: EvalDay,
): { where: SQL; joined: SQL; values: Map<string, SQL> } {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const joins = new Map<string, SQL>();
  const values = new Map<string, SQL>();
  const group = (g: FilterGroup): SQL => {
    const parts = g.conditions.map((c) => {
      if (isGroup(c)) return group(c);
      const field = byKey.get(c.field);
      if (!field) throw new Error(`unknown segment field ${c.field}`);
      if (field.key === "segment") return sql`(${segmentCondition(workspaceId, entity, c, at)})`;
      const source = sourceOf(entity, field, at, workspaceId);
      for (const [key, join] of source.joins) joins.set(key, join);
      values.set(field.key, source.expr);
      return sql`(${conditionSql(source.expr, field, c, at)})`;
    });
    // An empty group matches everything: a segment with no conditions is every record.
    if (parts.length === 0) return sql`true`;
    return sql`(${sql.join(parts, sql.raw(g.match === "all" ? " and " : " or "))})`;
  };
  const where = group(filter);
  return { where, joined: sql.join([...joins.values()], sql` `), values };
}

/**
 * The records a filter matches, as one SQL statement selecting `id`, `name` and `account_id` (an
 * account's own id). Set-based: every account (or contact) is tested in the one statement; the
 * facts a condition needs are joined once, only when a condition needs them.
 */
export function compileFilter(
  workspaceId: string,
  entity: SegmentEntity,
  filter: FilterGroup,
  fields: SegmentField[],
  at: EvalDay,
  options: CompileOptions = {},
): SQL {
  const tested = options.also ? { match: "all" as const, conditions: [filter, options.also] } : filter;
  const { where, joined, values } = compileWhere(workspaceId, entity, tested, fields, at);
  // The values the conditions tested, for a rule's log to say why an account matched; `also`'s
  // own fields are not among them.
  const reported = new Set(fieldsUsed(filter));
  const shown = [...values].filter(([k]) => reported.has(k));
  const valuesColumn = options.values
    ? sql`, ${
        shown.length === 0
          ? sql`'{}'::json`
          : sql`json_build_object(${sql.join(
              shown.map(([k, e]) => sql`${k}::text, ${e}`),
              sql`, `,
            )})`
      } as values`
    : sql``;
  const only = options.ids
    ? sql` and ${sql.raw(entity === "account" ? "a" : "c")}.id = any(${sql.param(options.ids)}::uuid[])`
    : sql``;
  return entity === "account"
    ? sql`select a.id, a.name, a.id as account_id ${valuesColumn} from accounts a ${joined}
           where a.workspace_id = ${workspaceId}${only} and (${where})`
    : sql`select c.id, concat_ws(' ', c.first_name, c.last_name) as name, c.account_id ${valuesColumn} from contacts c
            join accounts a on a.workspace_id = c.workspace_id and a.id = c.account_id ${joined}
           where c.workspace_id = ${workspaceId}${only} and (${where})`;
}

export type CompileOptions = {
  /** Also select `values`: each tested field's value, by field key. */
  values?: boolean;
  /** Test only these records. */
  ids?: string[];
  /**
   * Also test these conditions, in the same statement, without reporting their values: a rule's
   * trigger ("past the line", "in the segment") tested with its conditions, each joined fact read once.
   */
  also?: FilterGroup;
};

// Preview

export async function previewMatches(
  db: Db,
  select: SQL,
): Promise<{
  count: number;
  sample: { id: string; name: string; accountId: string; accountName: string }[];
}> {
  const [counted] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from (${select}) m`);
  const sample = await queryRows<{ id: string; name: string; accountId: string; accountName: string }>(
    db,
    sql`select m.id, m.name, m.account_id as "accountId", acc.name as "accountName" from (${select}) m
          join accounts acc on acc.id = m.account_id
         order by lower(m.name), m.id limit 20`,
  );
  return { count: Number(counted?.n ?? 0), sample };
}

// Segments

export type SegmentRow = typeof segments.$inferSelect & { createdByName: string | null };

export const listSegmentRows = (db: Db, workspaceId: string, entity?: string): Promise<SegmentRow[]> =>
  queryRows(
    db,
    sql`select s.workspace_id as "workspaceId", s.id, s.name, s.description, s.entity, s.filter,
               s.member_count as "memberCount", s.refreshed_at as "refreshedAt", s.created_by as "createdBy",
               s.created_at as "createdAt", s.updated_at as "updatedAt", u.name as "createdByName"
          from segments s left join users u on u.id = s.created_by
         where s.workspace_id = ${workspaceId} ${entity ? sql`and s.entity = ${entity}` : sql``}
         order by lower(s.name)`,
  );

export const findSegmentRow = async (db: Db, workspaceId: string, id: string): Promise<SegmentRow | null> =>
  (
    await queryRows<SegmentRow>(
      db,
      sql`select s.workspace_id as "workspaceId", s.id, s.name, s.description, s.entity, s.filter,
                 s.member_count as "memberCount", s.refreshed_at as "refreshedAt", s.created_by as "createdBy",
                 s.created_at as "createdAt", s.updated_at as "updatedAt", u.name as "createdByName"
            from segments s left join users u on u.id = s.created_by
           where s.workspace_id = ${workspaceId} and s.id = ${id}`,
    )
  )[0] ?? null;

export const segmentNameTaken = async (db: Db, workspaceId: string, name: string, exceptId?: string) =>
  (
    await queryRows<{ id: string }>(
      db,
      sql`select id from segments where workspace_id = ${workspaceId} and lower(name) = lower(${name})
            ${exceptId ? sql`and id <> ${exceptId}` : sql``}`,
    )
  ).length > 0;

export const insertSegment = (db: Db, row: typeof segments.$inferInsert) => db.insert(segments).values(row);

export const updateSegmentRow = (
  db: Db,
  workspaceId: string,
  id: string,
  patch: Partial<Pick<typeof segments.$inferInsert, "name" | "description" | "filter">>,
) =>
  db
    .update(segments)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, id)));

export const deleteSegmentRow = (db: Db, workspaceId: string, id: string) =>
  db.delete(segments).where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, id)));

/** Every segment of every workspace, for the scheduled refresh (system path). */
export const allSegmentRefs = (db: Db): Promise<{ workspaceId: string; id: string }[]> =>
  queryRows(
    db,
    sql`select workspace_id as "workspaceId", id from segments order by workspace_id, created_at`,
  );

// Membership

/**
 * Brings the segment's membership in line with what its filter matches now, in one statement:
 * closes the stays of records no longer matched, opens stays for newly matched ones, and records
 * the count. Answers who entered and who left (with their accounts).
 */
export async function syncMembers(
  db: Db,
  workspaceId: string,
  segmentId: string,
  select: SQL,
): Promise<{
  total: number;
  entered: { id: string; accountId: string }[];
  left: { id: string; accountId: string | null }[];
}> {
  const [row] = await queryRows<{ total: number; entered: unknown; left: unknown }>(
    db,
    sql`with cur as (${select}),
         closed as (
           update segment_members m set left_at = now()
            where m.workspace_id = ${workspaceId} and m.segment_id = ${segmentId} and m.left_at is null
              and not exists (select 1 from cur where cur.id = m.entity_id)
           returning m.entity_id),
         opened as (
           insert into segment_members (workspace_id, segment_id, entity_id, entered_at)
           select ${workspaceId}, ${segmentId}, cur.id, now() from cur
            where not exists (select 1 from segment_members m
                               where m.workspace_id = ${workspaceId} and m.segment_id = ${segmentId}
                                 and m.entity_id = cur.id and m.left_at is null)
           returning entity_id),
         counted as (
           update segments set member_count = (select count(*) from cur), refreshed_at = now()
            where workspace_id = ${workspaceId} and id = ${segmentId})
       select (select count(*)::int from cur) as total,
              coalesce((select json_agg(json_build_object('id', o.entity_id, 'accountId', cur.account_id))
                          from opened o join cur on cur.id = o.entity_id), '[]'::json) as entered,
              coalesce((select json_agg(json_build_object('id', c.entity_id,
                          'accountId', coalesce((select a.id from accounts a where a.workspace_id = ${workspaceId} and a.id = c.entity_id),
                                                (select k.account_id from contacts k where k.workspace_id = ${workspaceId} and k.id = c.entity_id))))
                          from closed c), '[]'::json) as left`,
  );
  const parse = <T>(v: unknown): T => (typeof v === "string" ? JSON.parse(v) : v) as T;
  return {
    total: Number(row?.total ?? 0),
    entered: parse(row?.entered ?? []),
    left: parse(row?.left ?? []),
  };
}

export type MemberRow = { id: string; name: string; accountId: string; accountName: string; enteredAt: Date };

export async function pageMembers(
  db: Db,
  workspaceId: string,
  segmentId: string,
  entity: SegmentEntity,
  q: { limit: number; cursor?: string | undefined },
) {
  const key: SortKey = { expr: sql`lower(x.name)`, type: "text", desc: false };
  const named =
    entity === "account"
      ? sql`select a.id, a.name, a.id as account_id, a.name as account_name from accounts a where a.workspace_id = ${workspaceId}`
      : sql`select c.id, concat_ws(' ', c.first_name, c.last_name) as name, c.account_id, a.name as account_name
              from contacts c join accounts a on a.workspace_id = c.workspace_id and a.id = c.account_id
             where c.workspace_id = ${workspaceId}`;
  const rows = await queryRows<MemberRow & { sortKey: string }>(
    db,
    sql`select x.id, x.name, x.account_id as "accountId", x.account_name as "accountName", m.entered_at as "enteredAt",
               ${sortKeyColumn(key)} as "sortKey"
          from segment_members m join (${named}) x on x.id = m.entity_id
         where m.workspace_id = ${workspaceId} and m.segment_id = ${segmentId} and m.left_at is null
           and ${afterCursor(key, sql`x.id`, q.cursor) ?? sql`true`}
         order by ${sql.join(orderBy(key, sql`x.id`), sql`, `)} limit ${q.limit + 1}`,
  );
  return toPage(rows, q.limit);
}

export type ChangeRow = { id: string; name: string; change: "entered" | "left"; at: Date };

/** Entries and exits, newest first (keyset on the time, then the record). */
export async function pageChanges(
  db: Db,
  workspaceId: string,
  segmentId: string,
  entity: SegmentEntity,
  q: { limit: number; cursor?: string | undefined },
) {
  const key: SortKey = { expr: sql`ch.at`, type: "timestamptz", desc: true };
  const nameOf =
    entity === "account"
      ? sql`(select a.name from accounts a where a.workspace_id = ${workspaceId} and a.id = ch.id)`
      : sql`(select concat_ws(' ', c.first_name, c.last_name) from contacts c where c.workspace_id = ${workspaceId} and c.id = ch.id)`;
  const rows = await queryRows<ChangeRow & { sortKey: string }>(
    db,
    sql`select ch.id, coalesce(${nameOf}, '(deleted)') as name, ch.change, ch.at, ${sortKeyColumn(key)} as "sortKey"
          from (select entity_id as id, 'entered' as change, entered_at as at from segment_members
                 where workspace_id = ${workspaceId} and segment_id = ${segmentId}
                union all
                select entity_id, 'left', left_at from segment_members
                 where workspace_id = ${workspaceId} and segment_id = ${segmentId} and left_at is not null) ch
         where ${afterCursor(key, sql`ch.id`, q.cursor) ?? sql`true`}
         order by ${sql.join(orderBy(key, sql`ch.id`), sql`, `)} limit ${q.limit + 1}`,
  );
  return toPage(rows, q.limit);
}

/** Ids of the records in the segment on a day (stays spanning its end), for replays and lists. */
export const membersOn = (workspaceId: string, segmentId: string, day: string): SQL =>
  sql`select entity_id from segment_members
       where workspace_id = ${workspaceId} and segment_id = ${segmentId}
         and entered_at < (${day}::date + 1)::timestamptz
         and (left_at is null or left_at >= (${day}::date + 1)::timestamptz)`;

/** The ids a compiled filter selects (compileFilter's select, run). */
export const selectedIds = async (db: Db, select: SQL): Promise<string[]> =>
  (await queryRows<{ id: string }>(db, sql`select id from (${select}) m`)).map((r) => r.id);
