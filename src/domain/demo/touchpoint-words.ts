import type { TeamFunction } from "../../common/roles.ts";
import type { TouchpointChannel } from "../../contract/touchpoints.ts";

/**
 * The kinds of encounter the demo's touchpoints are made of: who owns each, at which customer
 * decision step and our development step, with titles and notes a team would write. `{who}` in a
 * note is the first key player present ("the team" when none was). No kind is marketing's at
 * "Renew, expand and advocate", nor finance's outside it: the journey shows those gaps.
 */
export type TouchpointKind = {
  channel: TouchpointChannel;
  fn: TeamFunction;
  decision: string;
  development: string;
  titles: readonly string[];
  notes: readonly string[];
};

const kind = (
  channel: TouchpointChannel,
  fn: TeamFunction,
  decision: string,
  development: string,
  titles: readonly string[],
  notes: readonly string[],
): TouchpointKind => ({ channel, fn, decision, development, titles, notes });

export const KINDS = {
  webinar: kind(
    "webinar",
    "marketing",
    "recognize_need",
    "attract",
    [
      "Webinar: Cutting cloud costs without slowing releases",
      "Webinar: How ops teams consolidate monitoring",
      "Webinar: Incident response in 30 minutes, not 3 hours",
    ],
    [
      "{who} attended live and stayed for the Q&A; asked how alerting works across regions.",
      "{who} watched the recording and downloaded the cost-savings checklist.",
      "Registered after a colleague shared the invite; asked for the slides afterwards.",
    ],
  ),
  conference: kind(
    "event",
    "marketing",
    "recognize_need",
    "attract",
    ["Northwind Connect user conference"],
    [
      "{who} came to the roadmap keynote and the automation workshop; wants the add-on pricing.",
      "Met {who} at the customer dinner; interested in the analytics add-on for their second team.",
      "{who} joined the peer round-table on tool consolidation and offered to speak next year.",
    ],
  ),
  nurture: kind(
    "email",
    "marketing",
    "explore_options",
    "engage",
    ["Trial welcome series: getting started guide", "Trial nurture: customer stories for their industry"],
    [
      "Opened all three emails and clicked through to the setup guide.",
      "{who} replied asking whether the trial can include the API.",
    ],
  ),
  discovery: kind(
    "call",
    "sales",
    "explore_options",
    "engage",
    ["Discovery call", "Discovery call: current tooling and pain points"],
    [
      "{who} described month-end firefighting with seven tools; budget exists for this fiscal year.",
      "Mapped the current stack and who signs off. {who} wants a shortlist by the end of the quarter.",
    ],
  ),
  demo: kind(
    "demo",
    "sales",
    "evaluate_select",
    "propose_win",
    ["Product demo for the evaluation team", "Tailored demo: dashboards and alerting"],
    [
      "Showed the incident timeline and cost dashboards on their own sample data; {who} asked about SSO.",
      "Demo went well; security review requested before the proposal.",
    ],
  ),
  proposal: kind(
    "proposal",
    "sales",
    "evaluate_select",
    "propose_win",
    ["Proposal and commercial terms", "Proposal: annual subscription with onboarding package"],
    [
      "Sent the proposal with a two-year price hold; {who} will take it to the budget meeting.",
      "Walked {who} through the proposal; legal review of the DPA is the last step.",
    ],
  ),
  kickoff: kind(
    "kickoff",
    "services",
    "implement",
    "onboard",
    ["Implementation kickoff", "Kickoff: project plan and success criteria"],
    [
      "Agreed the project plan, owners on both sides and the go-live date. {who} owns the rollout.",
      "Kickoff with {who}: success criteria written down, integrations listed, weekly check-ins booked.",
    ],
  ),
  welcome: kind(
    "call",
    "customer_success",
    "implement",
    "onboard",
    ["Welcome call", "Welcome call: first steps and success criteria"],
    [
      "Walked {who} through setup; agreed what success looks like in the first 90 days.",
      "Welcome call with {who}: accounts created, first integration connected on the call.",
    ],
  ),
  training: kind(
    "training",
    "services",
    "implement",
    "onboard",
    ["Admin training", "End-user training: dashboards and alerts", "Training: automation rules"],
    [
      "Trained the admins on roles, SSO and alert routing; {who} will train the rest of the team.",
      "Two sessions, 14 attendees; recording shared. Questions on custom dashboards followed up by email.",
      "Hands-on session building their first automation rules with {who}.",
    ],
  ),
  onboardingCall: kind(
    "call",
    "customer_success",
    "implement",
    "onboard",
    ["Onboarding check-in", "Onboarding: integration status"],
    [
      "Two of three integrations live; {who} is waiting on their network team for the third.",
      "Rollout on track; {who} wants a short guide for new joiners.",
    ],
  ),
  gettingStarted: kind(
    "webinar",
    "customer_success",
    "implement",
    "onboard",
    ["Getting-started webinar for new customers"],
    ["{who} joined with two colleagues; asked about importing historical data."],
  ),
  checkIn: kind(
    "call",
    "customer_success",
    "realize_value",
    "drive_value",
    ["Monthly check-in", "Check-in: adoption and open questions", "Check-in call: progress on goals"],
    [
      "Usage steady; {who} asked for a report template for their leadership update.",
      "Reviewed adoption by team: two teams lag. {who} will nominate a champion in each.",
      "{who} reports fewer incidents after the alert clean-up; agreed to measure it for the QBR.",
      "Open questions on the API answered; shared the automation best-practice guide.",
    ],
  ),
  qbr: kind(
    "qbr_ebr",
    "customer_success",
    "realize_value",
    "drive_value",
    ["Quarterly business review", "QBR: outcomes, adoption and next quarter's plan"],
    [
      "Reviewed outcomes against plan with {who}; next quarter focuses on the second business unit.",
      "Adoption up since last quarter; agreed two goals and a date to review the success plan.",
      "{who} wants clearer reporting on time saved; we will add it to the success plan.",
    ],
  ),
  inApp: kind(
    "in_app",
    "customer_success",
    "realize_value",
    "drive_value",
    ["In-app guide: new reporting dashboards", "In-app tour: automation templates"],
    ["Guide completed by most active users; {who} asked for the same tour for new joiners."],
  ),
  ticket: kind("ticket", "support", "realize_value", "drive_value", [], []),
  feedback: kind(
    "meeting",
    "product",
    "realize_value",
    "drive_value",
    ["Product feedback session", "Roadmap preview and feedback"],
    [
      "{who} walked us through their reporting workflow; two requests logged for the analytics team.",
      "Previewed the roadmap; {who} volunteered for the beta of the new cost explorer.",
    ],
  ),
  escalation: kind(
    "meeting",
    "executive",
    "realize_value",
    "drive_value",
    ["Executive escalation meeting", "Executive call: service issues and recovery plan"],
    [
      "{who} raised repeated outages and slow support answers; agreed a recovery plan with weekly updates.",
      "Acknowledged the problems, committed a named engineer and a review in 30 days.",
    ],
  ),
  ebr: kind(
    "qbr_ebr",
    "executive",
    "renew_expand",
    "grow_retain",
    ["Executive business review"],
    [
      "Annual review with {who}: value delivered, next year's priorities and the renewal timeline.",
      "{who} confirmed the platform is strategic; asked for a plan to roll out to the remaining regions.",
    ],
  ),
  renewalPrep: kind(
    "call",
    "customer_success",
    "renew_expand",
    "grow_retain",
    ["Renewal preparation call", "Renewal check: value summary and risks"],
    [
      "Went through the value summary with {who}; no blockers for the renewal so far.",
      "{who} wants the usage report before the budget meeting; shared it the same day.",
    ],
  ),
  renewalMeeting: kind(
    "meeting",
    "sales",
    "renew_expand",
    "grow_retain",
    ["Renewal meeting", "Renewal and expansion options"],
    [
      "Discussed renewal terms and seats for next year with {who}; options to follow in writing.",
      "{who} asked for a multi-year price; we will send two options.",
    ],
  ),
  renewalProposal: kind(
    "proposal",
    "sales",
    "renew_expand",
    "grow_retain",
    ["Renewal proposal", "Renewal proposal with multi-year option"],
    ["Sent the renewal quote with a multi-year option; {who} to confirm with procurement."],
  ),
  expansion: kind(
    "demo",
    "sales",
    "renew_expand",
    "grow_retain",
    ["Expansion demo: add-ons for the second team", "Demo of the analytics add-on"],
    ["{who} sees the add-on as the next step; asked for a quote for 12 months co-termed."],
  ),
  negotiation: kind(
    "meeting",
    "sales",
    "renew_expand",
    "grow_retain",
    ["Renewal negotiation", "Renewal call: budget cuts and seat count"],
    [
      "{who} says budgets are cut; they want fewer seats and no price increase.",
      "{who} is weighing a cheaper tool; asked for our best offer before the end of the month.",
    ],
  ),
  invoice: kind(
    "email",
    "finance",
    "renew_expand",
    "grow_retain",
    ["Renewal invoice and payment terms", "Purchase order and invoice details"],
    ["Sent the renewal invoice; {who} confirmed the PO number and billing contact."],
  ),
  cancellation: kind(
    "email",
    "finance",
    "renew_expand",
    "grow_retain",
    ["Cancellation confirmed"],
    ["Confirmed the end date and the data export window to {who}."],
  ),
} as const satisfies Record<string, TouchpointKind>;

export type KindKey = keyof typeof KINDS;
