export {
  assertStrongPassword,
  hashPassword,
  judgePassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  verifyPassword,
} from "./password.ts";
