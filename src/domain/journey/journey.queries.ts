import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/index.ts";
import { queryRows } from "../../db/index.ts";
import type { Tally, TallyRow } from "./journey.rules.ts";

type Period = { accountId: string | null; from: string; to: string };

const tallyColumns = sql`count(*)::int as n,
  coalesce(sum(quality_rating), 0)::int as "qSum", count(quality_rating)::int as "qN",
  coalesce(sum(experience_rating), 0)::int as "eSum", count(experience_rating)::int as "eN"`;

/**
 * The period's bounds as timestamps: comparing a timestamp with a date is not leakproof, so under
 * row-level security it could not bound the index scan and every touchpoint of the account was read.
 */
const periodBounds = (column: SQL, p: Period) =>
  sql`${column} >= ${p.from}::date::timestamptz and ${column} < (${p.to}::date + 1)::timestamptz`;

const inPeriod = (workspaceId: string, p: Period) => sql`workspace_id = ${workspaceId}
  and ${periodBounds(sql`occurred_at`, p)}
  ${p.accountId ? sql`and account_id = ${p.accountId}` : sql``}`;

/** Touchpoints of the period tallied per (decision step, function). */
export const tallyByDecisionStep = (db: Db, workspaceId: string, p: Period) =>
  queryRows<TallyRow>(
    db,
    sql`select decision_step as step, function, ${tallyColumns}
      from touchpoints where ${inPeriod(workspaceId, p)}
      group by decision_step, function`,
  );

/** Touchpoints of the period tallied per business-development step. */
export const tallyByDevelopmentStep = (db: Db, workspaceId: string, p: Period) =>
  queryRows<Tally & { step: string | null }>(
    db,
    sql`select development_step as step, ${tallyColumns}
      from touchpoints where ${inPeriod(workspaceId, p)}
      group by development_step`,
  );

export type EmployeeTallyRow = {
  employeeId: string;
  name: string;
  function: string | null;
  touchpoints: number;
  reviewedSum: number;
  reviewed: number;
  selfSum: number;
  selfAssessed: number;
  experienceSum: number;
  experienceRated: number;
};

/** Per employee of the period: touchpoints, reviewed and self-assessed quality apart, experience. */
export const tallyByEmployee = (db: Db, workspaceId: string, p: Period, onlyUserId: string | null) =>
  queryRows<EmployeeTallyRow>(
    db,
    sql`select t.employee_id as "employeeId", u.name, m.function,
        count(*)::int as touchpoints,
        coalesce(sum(t.quality_rating) filter (where not t.quality_self_assessed), 0)::int as "reviewedSum",
        count(t.quality_rating) filter (where not t.quality_self_assessed)::int as reviewed,
        coalesce(sum(t.quality_rating) filter (where t.quality_self_assessed), 0)::int as "selfSum",
        count(t.quality_rating) filter (where t.quality_self_assessed)::int as "selfAssessed",
        coalesce(sum(t.experience_rating), 0)::int as "experienceSum",
        count(t.experience_rating)::int as "experienceRated"
      from touchpoints t
      join users u on u.id = t.employee_id
      left join memberships m on m.workspace_id = t.workspace_id and m.user_id = t.employee_id
      where t.workspace_id = ${workspaceId}
        and ${periodBounds(sql`t.occurred_at`, p)}
        ${onlyUserId ? sql`and t.employee_id = ${onlyUserId}` : sql``}
      group by t.employee_id, u.name, m.function
      order by lower(u.name), t.employee_id`,
  );
