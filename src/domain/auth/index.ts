export { type LoginInput, type LoginResult, login } from "./login.ts";
export { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "./password.ts";
export { describeSession, logout, type ResolvedSession, resolveSession } from "./resolve-session.ts";
export { DEFAULT_SESSION_POLICY, type SessionPolicy } from "./session.rules.ts";
export { switchWorkspace } from "./switch-workspace.ts";
