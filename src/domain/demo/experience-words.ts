/**
 * What Northwind's customers write: help-desk ticket subjects and survey verbatims, by topic and
 * by how the key player feels. Plain sentences a B2B buyer would type, several wordings each.
 */

/** Ticket subjects by topic; a troubled account's tickets lean to the ones marked urgent-prone. */
export const TICKET_SUBJECTS = {
  routine: [
    "How do I add a custom field to the account list?",
    "Question about seat counts on our invoice",
    "Can we change the owner of a saved segment?",
    "Request: export health scores to CSV every Monday",
    "How to give a read-only role to our finance team",
    "Dashboard filter resets after page reload",
    "Need help setting up a renewal playbook",
    "Where do I find the API key scopes?",
    "Update billing contact and VAT number",
    "Report export takes a long time for large segments",
    "Question about how the health score is calculated",
    "Add a second admin to our workspace",
    "Timezone on scheduled reports is wrong",
    "Request for a sandbox workspace",
    "Slack notifications go to the wrong channel",
    "How to bulk-update account owners",
  ],
  problem: [
    "Salesforce sync stopped updating opportunities",
    "SSO login fails with SAML assertion error",
    "Usage data missing since yesterday",
    "HubSpot integration creates duplicate contacts",
    "Alerts not firing for accounts below health 40",
    "API returns 429 during our nightly sync",
    "Scheduled report arrived empty",
    "Dashboard very slow to load (over 30 seconds)",
    "Snowflake export job failing with timeout",
    "Users cannot accept their invitations",
    "Playbook tasks assigned to a deactivated user",
    "Webhook deliveries failing with signature mismatch",
    "Health scores did not recompute overnight",
    "Invoice charged for more seats than we have",
  ],
} as const;

export type Mood = "promoter" | "passive" | "detractor";

/** NPS verbatims: why a key player would or would not recommend Northwind. */
export const NPS_COMMENTS: Record<Mood, readonly string[]> = {
  promoter: [
    "Onboarding was smooth and our CSM knew our business from day one.",
    "The renewal dashboards save my team hours every week.",
    "Support answers within the hour, even on the hard questions.",
    "We finally have one view of every customer. Leadership loves the reports.",
    "The Salesforce integration just works, which is rare.",
    "Playbooks took the guesswork out of onboarding our own customers.",
    "Reporting is flexible enough that I stopped building spreadsheets.",
    "Great product and a team that actually listens to feedback.",
    "Health scores flagged two at-risk customers before we would have noticed.",
    "Rolled it out to three more teams this quarter, adoption was easy.",
    "Our QBRs are better prepared thanks to the account summaries.",
    "Fair pricing for what we get, and no surprises on the invoice.",
  ],
  passive: [
    "Good product overall, but reporting could be more flexible.",
    "Does the job. The HubSpot integration needs more field mappings.",
    "Support is friendly but sometimes slow on complex tickets.",
    "We like it, though pricing for extra seats feels steep.",
    "Solid, but onboarding new users still takes too long.",
    "Useful dashboards; I'd like scheduled exports to more formats.",
    "Works well for our CSMs, less so for the finance team.",
    "Fine for now. The mobile experience needs work.",
    "Health scores are helpful but we still tune them a lot by hand.",
    "The product is good, the API rate limits get in our way.",
    "Not much to complain about, not much that wowed us either.",
  ],
  detractor: [
    "Sync with Salesforce breaks every few weeks and nobody tells us.",
    "Too expensive for how little of it my team actually uses.",
    "Support tickets take days to get a real answer.",
    "We lost our CSM twice this year and had to explain everything again.",
    "Reporting is too rigid; we export everything to Excel anyway.",
    "Onboarding dragged on for months and we never got full value.",
    "Dashboards are slow and time out on our larger segments.",
    "The renewal price increase came without any warning.",
    "Promised features from the sales cycle are still not on the roadmap.",
    "Our users find it confusing, adoption never took off.",
    "SSO problems locked out half our team during quarter close.",
    "We are evaluating alternatives that integrate better with our data warehouse.",
  ],
};

/** CSAT verbatims after a training session, a review or a support interaction. */
export const CSAT_COMMENTS: Record<"good" | "bad", readonly string[]> = {
  good: [
    "The admin training was clear and practical.",
    "Great QBR, the benchmark slides were really useful.",
    "Issue solved on the first call, thank you.",
    "Helpful session, the team now builds its own dashboards.",
    "Quick and friendly help with our import.",
    "Workshop on playbooks was exactly what we needed.",
  ],
  bad: [
    "The training was too generic for our use case.",
    "Took three follow-ups to get the export fixed.",
    "The review felt like a sales pitch rather than a look at our results.",
    "Answer did not solve the problem, ticket closed too early.",
    "Session ran over time and skipped the integration part.",
  ],
};

/** CES verbatims: how easy it was to get something done. */
export const CES_COMMENTS: Record<"easy" | "hard", readonly string[]> = {
  easy: [
    "Connecting Slack took five minutes.",
    "Setting up SSO was straightforward with the guide.",
    "Adding seats for the new team was easy.",
    "The CSV import mapped our columns on its own.",
  ],
  hard: [
    "Setting up the Salesforce integration needed two calls with support.",
    "Changing our billing details took far too many emails.",
    "Getting the API working took our developers a week.",
    "Hard to find where to configure alert thresholds.",
  ],
};
