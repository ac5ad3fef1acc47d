import type { Db } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { sha256 } from "../kernel/crypto.ts";
import { confirmOutcomeByCustomer } from "../outcomes/index.ts";
import { planOf } from "./find-plans.ts";
import { contactNames, findLinkByHash, findPlanRow } from "./plan.queries.ts";
import { linkState, type SharedPlanView, sharedView } from "./plan.rules.ts";

/** What a plan's share link opens. */
export type SharedPlanPage =
  | { state: "unknown" }
  /** Revoked or expired: the page says so and shows nothing of the plan. */
  | { state: "ended" }
  | {
      state: "open";
      workspaceName: string;
      accountName: string;
      title: string;
      summary: string | null;
      status: string;
      startDate: string | null;
      dueDate: string | null;
      owner: string | null;
      customerOwner: string | null;
      /** The key player the link was made for, who may confirm their own outcomes. */
      viewer: { contactId: string; name: string } | null;
      view: SharedPlanView;
    };

async function pageFor(db: Db, token: string, now: Date) {
  const link = await findLinkByHash(db, sha256(token));
  if (!link) return { page: { state: "unknown" } as const, link: null };
  if (linkState(link, now) !== "active") return { page: { state: "ended" } as const, link: null };
  const row = await findPlanRow(db, link.workspaceId, link.planId);
  if (!row) return { page: { state: "unknown" } as const, link: null };
  const plan = await planOf(db, link.workspaceId, row, now);
  const viewerName = link.contactId
    ? (await contactNames(db, link.workspaceId, [link.contactId])).get(link.contactId)
    : undefined;
  const page: SharedPlanPage = {
    state: "open",
    workspaceName: link.workspaceName,
    accountName: plan.accountName,
    title: plan.title,
    summary: plan.summary,
    status: plan.status,
    startDate: plan.startDate,
    dueDate: plan.dueDate,
    owner: plan.owner?.name ?? null,
    customerOwner: plan.customerOwner?.name ?? null,
    viewer: link.contactId && viewerName ? { contactId: link.contactId, name: viewerName } : null,
    view: sharedView(plan, link.contactId),
  };
  return { page, link };
}

/**
 * The shared page of a link. Reading never changes anything (mail scanners open links too).
 * `db` is the system path: the link names its workspace.
 */
export async function openSharedPlan(db: Db, token: string): Promise<SharedPlanPage> {
  return (await pageFor(db, token, new Date())).page;
}

export type ConfirmResult = { page: SharedPlanPage; saved: boolean; error: string | null };

/**
 * The page's form: the link's own key player says one of their outcomes on the shared plan is
 * achieved, or not yet, with an optional comment (the form's POST, never a GET).
 */
export async function confirmSharedOutcome(
  base: Pick<Ctx, "db" | "outbox">,
  token: string,
  form: Record<string, string | undefined>,
): Promise<ConfirmResult> {
  const now = new Date();
  const { page, link } = await pageFor(base.db, token, now);
  if (page.state !== "open" || !link) return { page, saved: false, error: null };
  if (!page.viewer) {
    return {
      page,
      saved: false,
      error: "This link is for viewing the plan; ask for your own link to confirm outcomes.",
    };
  }
  const outcome = page.view.objectives
    .flatMap((o) => [...o.outcomes, ...o.milestones.flatMap((m) => m.outcomes)])
    .find((o) => o.id === form.outcomeId && o.canConfirm);
  if (!outcome) return { page, saved: false, error: "Choose one of your outcomes on this plan." };
  const verdict = form.verdict === "achieved" || form.verdict === "not_yet" ? form.verdict : null;
  if (!verdict) return { page, saved: false, error: "Say whether the outcome is achieved or not yet." };
  const comment = form.comment?.trim() || null;
  if (comment && comment.length > 5000) {
    return { page, saved: false, error: "Keep the comment under 5,000 characters." };
  }
  if (verdict === "not_yet" && !comment) {
    return { page, saved: false, error: "Tell us what is still missing, so we can act on it." };
  }
  await confirmOutcomeByCustomer(
    { ...base, workspaceId: link.workspaceId, actor: { kind: "system", label: "success plan link" } },
    outcome.id,
    {
      contactId: page.viewer.contactId,
      contactName: page.viewer.name,
      verdict,
      comment,
      planId: link.planId,
    },
  );
  return { page: (await pageFor(base.db, token, new Date())).page, saved: true, error: null };
}
