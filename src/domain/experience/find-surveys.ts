import { notFound } from "../../common/errors.ts";
import { SURVEY_SCALES, type SurveyKind } from "../../contract/experience.ts";
import type { Survey, SurveyDetail } from "../../contract/surveys.ts";
import type { Ctx } from "../context.ts";
import { pageResponses } from "./experience.queries.ts";
import { cesOf, csatOf, npsOf } from "./experience.rules.ts";
import { toSurveyResponse } from "./manage-survey-responses.ts";
import {
  findSurvey,
  pageSurveys,
  type SurveyRow,
  type SurveyStats,
  surveyDimensions,
  surveyDistribution,
  surveyStats,
} from "./survey.queries.ts";

/** A survey's own score: NPS points, CSAT share, or the mean for CES and dimensions. */
function scoreOf(kind: SurveyKind, s: SurveyStats): number | null {
  if (kind === "nps") return npsOf(s);
  if (kind === "csat") return csatOf(s);
  return cesOf(s);
}

const toSurvey = (r: SurveyRow, s: SurveyStats | undefined): Survey => ({
  id: r.id,
  kind: r.kind as SurveyKind,
  name: r.name,
  question: r.question,
  recontactDays: r.recontactDays,
  createdAt: r.createdAt.toISOString(),
  createdBy: r.createdBy,
  recipients: s?.recipients ?? 0,
  answered: s?.answered ?? 0,
  responseRate: s && s.recipients > 0 ? Math.round((s.answered / s.recipients) * 10_000) / 10_000 : null,
  score: s ? scoreOf(r.kind as SurveyKind, s) : null,
  delivery: { queued: s?.queued ?? 0, held: s?.held ?? 0, sent: s?.sent ?? 0, failed: s?.failed ?? 0 },
});

export async function listSurveys(ctx: Ctx, query: { limit: number; cursor?: string }) {
  const page = await pageSurveys(ctx.db, ctx.workspaceId, query);
  const stats = await surveyStats(
    ctx.db,
    ctx.workspaceId,
    page.data.map((s) => s.id),
  );
  return { data: page.data.map((s) => toSurvey(s, stats.get(s.id))), nextCursor: page.nextCursor };
}

export async function readSurvey(ctx: Ctx, id: string): Promise<Survey> {
  const row = await findSurvey(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound("Survey");
  return toSurvey(row, (await surveyStats(ctx.db, ctx.workspaceId, [id])).get(id));
}

/**
 * A survey's results: its figures, every score of its scale with its answers, an experience
 * survey's mean per dimension, and the latest 200 answers.
 */
export async function getSurvey(ctx: Ctx, id: string): Promise<SurveyDetail> {
  const survey = await readSurvey(ctx, id);
  const counts = new Map(
    (await surveyDistribution(ctx.db, ctx.workspaceId, id)).map((d) => [d.score, d.answers]),
  );
  const { min, max } = SURVEY_SCALES[survey.kind];
  const answers = await pageResponses(ctx.db, ctx.workspaceId, { limit: 200, surveyId: id });
  return {
    ...survey,
    distribution: Array.from({ length: max - min + 1 }, (_, i) => ({
      score: min + i,
      answers: counts.get(min + i) ?? 0,
    })),
    dimensions: survey.kind === "dimension" ? await surveyDimensions(ctx.db, ctx.workspaceId, id) : [],
    answers: answers.data.map(toSurveyResponse),
  };
}
