import { notFound } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { SurveyResponse, SurveyResponseInput } from "../../contract/experience.ts";
import { withTx } from "../../db/transaction.ts";
import { contactName } from "../contacts/index.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import {
  deleteResponseRow,
  findResponse,
  type PeriodQuery,
  pageResponses,
  type ResponseRow,
} from "./experience.queries.ts";
import { recordSurveyResponses } from "./record-survey-responses.ts";

export const toSurveyResponse = (r: ResponseRow): SurveyResponse => ({
  id: r.id,
  accountId: r.accountId,
  contactId: r.contactId,
  contactName: contactName({
    firstName: r.contactFirstName,
    lastName: r.contactLastName,
    email: r.contactEmail,
  }),
  accountName: r.accountName,
  kind: r.kind as SurveyResponse["kind"],
  dimension: r.dimension,
  score: r.score,
  scale: r.scale,
  comment: r.comment,
  answeredAt: r.answeredAt.toISOString(),
  source: r.source as SurveyResponse["source"],
  touchpointId: r.touchpointId,
  createdAt: r.createdAt.toISOString(),
});

export async function findSurveyResponses(
  ctx: Ctx,
  query: PeriodQuery & { contactId?: string; kind?: string[] },
) {
  const page = await pageResponses(ctx.db, ctx.workspaceId, query);
  return { data: page.data.map(toSurveyResponse), nextCursor: page.nextCursor };
}

/** Records one answer collected elsewhere (the same key player's answer of a kind at the same time is updated). */
export async function recordSurveyResponse(ctx: Ctx, input: SurveyResponseInput): Promise<SurveyResponse> {
  const [done] = await recordSurveyResponses(ctx, [{ id: newId(), input, source: "import" }]);
  const row = await findResponse(ctx.db, ctx.workspaceId, (done as { id: string }).id);
  if (!row) throw notFound("Survey response");
  return toSurveyResponse(row);
}

export async function deleteSurveyResponse(ctx: Ctx, id: string): Promise<void> {
  await withTx(ctx.db, async (db) => {
    const row = await findResponse(db, ctx.workspaceId, id);
    if (!row) throw notFound("Survey response");
    await deleteResponseRow(db, ctx.workspaceId, id);
    await recordEvents({ ...ctx, db }, [
      {
        type: "survey.response_deleted",
        data: { accountId: row.accountId, contactId: row.contactId, responseId: id },
      },
    ]);
  });
}
