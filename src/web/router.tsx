import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from "@tanstack/react-router";
import {
  ACCOUNT_SORTS,
  ADVOCACY_KINDS,
  ADVOCACY_STATES,
  type AdvocacyKind,
  CHURN_PREDICTION_SORTS,
  CONTACT_STATUSES,
  COVERAGE_MODELS,
  DECISION_ROLES,
  HEALTH_BANDS,
  NOT_ENOUGH_DATA,
  SEGMENT_ENTITIES,
  type SegmentEntity,
  TASK_PRIORITIES,
  TASK_TYPES,
  TASK_VIEWS,
  type TaskPriority,
  type TaskType,
  type TaskView,
  USAGE_PERIODS,
  type UsagePeriod,
} from "../contract/index.ts";
import { parseRenewalsSearch } from "./features/renewals/renewalsView.ts";
import { PERIOD_PRESETS, type PeriodPreset } from "./features/revenue/revenueView.ts";
import { sessionQuery } from "./lib/session.ts";
import { AppLayout } from "./shell/AppLayout.tsx";
import { NotFound, RouteError } from "./ui/RouteError.tsx";

export type RouterContext = { queryClient: QueryClient };

const str = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() !== "" ? v : typeof v === "number" ? String(v) : undefined;
/** Only sorts the API knows, so a hand-edited URL falls back to the default instead of failing. */
const sortOf = (v: unknown, fields: readonly string[]): string | undefined => {
  const s = str(v);
  return s && fields.includes(s.replace(/^-/, "")) ? s : undefined;
};
/** Comma-separated values, keeping only the allowed ones when a list is given. */
const listOf = (v: unknown, allowed?: readonly string[]): string | undefined => {
  const s = str(v);
  if (!s || !allowed) return s;
  const kept = s.split(",").filter((x) => allowed.includes(x));
  return kept.length ? kept.join(",") : undefined;
};
const limitOf = (v: unknown): number | undefined => {
  const n = Number(v);
  return [25, 50, 100, 200].includes(n) ? n : undefined;
};

export type AccountsSearch = {
  q?: string;
  tier?: string;
  stage?: string;
  owner?: string;
  industry?: string;
  region?: string;
  healthBand?: string;
  coverage?: string;
  /** A segment's id: its members at the last refresh. */
  segment?: string;
  sort?: string;
  limit?: number;
  cursor?: string;
};

/** The account page's tab and the usage period it shows. */
export type AccountSearch = { tab?: "usage"; period?: UsagePeriod };

export const USAGE_TABS = ["overview", "features", "quiet", "parked", "live"] as const;
export type UsageTab = (typeof USAGE_TABS)[number];
export type UsageSearch = { tab?: UsageTab; period?: UsagePeriod; source?: string };

const oneOf = <T extends string>(v: unknown, allowed: readonly T[]): T | undefined =>
  typeof v === "string" && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;

const CONTACT_SORTS = ["name", "influence", "created", "updated"] as const;

/** The Risk page: churn by default, or expansion; owner and tier filters, sort and page in the URL. */
export type RiskSearch = {
  kind?: "expansion";
  owner?: string;
  tier?: string;
  sort?: string;
  limit?: number;
  cursor?: string;
};

export type ContactsSearch = {
  q?: string;
  role?: string;
  keyPlayers?: boolean;
  status?: string;
  /** A segment's id: its members at the last refresh. */
  segment?: string;
  sort?: string;
  limit?: number;
  cursor?: string;
};

/**
 * The inbox: its tab (default Mine, left out of the URL), status (default Open), filters, sort,
 * page, and the item open in the drawer — all in the URL, so a view can be shared or bookmarked.
 */
export type InboxSearch = {
  view?: Exclude<TaskView, "mine">;
  status?: "snoozed" | "closed";
  type?: TaskType;
  priority?: TaskPriority;
  owner?: string;
  account?: string;
  sort?: string;
  limit?: number;
  cursor?: string;
  task?: string;
};
const TASK_SORTS = ["dueDate", "priority", "createdAt", "closedAt"] as const;

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
  errorComponent: RouteError,
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/login",
  validateSearch: (s: Record<string, unknown>): { next?: string } => ({ next: str(s.next) }),
  beforeLoad: async ({ context }) => {
    // Already signed in: go straight to the app. A server that cannot be reached still shows the form.
    const session = await context.queryClient.ensureQueryData(sessionQuery).catch(() => null);
    if (session) throw redirect({ to: "/inbox" });
  },
  component: lazyRouteComponent(() => import("./features/auth/LoginPage.tsx"), "LoginPage"),
});

