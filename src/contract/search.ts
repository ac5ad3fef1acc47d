import { z } from "zod";
import { ZId } from "./common.ts";
import { defineRoute } from "./route.ts";

export const ZSearchResult = z.object({
  accounts: z.array(z.object({ id: ZId, name: z.string(), tier: z.string().nullable() })),
  contacts: z.array(
    z.object({
      id: ZId,
      name: z.string(),
      email: z.string().nullable(),
      accountId: ZId,
      accountName: z.string(),
    }),
  ),
});

export const searchRoutes = {
  search: defineRoute({
    method: "GET",
    path: "/api/v1/search",
    access: "read",
    tag: "search",
    summary: "Find accounts and contacts by name, email or external id",
    query: z.strictObject({
      q: z.string().trim().min(1).max(200),
      limit: z.coerce.number().int().min(1).max(20).default(8),
    }),
    response: ZSearchResult,
  }),
} as const;
