import { AppError } from "../../common/errors.ts";
import { roleAtLeast } from "../../common/roles.ts";
import type { Actor } from "../context.ts";

/**
 * Who may edit or delete a note: its author, managers and above, and Steward itself. A key that
 * may write acts for its person, so it may only when they may, by their current role.
 * Other writers may add notes but not change someone else's.
 */
export function mayChangeNote(actor: Actor, authorId: string | null): boolean {
  switch (actor.kind) {
    case "system":
      return true;
    case "apiKey":
      if (!actor.scopes.includes("write")) return false;
      return (authorId !== null && authorId === actor.userId) || roleAtLeast(actor.role, "manager");
    case "user":
      return (authorId !== null && authorId === actor.userId) || roleAtLeast(actor.role, "manager");
  }
}

export function assertMayChangeNote(actor: Actor, authorId: string | null): void {
  if (!mayChangeNote(actor, authorId)) {
    throw new AppError("FORBIDDEN", "Only the note's author or a manager can change it");
  }
}