/** Everything below needs a session; without one the user goes to the login page and comes back. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "_app",
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (!session) {
      throw redirect({ to: "/login", search: { next: location.href === "/" ? undefined : location.href } });
    }
    return { session };
  },
  component: AppLayout,
});

// The inbox is where a CSM starts the day: what to do next, and why.
const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/",
  beforeLoad: () => {
    throw redirect({ to: "/inbox" });
  },
});

const inboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/inbox",
  validateSearch: (s: Record<string, unknown>): InboxSearch => ({
    view: oneOf(s.view, TASK_VIEWS.filter((v) => v !== "mine") as Exclude<TaskView, "mine">[]),
    status: oneOf(s.status, ["snoozed", "closed"] as const),
    type: oneOf(s.type, TASK_TYPES),
    priority: oneOf(s.priority, TASK_PRIORITIES),
    owner: str(s.owner),
    account: str(s.account),
    sort: sortOf(s.sort, TASK_SORTS),
    limit: limitOf(s.limit),
    cursor: str(s.cursor),
    task: str(s.task),
  }),
  component: lazyRouteComponent(() => import("./features/inbox/InboxPage.tsx"), "InboxPage"),
});

const accountsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/accounts",
  validateSearch: (s: Record<string, unknown>): AccountsSearch => ({
    q: str(s.q),
    tier: listOf(s.tier),
    // Stage keys are the workspace's own too: any key the contract allows.
    stage:
      listOf(s.stage)
        ?.split(",")
        .filter((x) => /^[a-z][a-z0-9_]{0,39}$/.test(x))
        .join(",") || undefined,
    owner: listOf(s.owner),
    industry: listOf(s.industry),
    region: listOf(s.region),
    healthBand: listOf(s.healthBand, [...HEALTH_BANDS, NOT_ENOUGH_DATA]),
    coverage: listOf(s.coverage, COVERAGE_MODELS),
    segment: str(s.segment),
    sort: sortOf(s.sort, ACCOUNT_SORTS),
    limit: limitOf(s.limit),
    cursor: str(s.cursor),
  }),
  component: lazyRouteComponent(() => import("./features/accounts/AccountsPage.tsx"), "AccountsPage"),
});

const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/accounts/$id",
  validateSearch: (s: Record<string, unknown>): AccountSearch => ({
    tab: oneOf(s.tab, ["usage"] as const),
    period: oneOf(s.period, USAGE_PERIODS),
  }),
  component: lazyRouteComponent(() => import("./features/accounts/AccountPage.tsx"), "AccountPage"),
});

const contactsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/contacts",
  validateSearch: (s: Record<string, unknown>): ContactsSearch => ({
    q: str(s.q),
    role: listOf(s.role, DECISION_ROLES),
    status: listOf(s.status, CONTACT_STATUSES),
    keyPlayers: s.keyPlayers === true || s.keyPlayers === "true" ? true : undefined,
    segment: str(s.segment),
    sort: sortOf(s.sort, CONTACT_SORTS),
    limit: limitOf(s.limit),
    cursor: str(s.cursor),
  }),
  component: lazyRouteComponent(() => import("./features/contacts/ContactsPage.tsx"), "ContactsPage"),
});

const contactRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/contacts/$id",
  component: lazyRouteComponent(() => import("./features/contacts/ContactPage.tsx"), "ContactPage"),
});

const usageRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/usage",
  validateSearch: (s: Record<string, unknown>): UsageSearch => ({
    tab: oneOf(s.tab, USAGE_TABS),
    period: oneOf(s.period, USAGE_PERIODS),
    source: str(s.source),
  }),
  component: lazyRouteComponent(() => import("./features/usage/UsagePage.tsx"), "UsagePage"),
});

const riskRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/risk",
  validateSearch: (s: Record<string, unknown>): RiskSearch => ({
    kind: oneOf(s.kind, ["expansion"] as const),
    owner: listOf(s.owner),
    tier: listOf(s.tier),
    sort: sortOf(s.sort, CHURN_PREDICTION_SORTS),
    limit: limitOf(s.limit),
    cursor: str(s.cursor),
  }),
  component: lazyRouteComponent(() => import("./features/risk/RiskPage.tsx"), "RiskPage"),
});

/** A page whose figures cover a period of whole months (a preset, or custom months) and a segment. */
export type PeriodSearch = {
  period?: Exclude<PeriodPreset, "12m">;
  from?: string;
  to?: string;
  segment?: string;
};
const monthOf = (v: unknown): string | undefined => {
  const s = str(v);
  return s && /^\d{4}-(0[1-9]|1[0-2])$/.test(s) ? s : undefined;
};
const periodSearch = (s: Record<string, unknown>): PeriodSearch => ({
  period: oneOf(
    s.period,
    PERIOD_PRESETS.filter((p) => p !== "12m"),
  ),
  from: monthOf(s.from),
  to: monthOf(s.to),
  segment: str(s.segment),
});

