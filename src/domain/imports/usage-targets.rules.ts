import { target } from "./target-def.rules.ts";
import type { TargetDef } from "./targets.rules.ts";

/** Usage events per row are capped so a day's total stays far from the rollups' integer limit. */
export const MAX_USAGE_COUNT = 1_000_000;

/**
 * A usage row: one use, or one day's count of uses, of a feature (an event name) by a subscription
 * or an account. Columns no target names can be mapped to `custom:<key>`: they become properties.
 * Kept apart from targets.rules.ts (which lists them) so the two files do not import each other.
 */
export const USAGE_TARGETS: TargetDef[] = [
  target("eventId", "Event id", "text", "eventid usageid messageid id eventuuid recordid", {
    maxLength: 500,
    description:
      "Your id for the event or row; a row whose id was imported (or ingested) before is skipped, so " +
      "importing a file again stores nothing twice. Without it, an id is made from the row's account or " +
      "subscription, time, event and user.",
  }),
  target(
    "subscriptionExternalId",
    "Subscription external id",
    "text",
    "subscriptionexternalid subscriptionid subid contractid",
    {
      maxLength: 200,
      description: "The subscription the use belongs to; it gives the account. Or give accountExternalId.",
    },
  ),
  target(
    "accountExternalId",
    "Account external id",
    "text",
    "accountexternalid accountid customerid companyid clientid groupid",
    { maxLength: 200, description: "The account's external id; or give subscriptionExternalId instead." },
  ),
  target("accountId", "Account Steward id", "uuid", "accountstewardid", {
    description: "Steward's id of the account, used when neither external id is given.",
  }),
  target(
    "timestamp",
    "Date or time",
    "timestamp",
    "timestamp usagedate eventdate date day time datetime occurredat eventtime ts createdat",
    {
      required: true,
      description: "A date (the event is placed at 00:00 UTC) or an ISO timestamp; without a zone, UTC.",
    },
  ),
  target("event", "Feature or event", "text", "event eventname feature featurename featurekey action", {
    maxLength: 200,
    required: true,
    description: "The event name, e.g. the feature used; it is the feature in usage reports.",
  }),
  target("quantity", "Count", "integer", "quantity count usagecount eventcount events uses usecount times", {
    min: 0,
    max: MAX_USAGE_COUNT,
    description: "How many uses the row stands for; 1 when there is no column or the cell is empty.",
  }),
  target("userId", "User id", "text", "userid user uid externaluserid", {
    maxLength: 500,
    description: "Your product's id of the user; distinct users are counted by it.",
  }),
  target("contactEmail", "Contact email", "email", "contactemail email useremail emailaddress", {
    maxLength: 320,
    description:
      "Links the use to the account's contact with this email; it is also the user when no user id is given.",
  }),
];
