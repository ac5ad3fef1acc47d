export { changePassword, type PasswordChange } from "./change-password.ts";
export { type LoginInput, type LoginResult, login } from "./login.ts";
export {
  assertStrongPassword,
  hashPassword,
  judgePassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  verifyPassword,
} from "./password.ts";
export { describeSession, logout, type ResolvedSession, resolveSession } from "./resolve-session.ts";
export { DEFAULT_SESSION_POLICY, newToken, type SessionPolicy, safeEqual, sha256 } from "./session.rules.ts";
export { setTemporaryPassword } from "./set-temporary-password.ts";
export { switchWorkspace } from "./switch-workspace.ts";
