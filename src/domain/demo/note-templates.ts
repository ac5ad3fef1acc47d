/** What a demo note may mention. */
export type NoteVars = { account: string; contact: string; product: string };

type Template = { title: string; body: (v: NoteVars) => string };

const t = (title: string, ...bodies: ((v: NoteVars) => string)[]): Template[] =>
  bodies.map((body) => ({ title, body }));

/** Notes people write at each moment of a customer's life, a few wordings each. */
export const NOTES = {
  kickoff: t(
    "Kickoff call",
    (v) =>
      `Kickoff with ${v.contact}. Agreed success criteria, a 60-day onboarding plan and weekly check-ins.`,
    (v) =>
      `Met ${v.contact} and the project team. Scoped the first workspace, data sources and admin owners.`,
  ),
  training: t(
    "Training session",
    (v) => `Admin training for ${v.contact}'s team: roles, dashboards and alerts. Recording shared.`,
    (v) => `Ran end-user training (two sessions). ${v.contact} will run the internal rollout.`,
  ),
  onboarded: t(
    "Onboarding complete",
    (v) =>
      `${v.account} is live on ${v.product}. First value reached: weekly reporting now runs in Northwind.`,
    (v) => `Go-live signed off by ${v.contact}. Handing over from onboarding to the regular success cadence.`,
  ),
  qbr: t(
    "QBR held",
    (v) =>
      `Quarterly review with ${v.contact}: adoption up, two outcomes on track, one at risk (reporting latency).`,
    (v) => `QBR with ${v.contact}. Reviewed usage by team, agreed to roll out to two more departments.`,
    (v) =>
      `QBR: ${v.contact} shared that the ops team saves about a day a week. Next step: executive summary.`,
  ),
  checkin: t(
    "Health check call",
    (v) => `Quick check-in with ${v.contact}. Usage steady; pointed them at the new templates.`,
    (v) =>
      `Checked in with ${v.contact}: no open issues, interested in the analytics add-on later this year.`,
  ),
  ebr: t(
    "Executive business review",
    (v) =>
      `EBR with ${v.contact}. Presented value delivered this year and the roadmap; sponsor relationship strong.`,
    (v) => `Executive review with ${v.contact}: aligned on next year's goals and a multi-team expansion.`,
  ),
  escalation: t(
    "Escalation resolved",
    (v) =>
      `${v.contact} escalated slow exports. Root cause was a stuck sync job; fixed and monitored for a week.`,
    (v) => `SSO outage for ${v.account} after their IdP change. Resolved within 4 hours; post-mortem shared.`,
    (v) =>
      `Billing dispute raised by ${v.contact}; corrected the invoice and credited one month of one add-on.`,
  ),
  renewal: t(
    "Renewal discussion",
    (v) =>
      `Renewal call with ${v.contact}. No blockers; asked for a usage summary for their procurement team.`,
    (v) => `Started renewal with ${v.contact}. Budget confirmed; legal review of the order form in progress.`,
  ),
  expansion: t(
    "Expansion opportunity",
    (v) => `${v.contact} wants to roll out to another business unit. Sent pricing for additional seats.`,
    (v) => `${v.contact} asked about deeper reporting; demoed Analytics and sent a proposal.`,
  ),
  downgrade: t(
    "Downgrade requested",
    (v) =>
      `${v.contact} asked to reduce seats at renewal after a reorganisation. Tried a smaller rollout plan first.`,
    (v) => `Budget cuts at ${v.account}: ${v.contact} will renew on a lower plan. Relationship remains good.`,
  ),
  risk: t(
    "Churn risk flagged",
    (v) => `Usage down sharply since ${v.contact}'s team was restructured. Recovery plan proposed.`,
    (v) => `${v.contact} is evaluating a cheaper competitor. Escalated to leadership for an executive call.`,
  ),
  notice: t(
    "Cancellation notice received",
    (v) => `${v.contact} confirmed they will not renew: budget moved to an in-house tool.`,
    (v) => `Non-renewal notice from ${v.account}. Reason given: project ended, no owner for the platform.`,
  ),
  exit: t(
    "Exit interview",
    (v) => `Exit interview with ${v.contact}. Main reasons: low adoption outside one team and price.`,
    (v) => `Exit call with ${v.contact}: open to coming back if the integrations they need ship.`,
  ),
  feedback: t(
    "Product feedback logged",
    (v) =>
      `${v.contact} asked for bulk editing in the planner. Logged as a feature request and linked to the roadmap.`,
    (v) => `${v.contact} reported confusion in the permissions screen; shared with the design team.`,
  ),
} satisfies Record<string, Template[]>;

export type NoteKind = keyof typeof NOTES;
