import { AppError, notFound } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import { formatMoney } from "../../common/money.ts";
import type { Renewal, RenewalOutcome, RenewalUpdate } from "../../contract/renewals.ts";
import { ZRenewalUpdate } from "../../contract/renewals.ts";
import { withTx } from "../../db/transaction.ts";
import { actorPerson, type Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { recordTimeline } from "../timeline/index.ts";
import { pipelineOf } from "./find-renewals.ts";
import { outcomeIssues } from "./outcome-import.rules.ts";
import {
  findRenewalRecord,
  findSubscriptionForRenewal,
  type RenewalRecord,
  saveRenewalRecord,
} from "./renewal.queries.ts";
import { decisionTitle } from "./renewal.rules.ts";

const invalid = (path: string, message: string) =>
  new AppError("VALIDATION_FAILED", `${path} ${message}`, { issues: [{ path, message }] });

const FIELDS = ["stage", "csmCall", "noticeDate", "outcome", "reasonCode", "arrAfterMinor", "note"] as const;

/** What a renewal's record may hold together; each problem at the field to change. */
function checkRecord(next: RenewalRecord, arrMinor: number): void {
  if (next.outcome && next.stage !== "closed")
    throw invalid("stage", "must be closed once the renewal has an outcome");
  if (!next.outcome && next.stage === "closed")
    throw invalid("outcome", "is required to close a renewal: renewed, expanded, downgraded or churned");
  if (next.arrAfterMinor !== null && !next.outcome)
    throw invalid("arrAfterMinor", "is the ARR a decided renewal renewed at: record the outcome too");
  // The same rules as an import of outcomes, in the same words.
  const [issue] = outcomeIssues(
    {
      outcome: next.outcome as RenewalOutcome | null,
      reasonCode: next.reasonCode,
      arrAfterMinor: next.arrAfterMinor,
    },
    arrMinor,
  );
  if (issue) throw invalid(issue.path, issue.message);
  if (next.noticeDate && next.noticeDate > next.dueDate)
    throw invalid("noticeDate", "must not be after the renewal date");
}

/**
 * Records the conversation about one renewal of a subscription — its current renewal by default,
 * or the one of `dueDate` — or its outcome. Fields left out keep their value; nothing is changed
 * that the body does not name. An outcome closes the renewal and needs a reason when the
 * customer churned or downgraded. Recording one does not end the subscription: the billing
 * system's change does that, and the revenue follows it.
 */
export async function updateRenewal(
  ctx: Ctx,
  subscriptionId: string,
  patch: RenewalUpdate,
): Promise<Renewal> {
  const body = ZRenewalUpdate.parse(patch);
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const sub = await findSubscriptionForRenewal(db, ctx.workspaceId, subscriptionId);
    if (!sub) throw notFound("Subscription");
    if (sub.status === "trial" || sub.mrrMinor === 0)
      throw new AppError("CONFLICT", "A trial or free subscription has no renewal to forecast", {
        subscriptionId,
      });
    const dueDate = body.dueDate ?? sub.renewalDate;
    if (!dueDate) throw invalid("dueDate", "is required: this subscription has no renewal date");
    if (dueDate <= sub.startDate) throw invalid("dueDate", "must be after the subscription starts");
    const before = await findRenewalRecord(db, ctx.workspaceId, subscriptionId, dueDate);
    const current: RenewalRecord = before ?? {
      id: newId(),
      accountId: sub.accountId,
      subscriptionId,
      dueDate,
      stage: "not_started",
      csmCall: null,
      noticeDate: null,
      outcome: null,
      reasonCode: null,
      arrAfterMinor: null,
      note: null,
    };
    const given = Object.fromEntries(FIELDS.filter((f) => body[f] !== undefined).map((f) => [f, body[f]]));
    const next: RenewalRecord = { ...current, ...given };
    if (next.note === "") next.note = null;
    checkRecord(next, sub.mrrMinor * 12);
    const fields = FIELDS.filter((f) => next[f] !== current[f]);
    if (fields.length > 0) {
      // A reason noted while the renewal is still open is no decision (nor a withdrawn one).
      const decided = fields.includes("outcome") || (fields.includes("reasonCode") && next.outcome !== null);
      await saveRenewalRecord(db, ctx.workspaceId, {
        ...next,
        // Decided now when the outcome or its reason changes; a later edit of the note keeps the day.
        decidedAt: !next.outcome ? null : decided ? new Date() : "kept",
        updatedBy: actorPerson(ctx.actor),
      });
      const about = { accountId: sub.accountId, subscriptionId, dueDate };
      await recordEvents(tx, [
        { type: "renewal.changed", data: { ...about, fields } },
        ...(decided
          ? [
              {
                type: "renewal.decided" as const,
                data: { ...about, outcome: next.outcome as Renewal["outcome"], reasonCode: next.reasonCode },
              },
            ]
          : []),
      ]);
      if (decided) await recordTimeline(tx, [timelineOf(next, sub.mrrMinor * 12, sub.currency)]);
    }
    const { renewals } = await pipelineOf(tx, {
      from: dueDate,
      to: dueDate,
      one: { subscriptionId, dueDate },
    });
    return renewals[0] as Renewal;
  });
}

function timelineOf(r: RenewalRecord, arrMinor: number, currency: string) {
  const title = decisionTitle(r.dueDate, r.outcome as RenewalOutcome | null, r.reasonCode);
  const after =
    r.arrAfterMinor !== null && r.outcome !== "churned"
      ? `ARR ${formatMoney(arrMinor, currency)} → ${formatMoney(r.arrAfterMinor, currency)}`
      : null;
  return {
    accountId: r.accountId,
    kind: "renewal" as const,
    title,
    body: [after, r.note].filter(Boolean).join("\n") || null,
  };
}
