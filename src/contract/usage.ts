import { z } from "zod";
import { ZDate, ZId, ZIdParams, ZList, ZPage, ZPageQuery, ZTimestamp } from "./common.ts";
import { defineRoute } from "./route.ts";

// ---------------------------------------------------------------- sources

export const SOURCE_STATUSES = ["active", "disabled"] as const;
/** Events whose group id matches no account: create the account, or park the events for review. */
export const UNKNOWN_ACCOUNT_POLICIES = ["create", "park"] as const;

export const ZSource = z.object({
  id: ZId,
  name: z.string(),
  status: z.enum(SOURCE_STATUSES),
  unknownAccounts: z.enum(UNKNOWN_ACCOUNT_POLICIES),
  /** Whether identify traits may replace a contact's non-empty email, name or title (else they only fill empty ones). */
  traitsMayOverwrite: z.boolean(),
  rateLimit: z.number().int(),
  /** The first characters of the write key, to recognise it; the key itself is shown once. */
  writeKeyPrefix: z.string(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
  keyRotatedAt: ZTimestamp.nullable(),
  lastEventAt: ZTimestamp.nullable(),
  /** Events stored and items rejected in the last 24 hours. */
  eventsLast24h: z.number().int(),
  rejectedLast24h: z.number().int(),
});
export type Source = z.infer<typeof ZSource>;
export const ZSourceWithKey = ZSource.extend({ writeKey: z.string() });
export type SourceWithKey = z.infer<typeof ZSourceWithKey>;

const sourceFields = {
  name: z.string().trim().min(1, "is required").max(100),
  status: z.enum(SOURCE_STATUSES),
  unknownAccounts: z.enum(UNKNOWN_ACCOUNT_POLICIES),
  traitsMayOverwrite: z.boolean(),
  rateLimit: z.number().int().min(1).max(1_000_000),
};
export const ZSourceCreate = z.strictObject({
  name: sourceFields.name,
  unknownAccounts: sourceFields.unknownAccounts.optional(),
  traitsMayOverwrite: sourceFields.traitsMayOverwrite.optional(),
  rateLimit: sourceFields.rateLimit.optional(),
});
export type SourceCreate = z.infer<typeof ZSourceCreate>;
export const ZSourceUpdate = z.strictObject(sourceFields).partial();
export type SourceUpdate = z.infer<typeof ZSourceUpdate>;

export const ZRejection = z.object({
  id: ZId,
  receivedAt: ZTimestamp,
  code: z.string(),
  message: z.string(),
  messageId: z.string().nullable(),
  excerpt: z.string().nullable(),
});
export type Rejection = z.infer<typeof ZRejection>;

// ---------------------------------------------------------------- raw events

export const EVENT_TYPES = ["identify", "track", "group", "page", "screen", "alias"] as const;

export const ZUsageEvent = z.object({
  id: ZId,
  messageId: z.string(),
  type: z.enum(EVENT_TYPES),
  event: z.string().nullable(),
  timestamp: ZTimestamp,
  receivedAt: ZTimestamp,
  sourceId: ZId.nullable(),
  sourceName: z.string().nullable(),
  accountId: ZId.nullable(),
  accountName: z.string().nullable(),
  contactId: ZId.nullable(),
  contactName: z.string().nullable(),
  userId: z.string().nullable(),
  anonymousId: z.string().nullable(),
  groupId: z.string().nullable(),
  parked: z.boolean(),
  quantity: z.number().int(),
  properties: z.record(z.string(), z.unknown()).nullable(),
  context: z.record(z.string(), z.unknown()).nullable(),
});
export type UsageEvent = z.infer<typeof ZUsageEvent>;

export const ZEventQuery = z.strictObject({
  ...ZPageQuery,
  account: ZId.optional(),
  contact: ZId.optional(),
  source: ZId.optional(),
  event: z.string().max(200).optional(),
  type: ZList(z.enum(EVENT_TYPES)).optional(),
  /** `received` orders by arrival (the live tail); `timestamp` by when the event happened. */
  order: z.enum(["timestamp", "received"]).default("timestamp"),
  /** Only events received after this instant (the live tail polls with the newest it has seen). */
  receivedAfter: ZTimestamp.optional(),
});
export type EventQuery = z.infer<typeof ZEventQuery>;

// ---------------------------------------------------------------- adoption metrics

export const USAGE_PERIODS = ["7d", "30d", "90d"] as const;
export const ZUsagePeriod = z.enum(USAGE_PERIODS);
export type UsagePeriod = z.infer<typeof ZUsagePeriod>;

/** A figure for the period and the same figure for the period before it. */
export const ZTrend = z.object({
  current: z.number().nullable(),
  previous: z.number().nullable(),
  /** current ÷ previous − 1; null when the previous figure is 0 or missing. */
  change: z.number().nullable(),
});
export type Trend = z.infer<typeof ZTrend>;

export const ZFeatureUse = z.object({
  event: z.string(),
  name: z.string(),
  key: z.boolean(),
  events: z.number().int(),
  users: z.number().int(),
});
export type FeatureUse = z.infer<typeof ZFeatureUse>;

export const ZKeyPlayerActivity = z.object({
  contactId: ZId,
  name: z.string(),
  title: z.string().nullable(),
  decisionRole: z.string().nullable(),
  lastActiveOn: ZDate.nullable(),
  daysSinceActive: z.number().int().nullable(),
  eventsInPeriod: z.number().int(),
  quiet: z.boolean(),
});
export type KeyPlayerActivity = z.infer<typeof ZKeyPlayerActivity>;

export const ZAccountUsage = z.object({
  accountId: ZId,
  period: ZUsagePeriod,
  /** Inclusive UTC days of the period; the previous period is the same length just before. */
  from: ZDate,
  to: ZDate,
  dau: z.number().int(),
  wau: z.number().int(),
  mau: z.number().int(),
  /** Distinct users active in the period, against the previous period. */
  activeUsers: ZTrend,
  events: ZTrend,
  seats: z.number().int().nullable(),
  /** Monthly active users ÷ seats of active subscriptions; null without seats. */
  utilization: z.number().nullable(),
  breadth: z.object({
    used: z.number().int(),
    defined: z.number().int(),
    /** Key features used in the period ÷ key features defined; null when none are defined. */
    ratio: z.number().nullable(),
    previousRatio: z.number().nullable(),
  }),
  /** Key-feature uses per active user in the period (all features when none are key). */
  depth: ZTrend,
  lastActiveOn: ZDate.nullable(),
  daysSinceActive: z.number().int().nullable(),
  quiet: z.boolean(),
  quietDays: z.number().int(),
  series: z.array(z.object({ day: ZDate, activeUsers: z.number().int(), events: z.number().int() })),
  topFeatures: z.array(ZFeatureUse),
  keyPlayers: z.array(ZKeyPlayerActivity),
});
export type AccountUsage = z.infer<typeof ZAccountUsage>;

export const ZEngagedAccount = z.object({
  accountId: ZId,
  name: z.string(),
  tier: z.string().nullable(),
  activeUsers: z.number().int(),
  previousActiveUsers: z.number().int(),
  events: z.number().int(),
  seats: z.number().int().nullable(),
  utilization: z.number().nullable(),
  lastActiveOn: ZDate.nullable(),
});
export type EngagedAccount = z.infer<typeof ZEngagedAccount>;

export const ZFeatureAdoption = z.object({
  event: z.string(),
  name: z.string(),
  key: z.boolean(),
  accounts: z.number().int(),
  /** Accounts using it ÷ accounts active in the period. */
  accountShare: z.number().nullable(),
  users: z.number().int(),
  events: z.number().int(),
  previousEvents: z.number().int(),
  lastUsedOn: ZDate.nullable(),
});
export type FeatureAdoption = z.infer<typeof ZFeatureAdoption>;

export const ZUsageOverview = z.object({
  period: ZUsagePeriod,
  from: ZDate,
  to: ZDate,
  activeAccounts: ZTrend,
  activeUsers: ZTrend,
  events: ZTrend,
  accountsWithUsage: z.number().int(),
  accountsTotal: z.number().int(),
  mostEngaged: z.array(ZEngagedAccount),
  leastEngaged: z.array(ZEngagedAccount),
  features: z.array(ZFeatureAdoption),
  series: z.array(z.object({ day: ZDate, activeUsers: z.number().int(), events: z.number().int() })),
});
export type UsageOverview = z.infer<typeof ZUsageOverview>;

export const ZQuietAccount = z.object({
  kind: z.enum(["account", "key_player"]),
  accountId: ZId,
  accountName: z.string(),
  contactId: ZId.nullable(),
  contactName: z.string().nullable(),
  ownerName: z.string().nullable(),
  lastActiveOn: ZDate.nullable(),
  daysSinceActive: z.number().int().nullable(),
});
export type QuietAccount = z.infer<typeof ZQuietAccount>;

export const ZUsageFeature = z.object({
  event: z.string(),
  name: z.string(),
  key: z.boolean(),
  /** Whether the workspace has named it; discovered event names are listed too. */
  defined: z.boolean(),
  eventsLast30d: z.number().int(),
});
export type UsageFeature = z.infer<typeof ZUsageFeature>;
export const ZUsageFeatureUpdate = z.strictObject({
  name: z.string().trim().min(1, "is required").max(100).optional(),
  key: z.boolean().optional(),
});

export const ZUsageSettings = z.object({
  quietDays: z.number().int().min(1).max(365),
  keyPlayerQuietDays: z.number().int().min(1).max(365),
});
export type UsageSettings = z.infer<typeof ZUsageSettings>;

export const ZParkedGroup = z.object({
  groupId: z.string(),
  events: z.number().int(),
  users: z.number().int(),
  firstSeenAt: ZTimestamp,
  lastSeenAt: ZTimestamp,
  /** The name the product gave the group in a `group` call's traits, if any. */
  suggestedName: z.string().nullable(),
});
export type ParkedGroup = z.infer<typeof ZParkedGroup>;
export const ZParkedResolve = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("create"), name: z.string().trim().min(1).max(200).optional() }),
  z.strictObject({ action: z.literal("link"), accountId: ZId }),
  z.strictObject({ action: z.literal("discard") }),
]);
export type ParkedResolve = z.infer<typeof ZParkedResolve>;

