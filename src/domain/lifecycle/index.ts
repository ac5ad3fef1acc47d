export { getAccountLifecycle } from "./get-lifecycle.ts";
