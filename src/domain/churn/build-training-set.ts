import { AppError } from "../../common/errors.ts";
import type { Db } from "../../db/index.ts";
import { selectCustomFieldDefs } from "../custom-fields/index.ts";
import { selectAccountFacts, selectUsageFacts, workspaceHasUsage } from "./training-set.queries.ts";
import { assembleTrainingSet, type TrainingSet, type UsageFacts } from "./training-set.rules.ts";

export type BuildTrainingSetOptions = {
  /**
   * The day the set is taken (YYYY-MM-DD, default today in UTC): subscriptions starting later are
   * ignored, those ending later are still live, and an account still a customer is described as
   * of this day.
   */
  asOf?: string;
  /** Column keys to leave out (e.g. a custom field known to be filled in after the fact). */
  exclude?: string[];
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * One row per account of the workspace that has had a subscription, labelled churned or not, with
 * its features read generically from what the workspace has: account attributes and custom fields,
 * subscription facts, and usage when there is any (see training-set.rules.ts for what is left out
 * and why). Every query is scoped to the workspace.
 */
export async function buildTrainingSet(
  db: Db,
  workspaceId: string,
  options: BuildTrainingSetOptions = {},
): Promise<TrainingSet> {
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  if (!ISO_DAY.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`)))
    throw new AppError("VALIDATION_FAILED", `asOf must be a date as YYYY-MM-DD, not "${asOf}"`);
  const [facts, defs, hasUsage] = await Promise.all([
    selectAccountFacts(db, workspaceId, asOf),
    selectCustomFieldDefs(db, workspaceId),
    workspaceHasUsage(db, workspaceId),
  ]);
  const usage = new Map<string, UsageFacts>();
  if (hasUsage) for (const u of await selectUsageFacts(db, workspaceId, asOf)) usage.set(u.accountId, u);
  return assembleTrainingSet(workspaceId, facts, defs, usage, { asOf, exclude: options.exclude, hasUsage });
}
