import type { Db } from "../../db/index.ts";
import { assertStrongPassword, hashPassword } from "../passwords/index.ts";
import { deleteAllUserSessions, setUserPassword } from "./session.queries.ts";

/**
 * Gives a person a password someone else chose: it works for one sign-in, which can only change
 * it. Their sessions end; nothing else of theirs (memberships, API keys) is touched.
 * Returns how many sessions ended.
 */
export async function setTemporaryPassword(
  db: Db,
  user: { id: string; email: string; name: string },
  password: string,
): Promise<number> {
  await assertStrongPassword(password, { field: "password", email: user.email, name: user.name });
  await setUserPassword(db, user.id, await hashPassword(password), true);
  return deleteAllUserSessions(db, user.id);
}
