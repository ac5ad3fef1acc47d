import { type SQL, sql } from "drizzle-orm";
import type { Condition, FilterGroup, SegmentField } from "../../contract/segments.ts";
import { compileWhere, conditionSql, type EvalDay } from "./segment.queries.ts";
import { usageChanges } from "./usage-series.queries.ts";

/**
 * Filters and lines tested over a period in one statement (a rule's replay): each (account, day)
 * pair as of its own day, and the days a number crossed a line, from the histories kept day by day.
 */

/**
 * Of `pairs` (a select of `account_id` and `day`, a date), those whose account fitted the filter
 * as of the pair's own day, in one statement: a replay's firings over 90 days are tested together
 * instead of day by day. Pairs repeat as often as they come (two firings on one day are two).
 * `every`: the pairs are every account on days of this period (a schedule), so figures computed
 * for the whole period at once beat reading them pair by pair.
 */
export function fitOnDays(
  workspaceId: string,
  filter: FilterGroup,
  fields: SegmentField[],
  pairs: SQL,
  every?: { from: string; to: string },
): SQL {
  const at: EvalDay = { column: sql`f.day`, live: false, ...(every ? { every } : {}) };
  const { where, joined } = compileWhere(workspaceId, "account", filter, fields, at);
  return sql`select f.account_id, f.day from (${pairs}) f
    join accounts a on a.workspace_id = ${workspaceId} and a.id = f.account_id ${joined}
    where (${where})`;
}

/**
 * A number day by day: its rows from `from` on, and whether a day without a row keeps the last
 * value (`carried`) or has none. Usage figures come from series computed for the period.
 */
function historyOf(
  workspaceId: string,
  key: string,
  from: string,
  to: string,
): { rows: SQL; carried: boolean } | null {
  const inRange = sql`day >= ${from}::date and day <= ${to}::date`;
  // The last value on or before `from`, per account: where a carried-forward number stood as the period began.
  const carried = (table: string, value: string, kind?: string) => {
    const t = sql.raw(table);
    const v = sql.raw(value);
    const k = kind ? sql`and h.kind = ${kind}` : sql``;
    return {
      carried: true,
      rows: sql`select account_id, day, ${v} as v from ${t} h
                 where workspace_id = ${workspaceId} ${k} and day > ${from}::date and day <= ${to}::date
                union all
                select a.id, p.day, p.v from accounts a cross join lateral (
                  select h.day, ${v} as v from ${t} h
                   where h.workspace_id = a.workspace_id and h.account_id = a.id ${k} and h.day <= ${from}::date
                   order by h.day desc limit 1) p
                 where a.workspace_id = ${workspaceId}`,
    };
  };
  switch (key) {
    case "health.score":
      return {
        carried: false,
        rows: sql`select account_id, day, score as v from health_scores where workspace_id = ${workspaceId} and ${inRange}`,
      };
    case "churn.probability":
      return carried("churn_probability_history", "h.probability * 100", "churn");
    case "expansion.probability":
      return carried("churn_probability_history", "h.probability * 100", "expansion");
    case "success.index":
      return carried("success_index_history", "h.index");
    case "usage.activeUsers30d":
    case "usage.events30d":
      // Computed for the period from the rollups; an account without use stays at 0, never crossing.
      return {
        carried: true,
        rows: sql`select s.account_id, s.day, s.v from (${usageChanges(workspaceId, key, from, to)}) s
                   join accounts a on a.workspace_id = ${workspaceId} and a.id = s.account_id`,
      };
    default:
      return null;
  }
}

/**
 * The (account_id, day) pairs on which an account's number went to the far side of a line
 * (`condition`, e.g. churn probability > 60) in (from, to]: true that day and not the day before.
 * One statement over the period. Numbers with a daily history are read from it, each row compared
 * with the previous one (`lag`): for a number kept only on the days it has (health), the day before
 * must be there too; for one that stands until the next value (probabilities, the success index),
 * the period starts from its last value before; usage figures are computed for every day of the
 * period at once. Any other number is evaluated for every account on every day.
 */
export function crossingsOf(
  workspaceId: string,
  condition: Condition,
  fields: SegmentField[],
  from: string,
  to: string,
): SQL {
  const field = fields.find((f) => f.key === condition.field);
  if (!field) throw new Error(`unknown segment field ${condition.field}`);
  const history = historyOf(workspaceId, field.key, from, to);
  if (history) {
    const past = sql`coalesce(${conditionSql(sql`s.v`, field, condition, { day: to, live: false })}, false)`;
    const before = history.carried
      ? sql`coalesce(s.before_past, false)`
      : sql`coalesce(s.before_past and s.before_day = s.day - 1, false)`;
    return sql`select s.account_id, s.day from (
        select s.account_id, s.day, ${past} as past,
               lag(${past}) over w as before_past, lag(s.day) over w as before_day
          from (${history.rows}) s
        window w as (partition by s.account_id order by s.day)) s
      where s.day > ${from}::date and s.past and not ${before}`;
  }
  const at: EvalDay = { column: sql`g.day`, live: false, every: { from, to } };
  const { where, joined } = compileWhere(
    workspaceId,
    "account",
    { match: "all", conditions: [condition] },
    fields,
    at,
  );
  return sql`select s.account_id, s.day from (
      select a.id as account_id, g.day, coalesce(${where}, false) as past,
             lag(coalesce(${where}, false)) over (partition by a.id order by g.day) as before_past
        from accounts a
        cross join lateral (select ${from}::date + i as day from generate_series(0, ${to}::date - ${from}::date) i) g
        ${joined}
       where a.workspace_id = ${workspaceId}) s
    where s.day > ${from}::date and s.past and not coalesce(s.before_past, false)`;
}
