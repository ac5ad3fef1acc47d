import { SURVEY_KINDS, TICKET_PRIORITIES } from "../../contract/experience.ts";
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
