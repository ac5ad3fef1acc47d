import type { Ctx } from "../context.ts";
import { type MemberPageQuery, pageMembers } from "./member.queries.ts";
import { toMember } from "./member.rules.ts";

export async function listMembers(ctx: Ctx, query: MemberPageQuery) {
  const page = await pageMembers(ctx.db, ctx.workspaceId, query);
  return { data: page.data.map(({ id: _id, ...m }) => toMember(m)), nextCursor: page.nextCursor };
}
