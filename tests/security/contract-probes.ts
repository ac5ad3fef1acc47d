import { a, b, lit, type ProbeTable } from "./route-walker.ts";

/**
 * How another workspace reaches for workspace A's objects through each route of the contract:
 * every path parameter, and every query parameter or body field carrying an object id, is filled
 * with one of A's real objects (`a`), next to the intruder's own (`b`) where the route acts on
 * those. `unmappedParameters` fails the security test for any route or parameter missing here.
 * Bodies are valid in the intruder's own workspace, so only the workspace boundary can refuse them.
 */
const definition = {
  groups: [
    {
      key: "use",
      name: "Use",
      weight: 1,
      measures: [
        {
          key: "mrr",
          name: "MRR trend",
          source: "subscription.mrr_trend",
          rule: { kind: "range", from: 0, to: 1 },
          weight: 1,
        },
      ],
    },
  ],
};

/** Reads whose answer changes by itself as time passes: the schedules' next runs. */
export const movesWithTheClock = ["listJobSchedules"];

export const contractProbes: ProbeTable = {
  switchWorkspace: { body: { workspace: a("slug") }, expect: "as-if-absent" },
  // A's invitation is addressed to a person of B: B's owner is neither its workspace nor its invitee.
  acceptInvitation: { params: { id: a("invitation") } },
  declineInvitation: { params: { id: a("invitation") } },

  listAccounts: [
    { query: { ownerId: a("user") } },
    { query: { parentId: a("account") } },
    { query: { segmentId: a("segment") } },
  ],
  createAccount: [
    { body: { name: "Takeover", parentId: a("account") } },
    { body: { name: "Takeover", ownerId: a("user") } },
  ],
  getAccount: { params: { id: a("account") } },
  updateAccount: [
    { params: { id: a("account") }, body: { name: "Taken over" } },
    { params: { id: b("account") }, body: { parentId: a("account") } },
    { params: { id: b("account") }, body: { ownerId: a("user") } },
  ],
  deleteAccount: { params: { id: a("account") } },
  // External ids are keys within a workspace: the intruder's upsert makes its own account.
  upsertAccount: [
    { params: { externalId: a("accountExternalId") }, body: { name: "Takeover" }, expect: "as-if-absent" },
    { params: { externalId: lit("B-9") }, body: { name: "Takeover", parentId: a("account") } },
    { params: { externalId: lit("B-9") }, body: { name: "Takeover", ownerId: a("user") } },
  ],

  listContacts: [{ query: { accountId: a("account") } }, { query: { segmentId: a("segment") } }],
  createContact: { body: { accountId: a("account"), firstName: "Mallory" } },
  getContact: { params: { id: a("contact") } },
  updateContact: [
    { params: { id: a("contact") }, body: { title: "Taken over" } },
    { params: { id: b("contact") }, body: { accountId: a("account") } },
  ],
  deleteContact: { params: { id: a("contact") } },
  upsertContact: [
    {
      params: { externalId: a("contactExternalId") },
      body: { accountId: b("account"), firstName: "Mallory" },
      expect: "as-if-absent",
    },
    { params: { externalId: lit("B-C9") }, body: { accountId: a("account"), firstName: "Mallory" } },
  ],

  listSubscriptions: { query: { accountId: a("account") } },
  createSubscription: {
    body: { accountId: a("account"), product: "Stolen", mrrMinor: 1, startDate: "2025-01-01" },
  },
  getSubscription: { params: { id: a("subscription") } },
  updateSubscription: [
    { params: { id: a("subscription") }, body: { mrrMinor: 1 } },
    { params: { id: b("subscription") }, body: { accountId: a("account") } },
  ],
  deleteSubscription: { params: { id: a("subscription") } },
  upsertSubscription: [
    {
      params: { externalId: a("subscriptionExternalId") },
      body: { accountId: b("account"), product: "Mine", mrrMinor: 1, startDate: "2025-01-01" },
      expect: "as-if-absent",
    },
    {
      params: { externalId: lit("B-S9") },
      body: { accountId: a("account"), product: "Stolen", mrrMinor: 1, startDate: "2025-01-01" },
    },
  ],

  listTeam: { params: { accountId: a("account") } },
  addTeamMember: [
    { params: { accountId: a("account") }, body: { userId: b("user"), teamRole: "csm" } },
    { params: { accountId: b("account") }, body: { userId: a("user"), teamRole: "csm" } },
  ],
  getTeamMember: { params: { accountId: a("account"), memberId: a("teamMember") } },
  updateTeamMember: {
    params: { accountId: a("account"), memberId: a("teamMember") },
    body: { teamRole: "marketing" },
  },
  removeTeamMember: { params: { accountId: a("account"), memberId: a("teamMember") } },

  listOutcomes: [{ query: { accountId: a("account") } }, { query: { contactId: a("contact") } }],
  createOutcome: [
    { body: { contactId: a("contact"), kind: "personal_win", title: "Sneaky" } },
    { body: { contactId: b("contact"), kind: "personal_win", title: "Sneaky", ownerId: a("user") } },
  ],
  getOutcome: { params: { outcomeId: a("outcome") } },
  updateOutcome: [
    { params: { outcomeId: a("outcome") }, body: { status: "missed" } },
    { params: { outcomeId: b("outcome") }, body: { ownerId: a("user") } },
  ],
  deleteOutcome: { params: { outcomeId: a("outcome") } },
  listOutcomeHistory: { params: { outcomeId: a("outcome") } },
  addOutcomeEvidence: { params: { outcomeId: a("outcome") }, body: { note: "Sneaky" } },
  deleteOutcomeEvidence: { params: { outcomeId: a("outcome"), evidenceId: a("evidence") } },
  updateOutcomeTemplate: { params: { templateId: a("outcomeTemplate") }, body: { title: "Sneaky" } },
  deleteOutcomeTemplate: { params: { templateId: a("outcomeTemplate") } },
  getAccountSuccess: { params: { accountId: a("account") } },

  listPlans: { query: { accountId: a("account") } },
  createPlan: [
    { body: { accountId: a("account"), title: "Takeover" } },
    { body: { accountId: b("account"), title: "Takeover", ownerId: a("user") } },
    { body: { accountId: b("account"), title: "Takeover", customerOwnerId: a("contact") } },
    { body: { accountId: b("account"), title: "Takeover", templateId: a("planTemplate") } },
  ],
  getPlan: { params: { planId: a("plan") } },
  getSegment: { params: { segmentId: a("segment") } },
  updateSegment: { params: { segmentId: a("segment") }, body: { name: "Taken over" } },
  refreshSegment: { params: { segmentId: a("segment") } },
  deleteSegment: { params: { segmentId: a("segment") } },
  listSegmentMembers: { params: { segmentId: a("segment") } },
  listSegmentChanges: { params: { segmentId: a("segment") } },
  previewSegment: {
    body: {
      entity: "account",
      filter: { match: "all", conditions: [{ field: "ownerId", op: "in", value: [a("user")] }] },
    },
  },
  getRule: { params: { ruleId: a("rule") } },
  updateRule: [
    { params: { ruleId: a("rule") }, body: { name: "Taken over" } },
    {
      params: { ruleId: b("rule") },
      body: { actions: [{ kind: "assign_owner", assignee: { kind: "user", userId: a("user") } }] },
    },
    {
      params: { ruleId: b("rule") },
      body: { trigger: { kind: "segment", segmentId: a("segment"), change: "entered" } },
    },
  ],
  createRule: [
    {
      body: {
        name: "Takeover",
        trigger: { kind: "segment", segmentId: a("segment"), change: "entered" },
        actions: [{ kind: "set_stage", stage: "renewal" }],
      },
    },
    {
      body: {
        name: "Takeover",
        trigger: { kind: "key_player_left" },
        actions: [
          {
            kind: "create_task",
            type: "risk",
            priority: "high",
            title: "x",
            assignee: { kind: "user", userId: a("user") },
          },
        ],
      },
    },
    {
      body: {
        name: "Takeover",
        trigger: { kind: "key_player_left" },
        actions: [{ kind: "start_playbook", playbookId: a("playbook") }],
      },
    },
  ],
  deleteRule: { params: { ruleId: a("rule") } },
  dryRunRule: { params: { ruleId: a("rule") } },
  replayRule: { params: { ruleId: a("rule") } },
  runRule: { params: { ruleId: a("rule") } },
  listRuleRuns: { params: { ruleId: a("rule") } },
  getRuleRun: [
    { params: { ruleId: a("rule"), runId: a("ruleRun") } },
    { params: { ruleId: b("rule"), runId: a("ruleRun") } },
  ],
  getAccountLifecycle: { params: { accountId: a("account") } },
  getAccountRevenue: { params: { accountId: a("account") } },
  getRevenueMetrics: { query: { from: lit("2024-01-01"), to: lit("2026-12-31"), segment: a("segment") } },
  getMrrMonth: { query: { month: lit("2026-01"), segment: a("segment") } },
  getCohorts: { query: { segment: a("segment") } },
  getRenewals: [{ query: { segment: a("segment") } }, { query: { owner: a("user") } }],
  updateRenewal: { params: { subscriptionId: a("subscription") }, body: { stage: "outreach" } },
  listExpansions: [{ query: { accountId: a("account") } }, { query: { owner: a("user") } }],
  createExpansion: [
    { body: { accountId: a("account"), title: "Takeover", arrMinor: 100 } },
    { body: { accountId: b("account"), title: "Takeover", arrMinor: 100, ownerId: a("user") } },
  ],
  updateExpansion: [
    { params: { id: a("expansion") }, body: { title: "Taken over" } },
    { params: { id: b("expansion") }, body: { ownerId: a("user") } },
  ],
  deleteExpansion: { params: { id: a("expansion") } },
  getRenewalOutcomes: { query: { from: lit("2024-01-01"), to: lit("2026-12-31"), segment: a("segment") } },
  listAdvocacyAsks: [{ query: { accountId: a("account") } }, { query: { contactId: a("contact") } }],
  createAdvocacyAsk: [
    { body: { accountId: a("account"), kind: "reference" } },
    { body: { accountId: b("account"), contactId: a("contact"), kind: "reference", ignoreWindow: true } },
  ],
  getAdvocacyAsk: { params: { askId: a("advocacyAsk") } },
  updateAdvocacyAsk: { params: { askId: a("advocacyAsk") }, body: { detail: "Taken over" } },
  changeAdvocacyAskState: { params: { askId: a("advocacyAsk") }, body: { state: "declined" } },
  deleteAdvocacyAsk: { params: { askId: a("advocacyAsk") } },
  listAdvocacyCandidates: { query: { segment: a("segment") } },
  getAdvocacySummary: { query: { from: lit("2024-01-01"), to: lit("2026-12-31"), segment: a("segment") } },
  // The charter is the caller's own workspace's: no id names it. The intruder writes and discards
  // its own draft, and the walk checks that A's charter (read before and after) did not change.
  saveCharterDraft: {
    body: {
      vision: "Taken over",
      mission: "Taken over",
      objectives: [{ stage: "adoption", text: "Taken over" }],
    },
  },
  discardCharterDraft: {},
  moveAccounts: [
    { body: { moves: [{ accountId: a("account"), toUserId: b("user") }] } },
    { body: { moves: [{ accountId: b("account"), toUserId: a("user") }] } },
  ],
  getPlaybook: { params: { playbookId: a("playbook") } },
  updatePlaybook: { params: { playbookId: a("playbook") }, body: { name: "Taken over" } },
  deletePlaybook: { params: { playbookId: a("playbook") } },
  startPlaybook: [
    { params: { playbookId: a("playbook") }, body: { accountId: b("account") } },
    { params: { playbookId: b("playbook") }, body: { accountId: a("account") } },
  ],
  playbookReport: { params: { playbookId: a("playbook") } },
  listPlaybookRuns: [{ query: { playbookId: a("playbook") } }, { query: { accountId: a("account") } }],
  getPlaybookRun: { params: { runId: a("playbookRun") } },
  cancelPlaybookRun: { params: { runId: a("playbookRun") } },
  listTasks: [{ query: { ownerId: a("user") } }, { query: { accountId: a("account") } }],
  createTask: [
    { body: { accountId: a("account"), title: "Takeover" } },
    { body: { accountId: b("account"), title: "Takeover", ownerId: a("user") } },
  ],
  getTask: { params: { taskId: a("task") } },
  updateTask: [
    { params: { taskId: a("task") }, body: { title: "Taken over" } },
    { params: { taskId: b("task") }, body: { ownerId: a("user") } },
  ],
  snoozeTask: {
    params: { taskId: a("task") },
    body: { until: new Date(Date.now() + 86_400_000).toISOString() },
  },
  closeTask: { params: { taskId: a("task") }, body: { outcome: "done" } },
  reopenTask: { params: { taskId: a("task") } },
  updatePlan: [
    { params: { planId: a("plan") }, body: { title: "Taken over" } },
    { params: { planId: b("plan") }, body: { ownerId: a("user") } },
    { params: { planId: b("plan") }, body: { customerOwnerId: a("contact") } },
  ],
  deletePlan: { params: { planId: a("plan") } },
  createPlanItem: [
    { params: { planId: a("plan") }, body: { kind: "objective", title: "Sneaky" } },
    { params: { planId: b("plan") }, body: { kind: "milestone", title: "Sneaky", parentId: a("planItem") } },
    {
      params: { planId: b("plan") },
      body: { kind: "objective", title: "Sneaky", outcomeIds: [a("outcome")] },
    },
    { params: { planId: b("plan") }, body: { kind: "objective", title: "Sneaky", ownerId: a("user") } },
    {
      params: { planId: b("plan") },
      body: { kind: "objective", title: "Sneaky", customerOwnerId: a("contact") },
    },
  ],
  updatePlanItem: [
    { params: { planId: a("plan"), itemId: a("planItem") }, body: { title: "Taken over" } },
    { params: { planId: b("plan"), itemId: a("planItem") }, body: { title: "Taken over" } },
    { params: { planId: b("plan"), itemId: b("planItem") }, body: { outcomeIds: [a("outcome")] } },
    { params: { planId: b("plan"), itemId: b("planItem") }, body: { ownerId: a("user") } },
    { params: { planId: b("plan"), itemId: b("planItem") }, body: { customerOwnerId: a("contact") } },
  ],
  deletePlanItem: [
    { params: { planId: a("plan"), itemId: a("planItem") } },
    { params: { planId: b("plan"), itemId: a("planItem") } },
  ],
  createPlanLink: [
    { params: { planId: a("plan") }, body: {} },
    { params: { planId: b("plan") }, body: { contactId: a("contact") } },
  ],
  revokePlanLink: [
    { params: { planId: a("plan"), linkId: a("planLink") } },
    { params: { planId: b("plan"), linkId: a("planLink") } },
  ],
  updatePlanTemplate: { params: { templateId: a("planTemplate") }, body: { name: "Sneaky" } },
  deletePlanTemplate: { params: { templateId: a("planTemplate") } },
  getStakeholderMap: { params: { accountId: a("account") } },

  listTickets: { query: { accountId: a("account") } },
  recordTicket: [
    { body: { accountId: a("account"), openedAt: "2026-02-01T00:00:00Z" } },
    // External ids are keys within a workspace: the intruder's ticket is its own.
    {
      body: { accountId: b("account"), externalId: a("ticketExternalId"), openedAt: "2026-02-01T00:00:00Z" },
      expect: "as-if-absent",
    },
  ],
  getTicket: { params: { ticketId: a("ticket") } },
  deleteTicket: { params: { ticketId: a("ticket") } },
  listSurveyResponses: [{ query: { accountId: a("account") } }, { query: { contactId: a("contact") } }],
  recordSurveyResponse: {
    body: { contactId: a("contact"), kind: "nps", score: 0, answeredAt: "2026-02-01T00:00:00Z" },
  },
  deleteSurveyResponse: { params: { responseId: a("surveyResponse") } },
  getExperienceMetrics: { query: { accountId: a("account") } },
  previewSurvey: [
    { body: { kind: "nps", audience: { contactIds: [a("contact")] } } },
    { body: { kind: "nps", audience: { accountIds: [a("account")] } } },
  ],
  sendSurvey: [
    { body: { kind: "nps", audience: { contactIds: [a("contact")] } } },
    { body: { kind: "nps", audience: { accountIds: [a("account")] } } },
  ],
  getSurvey: { params: { surveyId: a("survey") } },
  getMail: { params: { messageId: a("mailMessage") } },
  listTouchpoints: [
    { query: { accountId: a("account") } },
    { query: { contactId: a("contact") } },
    { query: { employeeId: a("user") } },
  ],
  createTouchpoint: [
    { body: { accountId: a("account"), channel: "call", title: "Sneaky" } },
    { body: { accountId: b("account"), channel: "call", title: "Sneaky", contactIds: [a("contact")] } },
    { body: { accountId: b("account"), channel: "call", title: "Sneaky", employeeId: a("user") } },
  ],
  getTouchpoint: { params: { touchpointId: a("touchpoint") } },
  updateTouchpoint: [
    { params: { touchpointId: a("touchpoint") }, body: { title: "Taken over" } },
    { params: { touchpointId: b("touchpoint") }, body: { contactIds: [a("contact")] } },
    { params: { touchpointId: b("touchpoint") }, body: { employeeId: a("user") } },
  ],
  deleteTouchpoint: { params: { touchpointId: a("touchpoint") } },
  getJourney: { query: { accountId: a("account") } },
  assignCapturedEmail: [
    { params: { emailId: a("capturedEmail") }, body: { accountId: b("account") } },
    { params: { emailId: b("capturedEmail") }, body: { accountId: a("account") } },
    {
      params: { emailId: b("capturedEmail") },
      body: { accountId: b("account"), contactIds: [a("contact")] },
    },
  ],
  dismissCapturedEmail: { params: { emailId: a("capturedEmail") } },
  // A list is one of three names every workspace has; a key added by the intruder is judged against
  // its own list (every workspace has `recognize_need`, so both calls answer the same conflict).
  createListItem: {
    params: { list: lit("decision") },
    body: { key: "recognize_need", label: "Sneaky" },
    expect: "as-if-absent",
  },
  updateListItem: { params: { list: lit("decision"), key: a("listItem") }, body: { label: "Sneaky" } },
  deleteListItem: { params: { list: lit("decision"), key: a("listItem") } },
  // A's keys are not in the intruder's list: refused as any unknown key is.
  reorderListItems: {
    params: { list: lit("decision") },
    body: { keys: [a("listItem")] },
    expect: "as-if-absent",
  },

  listTimeline: { params: { accountId: a("account") } },
  addNote: [
    { params: { accountId: a("account") }, body: { title: "Sneaky" } },
    { params: { accountId: b("account") }, body: { title: "Sneaky", contactId: a("contact") } },
  ],
  getTimelineEntry: { params: { accountId: a("account"), entryId: a("note") } },
  updateNote: [
    { params: { accountId: a("account"), entryId: a("note") }, body: { title: "Sneaky" } },
    { params: { accountId: b("account"), entryId: b("note") }, body: { contactId: a("contact") } },
  ],
  deleteNote: { params: { accountId: a("account"), entryId: a("note") } },

  cancelInvitation: { params: { id: a("invitation") } },
  updateMember: [
    { params: { id: a("user") }, body: { role: "viewer" } },
    // B's own member may not report to someone of A.
    { params: { id: b("user") }, body: { managerId: a("user") } },
  ],
  resetMemberPassword: { params: { id: a("user") }, body: { password: "plum-kettle-orbit-7731" } },
  removeMember: { params: { id: a("user") } },
  revokeApiKey: { params: { id: a("apiKey") } },
  deleteCustomField: { params: { entity: lit("account"), key: a("customField") } },
  listAuditLog: { query: { actorUserId: a("user") } },

  previewImport: { params: { entity: lit("accounts") }, body: { csv: "externalId,name\nA-1,Mine" } },
  runImport: { params: { entity: lit("accounts") }, body: { csv: "externalId,name\nA-1,Mine" } },
  getImport: { params: { id: a("importRun") } },
  // A mapping's name is a key within a workspace: the intruder saves its own.
  saveImportMapping: {
    params: { entity: lit("accounts"), name: a("importMapping") },
    body: { columns: { Title: "name" } },
    expect: "as-if-absent",
  },
  // `/exports/accounts` and `/exports/contacts` are routes of their own now: subscriptions still come here.
  exportCsv: [{ params: { entity: lit("accounts") } }, { params: { entity: lit("subscriptions") } }],
  exportAccounts: [
    { query: { ownerId: a("user") } },
    { query: { parentId: a("account") } },
    { query: { segmentId: a("segment") } },
  ],
  exportContacts: [{ query: { accountId: a("account") } }, { query: { segmentId: a("segment") } }],
  search: { query: { q: lit("Corp") } },

  getSource: { params: { id: a("source") } },
  updateSource: { params: { id: a("source") }, body: { name: "Taken over" } },
  rotateSourceKey: { params: { id: a("source") } },
  deleteSource: { params: { id: a("source") } },
  listSourceRejections: { params: { id: a("source") } },
  listEvents: [
    { query: { account: a("account") } },
    { query: { contact: a("contact") } },
    { query: { source: a("source") } },
  ],
  getAccountUsage: { params: { accountId: a("account") } },
  // An event name is a key within a workspace: the intruder describes its own feature.
  updateUsageFeature: { params: { event: a("feature") }, body: { key: true }, expect: "as-if-absent" },
  resolveParkedGroup: [
    { params: { groupId: a("parkedGroup") }, body: { action: "discard" } },
    { params: { groupId: b("parkedGroup") }, body: { action: "link", accountId: a("account") } },
  ],

  retryJob: { params: { id: a("job") } },
  discardJob: { params: { id: a("job") } },

  listChurnPredictions: { query: { ownerId: a("user") } },
  getAccountChurn: { params: { accountId: a("account") } },

  getHealthModel: { params: { id: a("healthModel") } },
  listHealthModelVersions: { params: { id: a("healthModel") } },
  updateHealthModel: { params: { id: a("healthModel") }, body: { name: "Taken over" } },
  publishHealthModel: { params: { id: a("healthModel") } },
  discardHealthModelDraft: { params: { id: a("healthModel") } },
  previewHealthModel: { body: { definition, accountIds: [a("account")] } },
  getAccountHealth: { params: { accountId: a("account") } },
  listSentiment: { params: { accountId: a("account") } },
  createSentiment: { params: { accountId: a("account") }, body: { rating: 1 } },
  startBacktest: { params: { id: a("healthModel") }, body: { everyDays: 30 } },
  listBacktests: { params: { id: a("healthModel") } },
  getBacktest: [
    { params: { id: a("backtest") } },
    { params: { id: b("backtest") }, query: { compareWith: a("backtest") } },
  ],
};
