import { FUNCTIONS } from "../../common/roles.ts";
import { SURVEY_KINDS, TICKET_PRIORITIES } from "../../contract/experience.ts";
import { RENEWAL_OUTCOMES } from "../../contract/renewals.ts";
import { TOUCHPOINT_CHANNELS } from "../../contract/touchpoints.ts";
import { target } from "./target-def.rules.ts";
import type { TargetDef } from "./targets.rules.ts";

const accountRef = [
  target(
    "accountExternalId",
    "Account external id",
    "text",
    "accountexternalid accountid customerid companyid",
    {
      maxLength: 200,
      required: true,
      description: "The account's external id (the account must exist); or give accountId instead.",
    },
  ),
  target("accountId", "Account Steward id", "uuid", "accountstewardid", {
    description: "Steward's id of the account, used when accountExternalId is empty.",
  }),
];

/**
 * A support ticket from a help desk export (RavenStack's `ravenstack_support_tickets.csv` maps
 * itself). Tickets have no custom fields: columns no target names are ignored.
 */
export const TICKET_TARGETS: TargetDef[] = [
  target("externalId", "Ticket id", "text", "externalid ticketid ticketnumber ticket caseid casenumber", {
    maxLength: 200,
    description: "The help desk's id for the ticket; importing it again updates the ticket.",
  }),
  ...accountRef,
  target("subject", "Subject", "text", "subject title summary"),
  target("priority", "Priority", "enum", "priority severity urgency", {
    options: TICKET_PRIORITIES,
    aliases: { normal: "medium", critical: "urgent", p1: "urgent", p2: "high", p3: "medium", p4: "low" },
  }),
  target("openedAt", "Opened at", "timestamp", "openedat submittedat createdat created opened submitted", {
    required: true,
    description: "When the ticket was opened; a date is 00:00 UTC. Tickets are counted in periods by it.",
  }),
  target("closedAt", "Closed at", "timestamp", "closedat resolvedat solvedat closed resolved"),
  target(
    "firstResponseMinutes",
    "First response (minutes)",
    "number",
    "firstresponseminutes firstresponsetimeminutes firstresponsetime",
  ),
  target(
    "resolutionHours",
    "Resolution time (hours)",
    "number",
    "resolutionhours resolutiontimehours resolutiontime",
  ),
  target(
    "satisfaction",
    "Satisfaction (1–5)",
    "integer",
    "satisfaction satisfactionscore csat csatscore rating",
    {
      description:
        "The requester's rating from 1 to 5; an empty cell means they did not answer (not a zero).",
    },
  ),
  target("escalated", "Escalated", "boolean", "escalated escalationflag isescalated escalation"),
];

/**
 * An answer collected elsewhere. The default layout `email,kind,score,answered_at,comment` maps
 * itself; the respondent is the contact with that email.
 */
export const SURVEY_RESPONSE_TARGETS: TargetDef[] = [
  target("email", "Respondent email", "email", "email respondentemail contactemail emailaddress", {
    required: true,
    maxLength: 320,
    description: "The key player who answered: the contact with this email (exactly one).",
  }),
  target("kind", "Kind", "enum", "kind type surveytype survey question", {
    required: true,
    options: SURVEY_KINDS,
    aliases: { net_promoter_score: "nps", customer_effort_score: "ces", customer_satisfaction: "csat" },
    description: "nps (0–10), csat (1–5), ces (1–7) or dimension (1–5, with the dimension's key).",
  }),
  target("dimension", "Experience dimension", "text", "dimension experiencedimension"),
  target("score", "Score", "integer", "score answer rating value", { required: true }),
  target("answeredAt", "Answered at", "timestamp", "answeredat respondedat submittedat date answered", {
    required: true,
  }),
  target("comment", "Comment", "text", "comment comments verbatim feedback reason"),
];

/** How CRMs name their activity types, keyed as `enumKey` reads a cell ("Phone call" → phone_call). */
const CHANNEL_ALIASES: Record<string, string> = {
  phone: "call",
  phone_call: "call",
  logged_call: "call",
  call_logged: "call",
  video_call: "meeting",
  video_meeting: "meeting",
  online_meeting: "meeting",
  in_person: "meeting",
  in_person_meeting: "meeting",
  onsite: "meeting",
  on_site: "meeting",
  visit: "meeting",
  site_visit: "meeting",
  e_mail: "email",
  mail: "email",
  logged_email: "email",
  email_sent: "email",
  qbr: "qbr_ebr",
  ebr: "qbr_ebr",
  "qbr/ebr": "qbr_ebr",
  business_review: "qbr_ebr",
  quarterly_business_review: "qbr_ebr",
  executive_business_review: "qbr_ebr",
  kick_off: "kickoff",
  kickoff_meeting: "kickoff",
  kick_off_meeting: "kickoff",
  product_demo: "demo",
  demonstration: "demo",
  conference: "event",
  trade_show: "event",
  quote: "proposal",
  offer: "proposal",
  workshop: "training",
  enablement: "training",
  support_ticket: "ticket",
  case: "ticket",
  in_app_message: "in_app",
  note: "other",
  task: "other",
};

