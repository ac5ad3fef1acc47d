import type { ApiScope, Role } from "../common/roles.ts";
import type { Db } from "../db/index.ts";

/**
 * Who is acting: a signed-in person, an API key, or Steward itself (CLI, demo loader, jobs). A key
 * acts for its person: it may do what both its scopes and the person's current `role` allow.
 */
export type Actor =
  | { kind: "user"; userId: string; role: Role }
  | { kind: "apiKey"; apiKeyId: string; userId: string; role: Role; scopes: ApiScope[] }
  /** Steward itself; `ruleId` when a rule's actions make the change (rules do not react to rules). */
  | { kind: "system"; label: string; ruleId?: string };

/** Passed to every domain function; `db` may be a transaction. */
export type Ctx = {
  db: Db;
  workspaceId: string;
  actor: Actor;
  /** Client address, for the audit log. */
  ip?: string | null;
  /**
   * Set by a transport that waits for the consumers of what it wrote (an API request, a CLI
   * command): `recordEvents` notes the furthest event written there.
   */
  outbox?: { last: { txid: number; position: number } | null };
  /**
   * Set by a transport that runs the whole unit of work in one transaction (an API request in its
   * workspace transaction): work that must follow the commit is queued here and run after it.
   */
  committed?: (() => void)[];
};

/**
 * Runs `work` once the change is committed: at once when the caller's own transaction has
 * returned, or after the transport's enclosing transaction commits. Forgetting a cached key
 * earlier would let a request in between read the row still live and cache it again.
 */
export const afterCommit = (ctx: Ctx, work: () => void): void => {
  if (ctx.committed) ctx.committed.push(work);
  else work();
};

export const actorUserId = (actor: Actor): string | null => (actor.kind === "user" ? actor.userId : null);
/** The person behind a change: the signed-in person, or an API key's person; null for Steward itself. */
export const actorPerson = (actor: Actor): string | null => (actor.kind === "system" ? null : actor.userId);
export const actorApiKeyId = (actor: Actor): string | null =>
  actor.kind === "apiKey" ? actor.apiKeyId : null;
