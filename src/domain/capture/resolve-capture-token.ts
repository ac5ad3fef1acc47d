import type { Db } from "../../db/transaction.ts";
import { addressByToken } from "./capture.queries.ts";

/**
 * Which workspace a capture token belongs to, whichever it is (`db` is the system path): the
 * listener asks at RCPT TO. A replaced token answers `revoked`.
 */
export async function resolveCaptureToken(
  db: Db,
  token: string,
): Promise<{ workspaceId: string } | "revoked" | null> {
  const row = await addressByToken(db, token);
  if (!row) return null;
  return row.revokedAt ? "revoked" : { workspaceId: row.workspaceId };
}
