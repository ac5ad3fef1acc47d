/** The kernel's surface for transports: what the server needs without reaching into a module. */
export { safeEqual } from "./crypto.ts";
