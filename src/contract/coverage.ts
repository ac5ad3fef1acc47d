import { z } from "zod";
import { COVERAGE_MODELS, ZCoverage } from "./accounts.ts";
import { ZId, ZTimestamp } from "./common.ts";
import { defineRoute } from "./route.ts";
import { ZFilterGroup } from "./segments.ts";

/**
 * Tiers and coverage (PRODUCT.md capability 9): tiering rules set each account's tier and coverage
 * model by value and potential (a hand setting wins and says so), each CSM carries a book sized by
 * their capacity per coverage model, and the book-of-business view shows load against capacity
 * with rebalancing suggestions (docs/coverage.md).
 */

/** Accounts of each coverage model a full-time CSM can carry. */
export const ZCapacity = z.strictObject({
  one_to_one: z.number().int().min(1, "must be at least 1").max(10_000),
  one_to_few: z.number().int().min(1, "must be at least 1").max(10_000),
  one_to_many: z.number().int().min(1, "must be at least 1").max(100_000),
});
export type Capacity = z.infer<typeof ZCapacity>;

export const DEFAULT_CAPACITY: Capacity = { one_to_one: 15, one_to_few: 60, one_to_many: 400 };

/** One tiering rule: accounts fitting `filter` (and no earlier rule) get this tier and coverage. */
export const ZTieringRule = z.strictObject({
  tier: z.string().trim().min(1, "is required").max(50),
  /** null: the rule sets the tier only. */
  coverage: ZCoverage.nullable(),
  filter: ZFilterGroup,
});
export type TieringRule = z.infer<typeof ZTieringRule>;

export const ZCoverageSettings = z.object({
  capacity: ZCapacity,
  tiering: z.object({
    /** Re-applied every night when on; it can always be applied by hand. */
    enabled: z.boolean(),
    rules: z.array(ZTieringRule),
  }),
  updatedAt: ZTimestamp.nullable(),
  updatedBy: z.object({ userId: ZId, name: z.string() }).nullable(),
});
export type CoverageSettings = z.infer<typeof ZCoverageSettings>;

export const ZCoverageSettingsUpdate = z.strictObject({
  capacity: ZCapacity.optional(),
  tiering: z
    .strictObject({
      enabled: z.boolean(),
      rules: z.array(ZTieringRule).max(20, "has at most 20 rules"),
    })
    .optional(),
});
export type CoverageSettingsUpdate = z.infer<typeof ZCoverageSettingsUpdate>;

const ZFromTo = <T extends z.ZodType>(t: T) => z.object({ from: t, to: t });

/** What tiering does (or would do) to one account. */
export const ZTieringChange = z.object({
  account: z.object({ id: ZId, name: z.string() }),
  /** The rule it fits (its position, 0 first), or null when it fits none. */
  rule: z.number().int().nullable(),
  tier: ZFromTo(z.string().nullable()).nullable(),
  coverage: ZFromTo(ZCoverage.nullable()).nullable(),
  /** Settings a person made by hand, which tiering leaves as they are (in words). */
  kept: z.array(z.string()),
});

export const ZTieringResult = z.object({
  /** Applied (false: a preview). */
  applied: z.boolean(),
  /** Accounts whose tier or coverage changes (or would). */
  changed: z.number().int(),
  /** Accounts where a hand setting stood in the rules' way. */
  keptByHand: z.number().int(),
  /** Accounts no rule fits: left as they are. */
  unmatched: z.number().int(),
  /** The changes and the kept settings, account by account (at most 500). */
  changes: z.array(ZTieringChange),
});
export type TieringResult = z.infer<typeof ZTieringResult>;

export const ZTieringPreview = z.strictObject({
  /** Rules to try instead of the saved ones (the editor's unsaved draft). */
  rules: z.array(ZTieringRule).max(20).optional(),
});

