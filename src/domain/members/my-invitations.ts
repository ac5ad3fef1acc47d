import type { MyInvitation } from "../../contract/index.ts";
import type { Db } from "../../db/index.ts";
import { invitationsForEmail } from "./invitation.queries.ts";
import { toMyInvitation } from "./invitation.rules.ts";

/** The invitations waiting for a signed-in person (matched by their login's email). */
export async function myInvitations(db: Db, user: { email: string }): Promise<MyInvitation[]> {
  return (await invitationsForEmail(db, user.email)).map(toMyInvitation);
}
