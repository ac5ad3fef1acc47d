import { describe, expect, it } from "vitest";
import type { ImportEntity } from "../../contract/imports.ts";
import { suggestMapping, TARGETS, targetDef, targetViews } from "./targets.rules.ts";
import { coerceTarget } from "./value.rules.ts";

const TELCO =
  "customerID,gender,SeniorCitizen,Partner,Dependents,tenure,PhoneService,MultipleLines,InternetService,OnlineSecurity,OnlineBackup,DeviceProtection,TechSupport,StreamingTV,StreamingMovies,Contract,PaperlessBilling,PaymentMethod,MonthlyCharges,TotalCharges,Churn".split(
    ",",
  );

describe("suggestMapping", () => {
  it("maps RavenStack accounts by synonyms and keeps the rest as custom fields", () => {
    const headers =
      "account_id,account_name,industry,country,signup_date,referral_source,plan_tier,seats,is_trial,churn_flag".split(
        ",",
      );
    expect(suggestMapping("accounts", headers).columns).toEqual({
      account_id: "externalId",
      account_name: "name",
      industry: "industry",
      country: "country",
      signup_date: "custom:signup_date",
      referral_source: "custom:referral_source",
      plan_tier: "tier",
      seats: "custom:seats",
      is_trial: "custom:is_trial",
      churn_flag: "custom:churn_flag",
    });
  });

  it("maps RavenStack subscriptions", () => {
    const headers =
      "subscription_id,account_id,start_date,end_date,plan_tier,seats,mrr_amount,arr_amount,is_trial,upgrade_flag,downgrade_flag,churn_flag,billing_frequency,auto_renew_flag".split(
        ",",
      );
    expect(suggestMapping("subscriptions", headers).columns).toMatchObject({
      subscription_id: "externalId",
      account_id: "accountExternalId",
      start_date: "startDate",
      end_date: "endDate",
      plan_tier: "plan",
      seats: "seats",
      mrr_amount: "mrr",
      arr_amount: "arr",
      is_trial: "custom:is_trial",
      churn_flag: "custom:churn_flag",
      billing_frequency: "billingPeriod",
      auto_renew_flag: "autoRenew",
    });
  });

  it("maps RavenStack feature usage; the other measures become event properties", () => {
    const headers =
      "usage_id,subscription_id,usage_date,feature_name,usage_count,usage_duration_secs,error_count,is_beta_feature".split(
        ",",
      );
    expect(suggestMapping("usage", headers).columns).toEqual({
      usage_id: "eventId",
      subscription_id: "subscriptionExternalId",
      usage_date: "timestamp",
      feature_name: "event",
      usage_count: "quantity",
      usage_duration_secs: "custom:usage_duration_secs",
      error_count: "custom:error_count",
      is_beta_feature: "custom:is_beta_feature",
    });
  });

  it("maps usage files keyed by account, with a timestamp, user and email", () => {
    const m = suggestMapping("usage", ["Event ID", "Account ID", "Timestamp", "Event", "User ID", "Email"]);
    expect(m.columns).toEqual({
      "Event ID": "eventId",
      "Account ID": "accountExternalId",
      Timestamp: "timestamp",
      Event: "event",
      "User ID": "userId",
      Email: "contactEmail",
    });
  });

  it("maps Telco: customerID and MonthlyCharges; Churn stays a custom field", () => {
    const accounts = suggestMapping("accounts", TELCO).columns;
    expect(accounts.customerID).toBe("externalId");
    expect(accounts.SeniorCitizen).toBe("custom:senior_citizen");
    expect(accounts.MonthlyCharges).toBe("custom:monthly_charges");
    expect(accounts.Churn).toBe("custom:churn");
    const subs = suggestMapping("subscriptions", TELCO).columns;
    expect(subs.customerID).toBe("accountExternalId");
    expect(subs.MonthlyCharges).toBe("mrr");
    expect(subs.Churn).toBe("custom:churn");
  });

  it("understands 'Account ID', exported headers and custom: headers, each target once", () => {
    const m = suggestMapping("contacts", [
      "Account ID",
      "E-mail Address",
      "id",
      "custom:nps",
      "Name",
      "Full Name",
      "",
    ]).columns;
    expect(m).toEqual({
      "Account ID": "accountExternalId",
      "E-mail Address": "email",
      id: "id",
      "custom:nps": "custom:nps",
      Name: "name",
      "Full Name": "custom:full_name",
      "": "ignore",
    });
  });

  it("maps a CRM's activity export to touchpoints; columns it does not know are ignored", () => {
    const headers =
      "Activity ID,Company ID,Activity Type,Subject,Activity Date,Assigned To,Team,Customer Stage,Sales Stage,Attendees,Notes,Quality Score,Customer Rating,Opportunity".split(
        ",",
      );
    expect(suggestMapping("touchpoints", headers).columns).toEqual({
      "Activity ID": "externalId",
      "Company ID": "accountExternalId",
      "Activity Type": "channel",
      Subject: "title",
      "Activity Date": "occurredAt",
      "Assigned To": "employeeEmail",
      Team: "function",
      "Customer Stage": "decisionStep",
      "Sales Stage": "developmentStep",
      Attendees: "contactEmails",
      Notes: "notes",
      "Quality Score": "qualityRating",
      "Customer Rating": "experienceRating",
      Opportunity: "ignore",
    });
  });

  it("maps RavenStack's churn events to renewal outcomes; the flags and refund are ignored", () => {
    const headers =
      "churn_event_id,account_id,churn_date,reason_code,refund_amount_usd,preceding_upgrade_flag,preceding_downgrade_flag,is_reactivation,feedback_text".split(
        ",",
      );
    expect(suggestMapping("renewal-outcomes", headers).columns).toEqual({
      churn_event_id: "externalId",
      account_id: "accountExternalId",
      churn_date: "date",
      reason_code: "reasonCode",
      refund_amount_usd: "ignore",
      preceding_upgrade_flag: "ignore",
      preceding_downgrade_flag: "ignore",
      is_reactivation: "ignore",
      feedback_text: "note",
    });
  });

  it("keeps headers that look like object internals", () => {
    const m = suggestMapping("accounts", ["__proto__", "constructor", "name"]).columns;
    expect(Object.keys(m)).toEqual(["__proto__", "constructor", "name"]);
    expect(m.constructor).toBe("custom:constructor");
    expect(Object.getPrototypeOf(m)).toBe(Object.prototype);
  });

  it("maps every target's own field name to itself", () => {
    for (const [entity, targets] of Object.entries(TARGETS)) {
      const fields = targets.map((t) => t.field);
      const m = suggestMapping(entity as keyof typeof TARGETS, fields).columns;
      for (const f of fields) expect(m[f], `${entity}.${f}`).toBe(f);
    }
  });
});

