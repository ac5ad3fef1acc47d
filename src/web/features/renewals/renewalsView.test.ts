import { describe, expect, it } from "vitest";
import {
  forecastTotals,
  longerWindow,
  noticeState,
  parseRenewalsSearch,
  pipelineCsvRows,
  reliabilityBins,
  sortRenewals,
} from "./renewalsView.ts";
import { ID, renewal } from "./sampleRenewal.ts";

describe("the view in the URL", () => {
  it("keeps what the page knows and leaves the defaults out", () => {
    const view = {
      tab: "outcomes",
      days: 30,
      owner: "none",
      stage: "negotiating",
      forecast: "at_risk",
      sort: "-arr",
      period: "next-12m",
      outcome: "churned",
    };
    expect(parseRenewalsSearch({ ...view, quarters: "12" })).toEqual({
      ...view,
      quarters: 12,
      segment: undefined,
      from: undefined,
      to: undefined,
    });
    // Numbers arrive as text from a hand-typed link; the defaults (90 days, 8 quarters, soonest first) stay out.
    const plain = parseRenewalsSearch({ days: "90", quarters: 8, sort: "due", tab: "pipeline" });
    expect(Object.values(plain).filter((v) => v !== undefined)).toEqual([]);
    expect(parseRenewalsSearch({ days: "180" }).days).toBe(180);
    expect(parseRenewalsSearch({ sort: "-due" }).sort).toBe("-due");
  });

  it("drops what the API would refuse, so a stale link still shows a view", () => {
    const s = parseRenewalsSearch({
      days: 45,
      owner: "someone",
      segment: "not-an-id",
      stage: "won",
      forecast: "maybe",
      outcome: "won",
      sort: "-colour",
      from: "2026-13",
      to: "2026-02",
      quarters: 40,
    });
    expect(s).toMatchObject({
      days: undefined,
      owner: undefined,
      segment: undefined,
      stage: undefined,
      forecast: undefined,
      outcome: undefined,
      sort: undefined,
      from: undefined,
      to: "2026-02",
      quarters: undefined,
    });
    expect(parseRenewalsSearch({ owner: ID, segment: ID })).toMatchObject({ owner: ID, segment: ID });
  });
});

describe("the pipeline's order", () => {
  const a = renewal({
    accountName: "Birch",
    arrMinor: 500,
    healthScore: null,
    owner: { id: ID, name: "Zoe" },
  });
  const b = renewal({ accountName: "acme", arrMinor: 900, healthScore: 40 });
  const c = renewal({
    accountName: "Cedar",
    arrMinor: 700,
    healthScore: 80,
    stage: "closed",
    outcome: "renewed",
  });

  it("sorts by a column either way, the server's order (soonest first) by default", () => {
    expect(sortRenewals([a, b, c], undefined)).toEqual([a, b, c]);
    expect(sortRenewals([a, b, c], "account").map((r) => r.accountName)).toEqual(["acme", "Birch", "Cedar"]);
    expect(sortRenewals([a, b, c], "-arr").map((r) => r.arrMinor)).toEqual([900, 700, 500]);
    expect(sortRenewals([a, b, c], "stage").map((r) => r.accountName)).toEqual(["Birch", "acme", "Cedar"]);
  });

  it("puts rows without a value last in both directions", () => {
    expect(sortRenewals([a, b, c], "health").map((r) => r.healthScore)).toEqual([40, 80, null]);
    expect(sortRenewals([a, b, c], "-health").map((r) => r.healthScore)).toEqual([80, 40, null]);
    expect(sortRenewals([a, b, c], "owner")[0]).toBe(a);
  });
});

describe("the notice date", () => {
  it("flags an open renewal whose notice date has passed or is two weeks away at most", () => {
    const today = "2026-03-01";
    expect(noticeState(renewal({ noticeDate: "2026-02-27" }), today)).toEqual({ state: "passed", days: -2 });
    expect(noticeState(renewal({ noticeDate: "2026-03-01" }), today)).toEqual({ state: "soon", days: 0 });
    expect(noticeState(renewal({ noticeDate: "2026-03-15" }), today)).toEqual({ state: "soon", days: 14 });
    expect(noticeState(renewal({ noticeDate: "2026-03-16" }), today)).toBeNull();
    // Decided: the notice no longer matters.
    expect(noticeState(renewal({ noticeDate: "2026-02-01", outcome: "churned" }), today)).toBeNull();
  });
});

describe("the forecast and the window", () => {
  it("shows the headline currency when there is one, else each currency", () => {
    const totals = (currency: string) => ({
      currency,
      renewals: 1,
      arrMinor: 1,
      expectedArrMinor: 1,
      model: { commitMinor: 1, likelyMinor: 0, atRiskMinor: 0, noneMinor: 0 },
      csm: { commitMinor: 0, likelyMinor: 0, atRiskMinor: 0, noneMinor: 1 },
    });
    const base = { thresholds: { commitAtLeast: 0.85, likelyAtLeast: 0.6 }, notes: [] };
    const calibration = {} as never;
    expect(
      forecastTotals({
        ...base,
        calibration,
        headline: totals("USD"),
        byCurrency: [totals("EUR"), totals("USD")],
      }),
    ).toHaveLength(1);
    expect(
      forecastTotals({
        ...base,
        calibration,
        headline: null,
        byCurrency: [totals("EUR"), totals("USD")],
      }).map((t) => t.currency),
    ).toEqual(["EUR", "USD"]);
  });

  it("labels the reliability table's tenths of churn probability with their past renewals", () => {
    expect(
      reliabilityBins([
        { from: 0.3, to: 0.4, renewals: 1, predicted: 0.7, actual: 1 },
        { from: 0.9, to: 1, renewals: 0, predicted: null, actual: null },
      ]),
    ).toEqual([
      { label: "30–40%", heading: "Churn probability 30–40%: 1 past renewal", predicted: 0.7, observed: 1 },
      {
        label: "90–100%",
        heading: "Churn probability 90–100%: 0 past renewals",
        predicted: null,
        observed: null,
      },
    ]);
  });

  it("suggests the next longer window, none after a year", () => {
    expect(longerWindow(90)).toBe(180);
    expect(longerWindow(30)).toBe(60);
    expect(longerWindow(365)).toBeNull();
  });
});

describe("the pipeline's CSV", () => {
  it("writes amounts in major units beside their currency and probabilities in percent", () => {
    const rows = pipelineCsvRows([
      renewal({
        currency: "EUR",
        arrMinor: 2_400_050,
        churnProbability: 0.1234,
        renewalProbability: 0.8766,
        owner: { id: ID, name: "Dana" },
        csmCall: "at_risk",
        callDiffers: true,
        outcome: "downgraded",
        reasonCode: "fewer_users",
        arrAfterMinor: 1_000_000,
      }),
    ]);
    expect(rows).toHaveLength(2);
    const [header, row] = rows as [string[], unknown[]];
    const at = (name: string) => row[header.indexOf(name)];
    expect(at("Currency")).toBe("EUR");
    expect(at("ARR")).toBe(24_000.5);
    expect(at("Churn probability (%)")).toBe(12.3);
    expect(at("Renewal probability (%)")).toBe(87.7);
    expect(at("Owner")).toBe("Dana");
    expect(at("CSM call")).toBe("at_risk");
    expect(at("Call differs")).toBe("yes");
    expect(at("Reason")).toBe("fewer_users");
    expect(at("ARR after")).toBe(10_000);
  });
});