const ZPeriodQuery = z.strictObject({ period: ZUsagePeriod.default("30d") });
const ZAccountParams = z.strictObject({ accountId: ZId });
const ZFeatureParams = z.strictObject({ event: z.string().min(1).max(200) });
const ZGroupParams = z.strictObject({ groupId: z.string().min(1).max(200) });

export const usageRoutes = {
  listSources: defineRoute({
    method: "GET",
    path: "/api/v1/sources",
    access: "read",
    tag: "usage",
    summary: "Event sources sending product usage",
    query: z.strictObject({ ...ZPageQuery }),
    response: ZPage(ZSource),
  }),
  createSource: defineRoute({
    method: "POST",
    path: "/api/v1/sources",
    access: "admin",
    tag: "usage",
    summary: "Create an event source; its write key is in this answer only",
    body: ZSourceCreate,
    response: ZSourceWithKey,
    status: 201,
  }),
  getSource: defineRoute({
    method: "GET",
    path: "/api/v1/sources/:id",
    access: "read",
    tag: "usage",
    summary: "Get one event source",
    params: ZIdParams,
    response: ZSource,
  }),
  updateSource: defineRoute({
    method: "PATCH",
    path: "/api/v1/sources/:id",
    access: "admin",
    tag: "usage",
    summary: "Rename, disable or enable a source, or change its settings",
    params: ZIdParams,
    body: ZSourceUpdate,
    response: ZSource,
  }),
  rotateSourceKey: defineRoute({
    method: "POST",
    path: "/api/v1/sources/:id/rotate",
    access: "admin",
    tag: "usage",
    summary: "Replace the source's write key; the old key stops working at once",
    params: ZIdParams,
    response: ZSourceWithKey,
  }),
  deleteSource: defineRoute({
    method: "DELETE",
    path: "/api/v1/sources/:id",
    access: "admin",
    tag: "usage",
    summary: "Delete a source (its stored events stay)",
    params: ZIdParams,
    response: null,
    status: 204,
  }),
  listSourceRejections: defineRoute({
    method: "GET",
    path: "/api/v1/sources/:id/rejections",
    access: "read",
    tag: "usage",
    summary: "Items the source sent that could not be stored, newest first",
    params: ZIdParams,
    query: z.strictObject({ ...ZPageQuery }),
    response: ZPage(ZRejection),
  }),
  listEvents: defineRoute({
    method: "GET",
    path: "/api/v1/events",
    access: "read",
    tag: "usage",
    summary: "Recent raw usage events, newest first",
    query: ZEventQuery,
    response: ZPage(ZUsageEvent),
  }),
  getAccountUsage: defineRoute({
    method: "GET",
    path: "/api/v1/accounts/:accountId/usage",
    access: "read",
    tag: "usage",
    summary: "The account's adoption metrics over a period",
    params: ZAccountParams,
    query: ZPeriodQuery,
    response: ZAccountUsage,
  }),
  getUsageOverview: defineRoute({
    method: "GET",
    path: "/api/v1/usage/overview",
    access: "read",
    tag: "usage",
    summary: "Workspace adoption: most and least engaged accounts, feature adoption",
    query: ZPeriodQuery,
    response: ZUsageOverview,
  }),
  listQuiet: defineRoute({
    method: "GET",
    path: "/api/v1/usage/quiet",
    access: "read",
    tag: "usage",
    summary: "Accounts and key players with no product activity for the workspace's quiet threshold",
    query: z.strictObject({
      ...ZPageQuery,
      kind: z.enum(["account", "key_player"]).optional(),
      days: z.coerce.number().int().min(1).max(365).optional(),
    }),
    response: ZPage(ZQuietAccount),
  }),
  listUsageFeatures: defineRoute({
    method: "GET",
    path: "/api/v1/usage/features",
    access: "read",
    tag: "usage",
    summary: "Features (event names) seen or defined, with which are key",
    response: z.object({ data: z.array(ZUsageFeature) }),
  }),
  updateUsageFeature: defineRoute({
    method: "PUT",
    path: "/api/v1/usage/features/:event",
    access: "admin",
    tag: "usage",
    summary: "Name a feature and mark it key (or not)",
    params: ZFeatureParams,
    body: ZUsageFeatureUpdate,
    response: ZUsageFeature,
  }),
  getUsageSettings: defineRoute({
    method: "GET",
    path: "/api/v1/usage/settings",
    access: "read",
    tag: "usage",
    summary: "Usage settings: days without activity before an account or key player counts as quiet",
    response: ZUsageSettings,
  }),
  updateUsageSettings: defineRoute({
    method: "PATCH",
    path: "/api/v1/usage/settings",
    access: "admin",
    tag: "usage",
    summary: "Change the usage settings",
    body: ZUsageSettings.partial().strict(),
    response: ZUsageSettings,
  }),
  listParkedGroups: defineRoute({
    method: "GET",
    path: "/api/v1/usage/parked",
    access: "read",
    tag: "usage",
    summary: "Group ids that matched no account, with their parked events",
    query: z.strictObject({ ...ZPageQuery }),
    response: ZPage(ZParkedGroup),
  }),
  resolveParkedGroup: defineRoute({
    method: "POST",
    path: "/api/v1/usage/parked/:groupId",
    access: "admin",
    tag: "usage",
    summary: "Create an account for a parked group, link it to an account, or discard its events",
    params: ZGroupParams,
    body: ZParkedResolve,
    response: z.object({ events: z.number().int(), accountId: ZId.nullable() }),
  }),
} as const;
