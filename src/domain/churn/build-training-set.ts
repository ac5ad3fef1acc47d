import { AppError } from "../../common/errors.ts";
import type { ChurnKind } from "../../contract/churn.ts";
import type { Db } from "../../db/index.ts";
import { selectCustomFieldDefs } from "../custom-fields/index.ts";
import {
  selectAccountFacts,
  selectUsageFacts,
  workspaceHasExperience,
  workspaceHasUsage,
} from "./training-set.queries.ts";
import {
  type AccountFacts,
  assembleTrainingSet,
  type TrainingSet,
  type UsageFacts,
} from "./training-set.rules.ts";

export type BuildTrainingSetOptions = {
  /**
   * The day the set is taken (YYYY-MM-DD, default today in UTC): subscriptions starting later are
   * ignored, those ending later are still live, and an account still a customer is described as
   * of this day.
   */
  asOf?: string;
  /** What the label says: the account churned (default), or its MRR grew. */
  kind?: ChurnKind;
  /** Column keys to leave out (e.g. a custom field known to be filled in after the fact). */
  exclude?: string[];
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const dayOf = (asOf: string | undefined): string => {
  const day = asOf ?? new Date().toISOString().slice(0, 10);
  if (!ISO_DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
    throw new AppError("VALIDATION_FAILED", `asOf must be a date as YYYY-MM-DD, not "${day}"`);
  return day;
};

async function readFacts(db: Db, workspaceId: string, asOf: string, kind: ChurnKind) {
  const facts = await selectAccountFacts(db, workspaceId, asOf, kind);
  const defs = await selectCustomFieldDefs(db, workspaceId);
  const hasUsage = await workspaceHasUsage(db, workspaceId);
  const hasExperience = await workspaceHasExperience(db, workspaceId);
  const usage = new Map<string, UsageFacts>();
  if (hasUsage || hasExperience)
    for (const u of await selectUsageFacts(db, workspaceId, asOf, kind)) usage.set(u.accountId, u);
  return { facts, defs, hasUsage, hasExperience, usage };
}

/**
 * One row per account of the workspace that has had a subscription (for expansion, a paid one),
 * labelled by the kind, with its features read generically from what the workspace has: account
 * attributes and custom fields, subscription facts, and usage when there is any, each as of the
 * account's reference day (see training-set.rules.ts for what is left out and why). Every query is
 * scoped to the workspace.
 */
export async function buildTrainingSet(
  db: Db,
  workspaceId: string,
  options: BuildTrainingSetOptions = {},
): Promise<TrainingSet> {
  const asOf = dayOf(options.asOf);
  const kind = options.kind ?? "churn";
  const { facts, defs, hasUsage, hasExperience, usage } = await readFacts(db, workspaceId, asOf, kind);
  return assembleTrainingSet(workspaceId, facts, defs, usage, {
    asOf,
    kind,
    exclude: options.exclude,
    hasUsage,
    hasExperience,
  });
}

/**
 * Accounts still customers on the set's day (not churned), described as of that day; for
 * expansion only paying ones, as the model learned from accounts with a paid subscription.
 */
const currentCustomers = (facts: AccountFacts[], kind: ChurnKind) =>
  facts.filter((a) => a.churned === false && (kind === "churn" || (a.mrr ?? 0) > 0));

/**
 * The workspace's current customers (a subscription live on `asOf`), each described as of
 * `asOf`, to be scored by a stored model of the kind (a model reads its columns by key). A churn
 * set's retained rows are exactly these; an expansion set describes its accounts before they grew,
 * so it cannot be scored as is. Labels are not known here: every row is negative.
 */
export async function buildScoringSet(
  db: Db,
  workspaceId: string,
  options: Pick<BuildTrainingSetOptions, "asOf" | "kind"> = {},
): Promise<TrainingSet> {
  const asOf = dayOf(options.asOf);
  const kind = options.kind ?? "churn";
  const { facts, defs, hasUsage, hasExperience, usage } = await readFacts(db, workspaceId, asOf, "churn");
  return assembleTrainingSet(workspaceId, currentCustomers(facts, kind), defs, usage, {
    asOf,
    kind,
    hasUsage,
    hasExperience,
  });
}
