import { notFound } from "../../common/errors.ts";
import type { Role } from "../../common/roles.ts";
import type { Db } from "../../db/index.ts";
import { withTx } from "../../db/transaction.ts";
import { recordAudit } from "../audit/index.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { deleteInvitation, invitationsForEmail } from "./invitation.queries.ts";
import { findMember, insertMembership } from "./member.queries.ts";

export type Invitee = { id: string; email: string; ip?: string | null };

type Pending = Awaited<ReturnType<typeof invitationsForEmail>>[number];

/** The invitee acting in the inviting workspace, for its audit log. */
const inviteeCtx = (db: Db, inv: Pending, who: Invitee): Ctx => ({
  db,
  workspaceId: inv.workspaceId,
  actor: { kind: "user", userId: who.id, role: inv.role as Role },
  ip: who.ip ?? null,
});

async function accept(db: Db, inv: Pending, who: Invitee): Promise<void> {
  await deleteInvitation(db, inv.workspaceId, inv.id);
  // Already a member (added by Steward itself meanwhile): the invitation is simply used up.
  if (await findMember(db, inv.workspaceId, who.id)) return;
  await insertMembership(db, {
    workspaceId: inv.workspaceId,
    userId: who.id,
    role: inv.role,
    function: inv.function,
    title: inv.title,
  });
  await recordAudit(inviteeCtx(db, inv, who), {
    action: "member.add",
    targetType: "user",
    targetId: who.id,
    details: { role: inv.role, invitation: inv.id, invitedBy: inv.invitedBy },
  });
  await recordEvents(inviteeCtx(db, inv, who), [{ type: "member.added", data: { userId: who.id } }]);
}

const pendingFor = async (db: Db, who: Invitee, id: string): Promise<Pending> => {
  const inv = (await invitationsForEmail(db, who.email)).find((i) => i.id === id);
  // Someone else's invitation is as unknown as a made-up id.
  if (!inv) throw notFound("Invitation");
  return inv;
};

/** The invited person accepts: they become a member with the role the invitation offered. */
export async function acceptInvitation(db: Db, who: Invitee, id: string): Promise<void> {
  await withTx(db, async (tx) => accept(tx, await pendingFor(tx, who, id), who));
}

/** The invited person declines: the invitation is gone, and the inviting workspace's log says so. */
export async function declineInvitation(db: Db, who: Invitee, id: string): Promise<void> {
  await withTx(db, async (tx) => {
    const inv = await pendingFor(tx, who, id);
    await deleteInvitation(tx, inv.workspaceId, inv.id);
    await recordAudit(inviteeCtx(tx, inv, who), {
      action: "member.invite_decline",
      targetType: "invitation",
      targetId: inv.id,
      details: { email: who.email, role: inv.role },
    });
  });
}

/**
 * At sign-in: accepts the invitations whose login was created for them, signing in with the
 * password the inviter set being that person's acceptance.
 */
export async function acceptInvitationsOnSignIn(db: Db, who: Invitee): Promise<void> {
  const own = (await invitationsForEmail(db, who.email)).filter((i) => i.acceptOnSignIn);
  if (own.length === 0) return;
  await withTx(db, async (tx) => {
    for (const inv of own) await accept(tx, inv, who);
  });
}
