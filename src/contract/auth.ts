import { z } from "zod";
import { ZFunction, ZId, ZIdParams, ZOk, ZRole, ZTimestamp } from "./common.ts";
import { defineRoute } from "./route.ts";

export const ZSessionInfo = z.object({
  user: z.object({ id: ZId, email: z.string(), name: z.string() }),
  workspace: z.object({ id: ZId, slug: z.string(), name: z.string() }),
  role: ZRole,
  function: ZFunction,
  /** Send back as `X-CSRF-Token` on every write made with the session cookie. */
  csrfToken: z.string(),
  /** Signed in with a temporary password set by an admin: change it before anything else. */
  mustChangePassword: z.boolean(),
  workspaces: z.array(z.object({ slug: z.string(), name: z.string(), role: ZRole })),
});
export type SessionInfo = z.infer<typeof ZSessionInfo>;

export const ZLogin = z.strictObject({
  email: z.string().trim().min(1, "is required").max(320),
  password: z.string().min(1, "is required").max(1024),
  /** Slug of the workspace to enter; the first one the user belongs to when omitted. */
  workspace: z.string().max(100).optional(),
});

/** The bounds every password Steward sets is checked against (strength is judged by the server). */
export const ZNewPassword = z
  .string()
  .min(12, "must be at least 12 characters")
  .max(1024, "must be at most 1024 characters");

export const ZPasswordChange = z.strictObject({
  currentPassword: z.string().min(1, "is required").max(1024),
  newPassword: ZNewPassword,
});

/** An invitation as the invited person sees it, after signing in. */
export const ZMyInvitation = z.object({
  id: ZId,
  workspace: z.object({ slug: z.string(), name: z.string() }),
  role: ZRole,
  function: ZFunction,
  title: z.string().nullable(),
  createdAt: ZTimestamp,
});
export type MyInvitation = z.infer<typeof ZMyInvitation>;

export const authRoutes = {
  login: defineRoute({
    method: "POST",
    path: "/api/v1/auth/login",
    access: "public",
    tag: "auth",
    summary: "Sign in with email and password; sets the session cookie",
    body: ZLogin,
    response: ZSessionInfo,
  }),
  logout: defineRoute({
    method: "POST",
    path: "/api/v1/auth/logout",
    access: "session",
    tag: "auth",
    summary: "Sign out and end the session",
    response: ZOk,
    beforePasswordChange: true,
  }),
  switchWorkspace: defineRoute({
    method: "POST",
    path: "/api/v1/auth/switch-workspace",
    access: "session",
    tag: "auth",
    summary: "Move to another of your workspaces (a new session; the CSRF token changes)",
    body: z.strictObject({ workspace: z.string().min(1).max(100) }),
    response: ZSessionInfo,
  }),
  myInvitations: defineRoute({
    method: "GET",
    path: "/api/v1/auth/invitations",
    access: "session",
    tag: "auth",
    summary: "Invitations to other workspaces waiting for you to accept or decline",
    response: z.object({ data: z.array(ZMyInvitation) }),
  }),
  acceptInvitation: defineRoute({
    method: "POST",
    path: "/api/v1/auth/invitations/:id/accept",
    access: "session",
    tag: "auth",
    summary: "Accept an invitation: you become a member of that workspace (answers your updated session)",
    params: ZIdParams,
    response: ZSessionInfo,
  }),
  declineInvitation: defineRoute({
    method: "POST",
    path: "/api/v1/auth/invitations/:id/decline",
    access: "session",
    tag: "auth",
    summary: "Decline an invitation",
    params: ZIdParams,
    response: ZOk,
  }),
  getSession: defineRoute({
    method: "GET",
    path: "/api/v1/auth/session",
    access: "session",
    tag: "auth",
    summary: "Who is signed in, where, and the CSRF token",
    response: ZSessionInfo,
    beforePasswordChange: true,
  }),
  changePassword: defineRoute({
    method: "POST",
    path: "/api/v1/auth/password",
    access: "session",
    tag: "auth",
    summary:
      "Change your own password (the current one is required); your other sessions end and this one is renewed (the CSRF token changes)",
    body: ZPasswordChange,
    response: ZSessionInfo,
    beforePasswordChange: true,
  }),
} as const;