describe("targetViews", () => {
  it("lists fields, then custom fields, in the contract's type vocabulary", () => {
    const views = targetViews("subscriptions", [
      { entity: "subscription", key: "tier", label: "Tier", type: "select", options: ["a"] },
    ]);
    expect(views.find((v) => v.field === "currency")?.type).toBe("text");
    expect(views.find((v) => v.field === "status")?.options).toEqual([
      "trial",
      "active",
      "canceled",
      "expired",
    ]);
    expect(views.at(-1)).toMatchObject({ field: "custom:tier", type: "enum", options: ["a"] });
    expect(views.filter((v) => v.required).map((v) => v.field)).toEqual([
      "accountExternalId",
      "product",
      "startDate",
    ]);
  });

  it("shows usage's timestamp as a date and offers no custom fields for usage", () => {
    const views = targetViews("usage", [
      { entity: "account", key: "tier", label: "Tier", type: "text", options: null },
    ]);
    expect(views.find((v) => v.field === "timestamp")?.type).toBe("date");
    expect(views.some((v) => v.field.startsWith("custom:"))).toBe(false);
    expect(views.filter((v) => v.required).map((v) => v.field)).toEqual(["timestamp", "event"]);
  });
});

/** A cell as an entity's field reads it: its value, or the problem's code. */
const cellOf = (entity: ImportEntity) => (field: string, cell: string) => {
  const def = targetDef(entity, field);
  if (!def) throw new Error(field);
  const r = coerceTarget(def, cell);
  return r.ok ? r.value : r.code;
};

describe("touchpoint cells", () => {
  const read = cellOf("touchpoints");

  it("reads CRM spellings of channels", () => {
    const cells = [
      "Call",
      "Phone call",
      "Meeting",
      "Video call",
      "E-mail",
      "QBR",
      "EBR",
      "QBR/EBR",
      "Kick-off",
    ];
    expect(cells.map((c) => read("channel", c))).toEqual([
      "call",
      "call",
      "meeting",
      "meeting",
      "email",
      "qbr_ebr",
      "qbr_ebr",
      "qbr_ebr",
      "kickoff",
    ]);
    expect(["Webinar", "Demo", "In-app", "Carrier pigeon"].map((c) => read("channel", c))).toEqual([
      "webinar",
      "demo",
      "in_app",
      "invalid_enum",
    ]);
  });

  it("reads team names as functions", () => {
    expect(
      ["CS", "Customer Success", "Professional Services", "Customer Support", "Sales"].map((c) =>
        read("function", c),
      ),
    ).toEqual(["customer_success", "customer_success", "services", "support", "sales"]);
  });
});

describe("renewal outcome cells", () => {
  const read = cellOf("renewal-outcomes");

  it("reads common spellings of outcomes", () => {
    expect(
      ["Renewed", "Renewal", "Upsell", "Downgrade", "Churn", "Cancelled", "Lost"].map((c) =>
        read("outcome", c),
      ),
    ).toEqual(["renewed", "renewed", "expanded", "downgraded", "churned", "churned", "churned"]);
    expect(read("outcome", "paused")).toBe("invalid_enum");
  });

  it("reads the ARR after as money in minor units, the date as a day", () => {
    expect(read("arrAfter", "1,200.50")).toBe(120_050);
    expect(read("arrAfter", "-5")).toBe("invalid_money");
    expect(read("date", "2024-02-30")).toBe("invalid_date");
  });
});