/** Team or department names for the functions of `common/roles.ts`. */
const FUNCTION_ALIASES: Record<string, string> = {
  cs: "customer_success",
  csm: "customer_success",
  customer_success_management: "customer_success",
  sdr: "sales",
  bdr: "sales",
  ae: "sales",
  account_executive: "sales",
  account_management: "sales",
  customer_support: "support",
  technical_support: "support",
  help_desk: "support",
  helpdesk: "support",
  ps: "services",
  professional_services: "services",
  consulting: "services",
  implementation: "services",
  product_management: "product",
  accounting: "finance",
  billing: "finance",
  exec: "executive",
  executives: "executive",
  leadership: "executive",
};

/**
 * An activity exported from a CRM (calls, meetings, emails…) as a touchpoint of the journey module.
 * Touchpoints have no custom fields: columns no target names are ignored.
 */
export const TOUCHPOINT_TARGETS: TargetDef[] = [
  target(
    "externalId",
    "Activity id",
    "text",
    "externalid activityid activityexternalid touchpointid engagementid interactionid id",
    {
      maxLength: 200,
      description: "The CRM's id for the activity; importing it again updates the touchpoint.",
    },
  ),
  ...accountRef,
  target(
    "channel",
    "Channel",
    "enum",
    "channel activitytype type touchpointtype engagementtype medium kind",
    {
      required: true,
      options: TOUCHPOINT_CHANNELS,
      aliases: CHANNEL_ALIASES,
      description:
        'Call, meeting, email, QBR/EBR, kickoff, … (common CRM spellings such as "Phone call" are read).',
    },
  ),
  target("function", "Function", "enum", "function team department ownerfunction ownerteam", {
    options: FUNCTIONS,
    aliases: FUNCTION_ALIASES,
    description: "Our team that owned it; when empty, the employee's own function.",
  }),
  target(
    "employeeEmail",
    "Employee email",
    "email",
    "employeeemail owneremail assignedtoemail assignedto activityowner owner useremail repemail employee",
    {
      maxLength: 320,
      description:
        "Email of the workspace member who held it (their function is the default). Without this column a new touchpoint has no employee.",
    },
  ),
  target(
    "decisionStep",
    "Customer decision step",
    "text",
    "decisionstep customerdecisionstep customerstep customerstage buyerstep buyingstage",
    {
      description: "A key or label of the workspace's decision steps.",
    },
  ),
  target(
    "developmentStep",
    "Business development step",
    "text",
    "developmentstep businessdevelopmentstep supplierstep salesstep salesstage",
    { description: "A key or label of the workspace's development steps." },
  ),
  target("title", "Title", "text", "title subject summary activitysubject name", { required: true }),
  target("notes", "Notes", "text", "notes note description comments comment body details"),
  target(
    "occurredAt",
    "Occurred at",
    "timestamp",
    "occurredat date activitydate datetime starttime startdate when timestamp completedat",
    { required: true, description: "When it took place; a date is 00:00 UTC. At most a day ahead." },
  ),
  target(
    "contactEmails",
    "Key players' emails",
    "text",
    "contactemails contactemail attendeeemails attendees participants keyplayers contacts",
    {
      description:
        "The key players present: emails separated by ; or , each a contact of the row's account. An empty cell removes them.",
    },
  ),
  target(
    "qualityRating",
    "Quality rating (1–5)",
    "integer",
    "qualityrating qualityscore quality performancerating internalrating",
    {
      description:
        "Our employee's performance, rated by the person importing (self-assessed when that is the employee).",
    },
  ),
  target(
    "experienceRating",
    "Experience rating (1–5)",
    "integer",
    "experiencerating experience customerrating customerexperience",
    { description: "How the customer experienced it, when known." },
  ),
];

/**
 * A renewal or churn decided elsewhere, with its reason code (RavenStack's churn events with
 * `docs/examples/ravenstack-churn-events.mapping.json`). The renewals module matches each row to a
 * subscription's renewal. No custom fields: columns no target names are ignored.
 */
export const RENEWAL_OUTCOME_TARGETS: TargetDef[] = [
  target(
    "externalId",
    "Event id",
    "text",
    "externalid churneventid eventid outcomeid renewalid renewaleventid cancellationid",
    {
      maxLength: 200,
      description: "The source's id for the renewal or churn; importing it again updates the record.",
    },
  ),
  ...accountRef,
  target(
    "date",
    "Date",
    "date",
    "date churndate renewaldate outcomedate decisiondate decidedat canceledat cancelledat cancellationdate eventdate",
    {
      required: true,
      description:
        "The day of the renewal or churn. A paid subscription of the account ending within 31 days of it is the renewal recorded.",
    },
  ),
  target("outcome", "Outcome", "enum", "outcome renewaloutcome result status", {
    required: true,
    options: RENEWAL_OUTCOMES,
    aliases: {
      renewal: "renewed",
      renew: "renewed",
      expansion: "expanded",
      upsell: "expanded",
      downgrade: "downgraded",
      contraction: "downgraded",
      churn: "churned",
      canceled: "churned",
      cancelled: "churned",
      lost: "churned",
    },
    description:
      "renewed, expanded, downgraded or churned; often given once in defaults (churned for a churn file).",
  }),
  target("reasonCode", "Reason code", "text", "reasoncode reason churnreason cancellationreason lossreason", {
    description:
      "A short lower-case code such as pricing, budget or competitor; required when churned or downgraded.",
  }),
  target("note", "Note", "text", "note notes feedback feedbacktext comment comments verbatim"),
  target("arrAfter", "ARR after (major units)", "money", "arrafter newarr renewedarr arrafterrenewal", {
    description: "The ARR it renewed at (expanded or downgraded); 0 or empty when churned.",
  }),
];
