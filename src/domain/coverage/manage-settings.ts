import { AppError } from "../../common/errors.ts";
import {
  type Capacity,
  type CoverageSettings,
  type CoverageSettingsUpdate,
  DEFAULT_CAPACITY,
  type TieringRule,
} from "../../contract/coverage.ts";
import type { Ctx } from "../context.ts";
import { actorPerson } from "../context.ts";
import { checkFilter, listSegmentFields } from "../segments/index.ts";
import { findSettings, saveSettings } from "./coverage.queries.ts";

/** The workspace's coverage settings; a workspace that never saved any has the defaults and no tiering. */
export async function getCoverageSettings(ctx: Ctx): Promise<CoverageSettings> {
  const row = await findSettings(ctx.db, ctx.workspaceId);
  if (!row) {
    return {
      capacity: DEFAULT_CAPACITY,
      tiering: { enabled: false, rules: [] },
      updatedAt: null,
      updatedBy: null,
    };
  }
  return {
    capacity: row.capacity as Capacity,
    tiering: { enabled: row.tieringEnabled, rules: row.tiering as TieringRule[] },
    updatedAt: new Date(row.updatedAt).toISOString(),
    updatedBy:
      row.updatedBy && row.updatedByName !== null ? { userId: row.updatedBy, name: row.updatedByName } : null,
  };
}

/** Each tiering rule's filter must fit the account fields, every problem at its path (`at` names the list). */
export async function tieringIssues(ctx: Ctx, rules: TieringRule[], at = "tiering.rules") {
  const fields = await listSegmentFields(ctx, "account");
  return rules.flatMap((r, i) => checkFilter(r.filter, fields, `${at}.${i}.filter`));
}

export async function updateCoverageSettings(
  ctx: Ctx,
  patch: CoverageSettingsUpdate,
): Promise<CoverageSettings> {
  const current = await getCoverageSettings(ctx);
  const tiering = patch.tiering ?? current.tiering;
  const issues = await tieringIssues(ctx, tiering.rules);
  if (tiering.enabled && tiering.rules.length === 0) {
    issues.push({ path: "tiering.rules", message: "needs at least one rule to run every night" });
  }
  if (issues.length > 0) {
    throw new AppError("VALIDATION_FAILED", issues.map((i) => `${i.path} ${i.message}`).join("; "), {
      issues,
    });
  }
  await saveSettings(ctx.db, {
    workspaceId: ctx.workspaceId,
    capacity: patch.capacity ?? current.capacity,
    tiering: tiering.rules,
    tieringEnabled: tiering.enabled,
    updatedBy: actorPerson(ctx.actor),
  });
  return getCoverageSettings(ctx);
}