const ZMoney = z.object({ currency: z.string(), minor: z.number().int() });
const ZByCoverage = z.object(
  Object.fromEntries([...COVERAGE_MODELS, "none"].map((c) => [c, z.number().int()])) as Record<
    (typeof COVERAGE_MODELS)[number] | "none",
    z.ZodNumber
  >,
);

/** One CSM's book: accounts by coverage, ARR, and load against a full book. */
export const ZBookRow = z.object({
  /** null: the accounts nobody owns. */
  owner: z.object({ userId: ZId, name: z.string() }).nullable(),
  team: z.string().nullable(),
  accounts: z.number().int(),
  byCoverage: ZByCoverage,
  /** ARR per currency (never summed across currencies). */
  arr: z.array(ZMoney),
  /** Accounts ÷ capacity summed over coverage models: 1 is a full book. Accounts without coverage count as one-to-many. */
  load: z.number(),
  /** Against the team's average load and a full book; `unowned` for the accounts nobody owns. */
  status: z.enum(["under", "balanced", "over", "unowned"]),
  /** Accounts assigned by hand: rebalancing never moves them. */
  handAssigned: z.number().int(),
});
export type BookRow = z.infer<typeof ZBookRow>;

export const ZBookMove = z.object({
  account: z.object({
    id: ZId,
    name: z.string(),
    coverage: ZCoverage.nullable(),
    arr: ZMoney,
  }),
  from: z.object({ userId: ZId, name: z.string() }),
  to: z.object({ userId: ZId, name: z.string() }),
  why: z.string(),
});
export type BookMove = z.infer<typeof ZBookMove>;

export const ZBook = z.object({
  capacity: ZCapacity,
  /** The currency ARR is balanced in: the one most of the book is in. */
  currency: z.string().nullable(),
  rows: z.array(ZBookRow),
  /** Moves that bring loads (and ARR) closer together, within each team, largest effect first. */
  suggestions: z.array(ZBookMove),
  /** Each CSM's load once the suggestions are made. */
  after: z.array(z.object({ userId: ZId, load: z.number() })),
});
export type Book = z.infer<typeof ZBook>;

export const ZBookMoves = z.strictObject({
  moves: z
    .array(z.strictObject({ accountId: ZId, toUserId: ZId }))
    .min(1, "needs at least one move")
    .max(200),
});

const tag = "Coverage";

export const coverageRoutes = {
  getCoverageSettings: defineRoute({
    method: "GET",
    path: "/api/v1/coverage/settings",
    access: "read",
    tag,
    summary: "Capacity per coverage model and the tiering rules",
    response: ZCoverageSettings,
  }),
  updateCoverageSettings: defineRoute({
    method: "PUT",
    path: "/api/v1/coverage/settings",
    access: "admin",
    tag,
    summary: "Change the capacity per coverage model or the tiering rules",
    body: ZCoverageSettingsUpdate,
    response: ZCoverageSettings,
  }),
  previewTiering: defineRoute({
    method: "POST",
    path: "/api/v1/coverage/tiering/preview",
    access: "read",
    tag,
    summary: "What the tiering rules (saved, or these) would change, account by account, without changing it",
    body: ZTieringPreview,
    response: ZTieringResult,
  }),
  applyTiering: defineRoute({
    method: "POST",
    path: "/api/v1/coverage/tiering/apply",
    access: "admin",
    tag,
    summary: "Apply the saved tiering rules now (settings made by hand stay)",
    response: ZTieringResult,
  }),
  getBook: defineRoute({
    method: "GET",
    path: "/api/v1/coverage/book",
    access: "read",
    tag,
    summary:
      "The book of business: each CSM's accounts, ARR and load against capacity, with rebalancing suggestions",
    query: z.strictObject({ team: z.string().max(100).optional() }),
    response: ZBook,
  }),
  moveAccounts: defineRoute({
    method: "POST",
    path: "/api/v1/coverage/book/moves",
    access: "write",
    tag,
    summary: "Give accounts to other CSMs (e.g. the suggested moves): each becomes a hand assignment",
    body: ZBookMoves,
    response: ZBook,
  }),
} as const;
