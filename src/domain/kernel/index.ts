/** The kernel's surface for transports: what the server needs without reaching into a module. */
export { safeEqual } from "./crypto.ts";
export {
  isDatabaseDown,
  isDateOutOfRange,
  isUniqueViolation,
  isUnstorableText,
  sqlState,
} from "./db-errors.ts";
