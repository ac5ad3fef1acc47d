import { newId } from "../../common/ids.ts";
import { SURVEY_SCALES, type SurveyKind, ZSurveyAnswer } from "../../contract/experience.ts";
import { issueMessage } from "../../contract/issues.ts";
import { type Db, withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { sha256 } from "../kernel/crypto.ts";
import { activeDimensions } from "./experience.queries.ts";
import { recordSurveyResponses } from "./record-survey-responses.ts";
import { findInvitation, type InvitationRow, invitationAnswers, markAnswered } from "./survey.queries.ts";
import { invitationState } from "./survey.rules.ts";

/** What the public answer page shows for a link. */
export type InvitationPage =
  | { state: "unknown" }
  | {
      state: "open" | "answered_editable" | "closed";
      workspaceName: string;
      kind: SurveyKind;
      question: string;
      firstName: string | null;
      scale: { min: number; max: number };
      /** Experience surveys: each dimension asked. */
      dimensions: { key: string; label: string }[];
      /** The answers given so far (by dimension key, `""` for the one question) and the comment. */
      given: { scores: Record<string, number>; comment: string | null };
    };

async function pageOf(db: Db, inv: InvitationRow, now: Date): Promise<InvitationPage> {
  const kind = inv.kind as SurveyKind;
  const answers = await invitationAnswers(db, inv.workspaceId, inv.recipientId);
  return {
    state: invitationState(inv, now),
    workspaceName: inv.workspaceName,
    kind,
    question: inv.question,
    firstName: inv.firstName,
    scale: SURVEY_SCALES[kind],
    dimensions: kind === "dimension" ? await activeDimensions(db, inv.workspaceId) : [],
    given: {
      scores: Object.fromEntries(answers.map((a) => [a.dimension ?? "", a.score])),
      comment: answers.find((a) => a.comment)?.comment ?? null,
    },
  };
}

/**
 * What a personal link opens. Reading never changes anything: mail scanners open links too.
 * `db` is the system path: the link names its workspace.
 */
export async function openInvitation(db: Db, token: string): Promise<InvitationPage> {
  const inv = await findInvitation(db, sha256(token));
  return inv ? pageOf(db, inv, new Date()) : { state: "unknown" };
}

export type AnswerResult = { page: InvitationPage; saved: boolean; error: string | null };

/**
 * Records the form's answer for the link's key player (the form's POST, never a GET): one score
 * (and a comment) for NPS, CSAT and CES, a score per dimension for an experience survey. A second
 * answer within 7 days replaces the first; the answer counts from when it was first given.
 */
export async function answerInvitation(
  base: Pick<Ctx, "db" | "outbox">,
  token: string,
  form: Record<string, string | undefined>,
): Promise<AnswerResult> {
  const now = new Date();
  const inv = await findInvitation(base.db, sha256(token));
  if (!inv) return { page: { state: "unknown" }, saved: false, error: null };
  const page = await pageOf(base.db, inv, now);
  if (page.state === "unknown" || page.state === "closed") return { page, saved: false, error: null };
  const kind = page.kind;
  const answeredAt = (inv.answeredAt ?? now).toISOString();
  const comment = form.comment?.trim() ? form.comment.trim() : undefined;
  const asked = kind === "dimension" ? page.dimensions.map((d) => d.key) : [""];
  const inputs = asked.flatMap((key) => {
    const raw = form[key ? `score_${key}` : "score"]?.trim();
    if (!raw) return [];
    return [
      {
        kind,
        ...(key ? { dimension: key } : {}),
        score: Number(raw),
        answeredAt,
        ...(comment ? { comment } : {}),
      },
    ];
  });
  if (inputs.length === 0) return { page, saved: false, error: "Choose a score before sending your answer." };
  for (const input of inputs) {
    const check = ZSurveyAnswer.safeParse(input, { error: issueMessage });
    if (!check.success) {
      const { min, max } = page.scale;
      return {
        page,
        saved: false,
        error: `Choose a score from ${min} to ${max}${comment && comment.length > 5000 ? " and keep the comment under 5,000 characters" : ""}.`,
      };
    }
  }
  const ctx: Ctx = {
    ...base,
    workspaceId: inv.workspaceId,
    actor: { kind: "system", label: "survey link" },
  };
  await withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    await recordSurveyResponses(
      tx,
      inputs.map((input) => ({
        id: newId(),
        input: { ...input, contactId: inv.contactId },
        source: "survey" as const,
        recipientId: inv.recipientId,
      })),
    );
    if (!inv.answeredAt) await markAnswered(db, inv.workspaceId, inv.recipientId, now);
  });
  const after = await findInvitation(base.db, sha256(token));
  return { page: after ? await pageOf(base.db, after, now) : page, saved: true, error: null };
}
