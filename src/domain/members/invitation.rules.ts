import type { Invitation, MyInvitation } from "../../contract/index.ts";
import type { InvitationRow, invitationsForEmail } from "./invitation.queries.ts";

export const toInvitation = (r: InvitationRow): Invitation => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role as Invitation["role"],
  function: r.function as Invitation["function"],
  title: r.title,
  createdAt: r.createdAt.toISOString(),
});

type ForEmail = Awaited<ReturnType<typeof invitationsForEmail>>[number];

export const toMyInvitation = (r: ForEmail): MyInvitation => ({
  id: r.id,
  workspace: { slug: r.slug, name: r.workspaceName },
  role: r.role as MyInvitation["role"],
  function: r.function as MyInvitation["function"],
  title: r.title,
  createdAt: r.createdAt.toISOString(),
});
