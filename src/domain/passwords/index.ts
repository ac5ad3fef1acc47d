export { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "./password.ts";