/**
 * The Revenue page: the period (the last 12 months by default) and segment, and which retention
 * the cohorts show (revenue by default) — in the URL to share a view.
 */
export type RevenueSearch = PeriodSearch & { cohorts?: "logos" };

const revenueRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/revenue",
  validateSearch: (s: Record<string, unknown>): RevenueSearch => ({
    ...periodSearch(s),
    cohorts: oneOf(s.cohorts, ["logos"] as const),
  }),
  component: lazyRouteComponent(() => import("./features/revenue/RevenuePage.tsx"), "RevenuePage"),
});

/**
 * The Advocacy page: the period (as on the Revenue page) and a segment for the figures and the
 * candidates, the kind about to be asked for, and the asks' kind and state filters and page.
 */
export type AdvocacySearch = PeriodSearch & {
  kind?: AdvocacyKind;
  askKind?: string;
  askState?: string;
  cursor?: string;
  limit?: number;
};

const advocacyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/advocacy",
  validateSearch: (s: Record<string, unknown>): AdvocacySearch => ({
    ...periodSearch(s),
    kind: oneOf(s.kind, ADVOCACY_KINDS),
    askKind: listOf(s.askKind, ADVOCACY_KINDS),
    askState: listOf(s.askState, ADVOCACY_STATES),
    cursor: str(s.cursor),
    limit: limitOf(s.limit),
  }),
  component: lazyRouteComponent(() => import("./features/advocacy/AdvocacyPage.tsx"), "AdvocacyPage"),
});

const charterRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/charter",
  component: lazyRouteComponent(() => import("./features/charter/CharterPage.tsx"), "CharterPage"),
});

/**
 * The Renewals page: the pipeline's window and filters, its sort, the tab (pipeline, outcomes,
 * backtest), the outcomes' period and the backtest's quarters — in the URL to share a view.
 */
const renewalsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/renewals",
  validateSearch: parseRenewalsSearch,
  component: lazyRouteComponent(() => import("./features/renewals/RenewalsPage.tsx"), "RenewalsPage"),
});

/** Health models: the list (archived ones on demand), and one model's editor, preview and backtests. */
export type HealthSearch = { archived?: boolean };

const healthRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/health",
  validateSearch: (s: Record<string, unknown>): HealthSearch => ({
    archived: s.archived === true || s.archived === "true" ? true : undefined,
  }),
  component: lazyRouteComponent(() => import("./features/health/HealthPage.tsx"), "HealthPage"),
});

const healthModelRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/health/$id",
  component: lazyRouteComponent(() => import("./features/health/HealthModelPage.tsx"), "HealthModelPage"),
});

/** The journey: the whole workspace, or one account; the period in the URL (default: the last 12 months). */
export type JourneySearch = { accountId?: string; from?: string; to?: string };
const day = (v: unknown): string | undefined => {
  const s = str(v);
  return s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined;
};

const journeyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/journey",
  validateSearch: (s: Record<string, unknown>): JourneySearch => ({
    accountId: str(s.accountId),
    from: day(s.from),
    to: day(s.to),
  }),
  component: lazyRouteComponent(() => import("./features/journey/JourneyPage.tsx"), "JourneyPage"),
});

const surveysRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/surveys",
  component: lazyRouteComponent(() => import("./features/surveys/SurveysPage.tsx"), "SurveysPage"),
});

const surveyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/surveys/$id",
  component: lazyRouteComponent(() => import("./features/surveys/SurveyPage.tsx"), "SurveyPage"),
});

const planRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/plans/$id",
  component: lazyRouteComponent(() => import("./features/plans/PlanPage.tsx"), "PlanPage"),
});

/** The book of business, for one team or all of them. */
export type BookSearch = { team?: string };

const bookRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/book",
  validateSearch: (s: Record<string, unknown>): BookSearch => ({ team: str(s.team) }),
  component: lazyRouteComponent(() => import("./features/coverage/BookPage.tsx"), "BookPage"),
});

/** Segments: the list (of one entity, or all), a new one, and one segment's members, history or editor. */
export type SegmentsSearch = { entity?: SegmentEntity };
export type SegmentSearch = { tab?: "history"; edit?: boolean };

const segmentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/segments",
  validateSearch: (s: Record<string, unknown>): SegmentsSearch => ({
    entity: oneOf(s.entity, SEGMENT_ENTITIES),
  }),
  component: lazyRouteComponent(() => import("./features/segments/SegmentsPage.tsx"), "SegmentsPage"),
});

const newSegmentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/segments/new",
  component: lazyRouteComponent(() => import("./features/segments/NewSegmentPage.tsx"), "NewSegmentPage"),
});

const segmentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/segments/$id",
  validateSearch: (s: Record<string, unknown>): SegmentSearch => ({
    tab: oneOf(s.tab, ["history"] as const),
    edit: s.edit === true || s.edit === "true" ? true : undefined,
  }),
  component: lazyRouteComponent(() => import("./features/segments/SegmentPage.tsx"), "SegmentPage"),
});

/** Rules: the list, a new one, and one rule's dry run, replay and runs (a run open), or its editor. */
export const RULE_TABS = ["replay", "runs"] as const;
export type RuleSearch = { tab?: (typeof RULE_TABS)[number]; run?: string; edit?: boolean };

const rulesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/rules",
  component: lazyRouteComponent(() => import("./features/rules/RulesPage.tsx"), "RulesPage"),
});

const newRuleRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/rules/new",
  component: lazyRouteComponent(() => import("./features/rules/NewRulePage.tsx"), "NewRulePage"),
});

const ruleRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/rules/$id",
  validateSearch: (s: Record<string, unknown>): RuleSearch => ({
    tab: oneOf(s.tab, RULE_TABS),
    run: str(s.run),
    edit: s.edit === true || s.edit === "true" ? true : undefined,
  }),
  component: lazyRouteComponent(() => import("./features/rules/RulePage.tsx"), "RulePage"),
});

/** Playbooks: the list (archived ones on demand), a new one, and one playbook's runs or report, or its editor. */
export type PlaybooksSearch = { show?: "archived" | "all" };
export const PLAYBOOK_TABS = ["report"] as const;
export type PlaybookSearch = { tab?: (typeof PLAYBOOK_TABS)[number]; run?: string; edit?: boolean };

const playbooksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/playbooks",
  validateSearch: (s: Record<string, unknown>): PlaybooksSearch => ({
    show: oneOf(s.show, ["archived", "all"] as const),
  }),
  component: lazyRouteComponent(() => import("./features/playbooks/PlaybooksPage.tsx"), "PlaybooksPage"),
});

const newPlaybookRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/playbooks/new",
  component: lazyRouteComponent(() => import("./features/playbooks/NewPlaybookPage.tsx"), "NewPlaybookPage"),
});

const playbookRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/playbooks/$id",
  validateSearch: (s: Record<string, unknown>): PlaybookSearch => ({
    tab: oneOf(s.tab, PLAYBOOK_TABS),
    run: str(s.run),
    edit: s.edit === true || s.edit === "true" ? true : undefined,
  }),
  component: lazyRouteComponent(() => import("./features/playbooks/PlaybookPage.tsx"), "PlaybookPage"),
});

const importRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/import",
  component: lazyRouteComponent(() => import("./features/import/ImportPage.tsx"), "ImportPage"),
});

export const SETTINGS_TABS = [
  "members",
  "coverage",
  "lifecycle",
  "revenue",
  "api-keys",
  "sources",
  "custom-fields",
  "journey-lists",
  "plan-templates",
  "email-capture",
  "outbox",
  "jobs",
  "audit-log",
] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];

const settingsIndexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/settings",
  beforeLoad: () => {
    throw redirect({ to: "/settings/$tab", params: { tab: "members" } });
  },
});

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/settings/$tab",
  params: {
    parse: (p: { tab: string }): { tab: SettingsTab } => ({
      tab: (SETTINGS_TABS as readonly string[]).includes(p.tab) ? (p.tab as SettingsTab) : "members",
    }),
    stringify: (p: { tab: SettingsTab }) => ({ tab: p.tab }),
  },
  component: lazyRouteComponent(() => import("./features/settings/SettingsPage.tsx"), "SettingsPage"),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([
    indexRoute,
    inboxRoute,
    accountsRoute,
    accountRoute,
    contactsRoute,
    contactRoute,
    bookRoute,
    usageRoute,
    riskRoute,
    revenueRoute,
    advocacyRoute,
    charterRoute,
    renewalsRoute,
    healthRoute,
    healthModelRoute,
    journeyRoute,
    surveysRoute,
    surveyRoute,
    planRoute,
    segmentsRoute,
    newSegmentRoute,
    segmentRoute,
    rulesRoute,
    newRuleRoute,
    ruleRoute,
    playbooksRoute,
    newPlaybookRoute,
    playbookRoute,
    importRoute,
    settingsIndexRoute,
    settingsRoute,
  ]),
]);

export const createAppRouter = (queryClient: QueryClient) =>
  createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: "intent",
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
    defaultPendingMs: 150,
  });

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
