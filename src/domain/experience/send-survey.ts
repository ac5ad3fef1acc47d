import type { z } from "zod";
import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { MailConfig } from "../../common/mail-config.ts";
import type { SurveyPreview, SurveySend, ZSurveyPreviewInput } from "../../contract/surveys.ts";
import { withTx } from "../../db/transaction.ts";
import { accountListWhere, checkStageFilter } from "../accounts/index.ts";
import { contactName } from "../contacts/index.ts";
import { actorUserId, type Ctx } from "../context.ts";
import { newToken, sha256 } from "../kernel/crypto.ts";
import { queueMail } from "../mail/index.ts";
import { readSurvey } from "./find-surveys.ts";
import { insertRecipients, insertSurvey, selectCandidates } from "./survey.queries.ts";
import {
  applyGuard,
  type Candidate,
  DEFAULT_QUESTIONS,
  DEFAULT_RECONTACT_DAYS,
  defaultSurveyName,
  invitationEmail,
  LINK_DAYS,
} from "./survey.rules.ts";

type PreviewInput = z.infer<typeof ZSurveyPreviewInput>;

async function candidates(ctx: Ctx, audience: PreviewInput["audience"]): Promise<Candidate[]> {
  await checkStageFilter(
    ctx,
    audience.accountFilter?.lifecycleStage,
    "audience.accountFilter.lifecycleStage",
  );
  const rows = await selectCandidates(ctx.db, ctx.workspaceId, {
    ...(audience.contactIds ? { contactIds: audience.contactIds } : {}),
    ...(audience.accountIds ? { accountIds: audience.accountIds } : {}),
    ...(audience.accountFilter
      ? {
          accountWhere: accountListWhere(ctx.workspaceId, {
            sort: { field: "name", desc: false },
            ...audience.accountFilter,
          }),
        }
      : {}),
  });
  return rows.map((r) => ({ ...r, name: contactName(r) }));
}

/** Who a survey would reach, and who is left out and why (the recontact guard shown before sending). */
export async function previewSurvey(ctx: Ctx, input: PreviewInput): Promise<SurveyPreview> {
  const recontactDays = input.recontactDays ?? DEFAULT_RECONTACT_DAYS;
  return { recontactDays, ...applyGuard(await candidates(ctx, input.audience), recontactDays, new Date()) };
}

const DAY = 86_400_000;

/**
 * Sends a survey: one invitation per key player the guard lets through, each with its own link
 * (only the token's hash is stored), and one email each — queued for delivery after the commit, or
 * held in the outbox when no SMTP server is configured. Links come from STEWARD_PUBLIC_URL only.
 */
export async function sendSurvey(ctx: Ctx, input: SurveySend, mail: MailConfig) {
  const now = new Date();
  const recontactDays = input.recontactDays ?? DEFAULT_RECONTACT_DAYS;
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const list = await candidates(tx, input.audience);
    const { recipients, skipped } = applyGuard(list, recontactDays, now);
    if (recipients.length === 0) {
      throw new AppError(
        "VALIDATION_FAILED",
        skipped.length === 0
          ? "No one to ask: the audience has no key players here"
          : `No one to ask: all ${skipped.length} key players were left out (no email, left the company, or asked in the last ${recontactDays} days)`,
        { issues: [{ path: "audience", message: "has no one to ask" }] },
      );
    }
    const surveyId = newId();
    const question = input.question ?? DEFAULT_QUESTIONS[input.kind];
    await insertSurvey(db, {
      workspaceId: ctx.workspaceId,
      id: surveyId,
      kind: input.kind,
      name: input.name ?? defaultSurveyName(input.kind, now),
      question,
      recontactDays,
      createdBy: actorUserId(ctx.actor),
    });
    const firstNames = new Map(list.map((c) => [c.contactId, c.name.split(" ")[0] ?? null]));
    const invitations = recipients.map((r) => ({ ...r, id: newId(), token: newToken() }));
    await insertRecipients(
      db,
      invitations.map((r) => ({
        workspaceId: ctx.workspaceId,
        id: r.id,
        surveyId,
        contactId: r.contactId,
        accountId: r.accountId,
        email: r.email,
        tokenHash: sha256(r.token),
        sentAt: now,
        expiresAt: new Date(now.getTime() + LINK_DAYS * DAY),
      })),
    );
    const sender = mail.from.replace(/\s*<[^>]*>\s*$/, "") || "us";
    const delivery = await queueMail(
      tx,
      mail,
      invitations
        .map((r) => ({
          id: newId(),
          purpose: "survey",
          subjectId: surveyId,
          toAddress: r.email,
          toName: r.name,
          ...invitationEmail({
            firstName: firstNames.get(r.contactId) ?? null,
            question,
            link: `${mail.publicUrl}/s/${r.token}`,
            sender,
          }),
        }))
        .map(({ text, html, ...m }) => ({ ...m, textBody: text, htmlBody: html })),
    );
    return { survey: await readSurvey(tx, surveyId), skipped: skipped.length, delivery };
  });
}
