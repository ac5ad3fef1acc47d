import { z } from "zod";
import { defineRoute } from "./route.ts";

/**
 * Where the demo workspace stands: `none` (not loaded, or demo data is off), `loading` with the step
 * in plain words and `done` of `total` units of work, `ready`, or `failed` with what to do.
 */
export const ZDemoStatus = z.discriminatedUnion("state", [
  z.object({ state: z.literal("none") }),
  z.object({
    state: z.literal("loading"),
    step: z.string(),
    done: z.number().int().min(0),
    total: z.number().int().min(1),
  }),
  z.object({ state: z.literal("ready") }),
  z.object({ state: z.literal("failed"), message: z.string() }),
]);
export type DemoStatus = z.infer<typeof ZDemoStatus>;

export const ZSetupStatus = z.object({ demo: ZDemoStatus });
export type SetupStatus = z.infer<typeof ZSetupStatus>;

export const setupRoutes = {
  setupStatus: defineRoute({
    method: "GET",
    path: "/api/v1/setup/status",
    access: "public",
    tag: "setup",
    summary: "How far the installation's setup is: whether the demo workspace is loading, ready or failed",
    response: ZSetupStatus,
  }),
};
