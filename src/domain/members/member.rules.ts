import { AppError } from "../../common/errors.ts";
import { type Role, roleAtLeast } from "../../common/roles.ts";
import type { Member, MemberUpdate } from "../../contract/workspace.ts";
import type { Actor } from "../context.ts";
import type { MemberRow } from "./member.queries.ts";

export const toMember = (m: MemberRow): Member => ({
  ...m,
  role: m.role as Member["role"],
  function: m.function as Member["function"],
  createdAt: m.createdAt.toISOString(),
});

/**
 * Only an owner may make or unmake owners; admins manage everyone below owner. A key never
 * touches the owner role and grants no role above its person's. System actors (CLI) may do anything.
 */
export function assertMayAssignRole(actor: Actor, from: Role | null, to: Role | null): void {
  if (actor.kind === "system") return;
  const actorIsOwner = actor.kind === "user" && actor.role === "owner";
  if ((from === "owner" || to === "owner") && !actorIsOwner) {
    throw new AppError("FORBIDDEN", "Only an owner can grant, change or remove the owner role");
  }
  if (to && !roleAtLeast(actor.role, to)) {
    throw new AppError("FORBIDDEN", `You cannot grant a role above your own (${actor.role})`);
  }
}

export function assertNotLastOwner(currentRole: Role, nextRole: Role | null, ownerCount: number): void {
  if (currentRole === "owner" && nextRole !== "owner" && ownerCount <= 1) {
    throw new AppError("CONFLICT", "A workspace needs at least one owner: make someone else owner first");
  }
}

/** The fields a patch actually sets: absent and undefined ones are left out. */
export function definedChanges(patch: MemberUpdate): MemberUpdate {
  const out: MemberUpdate = {};
  if (patch.role !== undefined) out.role = patch.role;
  if (patch.function !== undefined) out.function = patch.function;
  if (patch.title !== undefined) out.title = patch.title;
  if (patch.managerId !== undefined) out.managerId = patch.managerId;
  if (patch.team !== undefined) out.team = patch.team;
  return out;
}
