/** Membership roles, from most to least powerful. */
export const ROLES = ["owner", "admin", "leader", "manager", "member", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const FUNCTIONS = [
  "customer_success",
  "sales",
  "marketing",
  "support",
  "services",
  "product",
  "finance",
  "executive",
] as const;
export type TeamFunction = (typeof FUNCTIONS)[number];

export const API_SCOPES = ["read", "write", "ingest", "admin"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/**
 * What a route needs. `read` = any member (viewer and up) or a key with `read`;
 * `write` = member and up or a key with `write`; `admin` = admin and up or a key with `admin`;
 * `session` = any signed-in user, never an API key; `public` = anyone.
 */
export type Access = "public" | "session" | "read" | "write" | "admin";

const rank: Record<Role, number> = { owner: 6, admin: 5, leader: 4, manager: 3, member: 2, viewer: 1 };

export const roleAtLeast = (role: Role, min: Role): boolean => rank[role] >= rank[min];

export const minRoleFor: Record<Exclude<Access, "public" | "session">, Role> = {
  read: "viewer",
  write: "member",
  admin: "admin",
};

export const scopeFor: Record<Exclude<Access, "public" | "session">, ApiScope> = {
  read: "read",
  write: "write",
  admin: "admin",
};
