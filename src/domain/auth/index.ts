export { changePassword, type PasswordChange } from "./change-password.ts";
export { type LoginInput, type LoginResult, login } from "./login.ts";
export { describeSession, logout, type ResolvedSession, resolveSession } from "./resolve-session.ts";
export { DEFAULT_SESSION_POLICY, type SessionPolicy } from "./session.rules.ts";
export { setTemporaryPassword } from "./set-temporary-password.ts";
export { switchWorkspace } from "./switch-workspace.ts";
