import { describe, expect, it } from "vitest";
import type { AdvocacyAsk, AdvocacyCandidate } from "../../../contract/index.ts";
import { ApiError } from "../../api.ts";
import { toCsv } from "../../lib/csv.ts";
import { asksCsvRows, candidatesCsvRows, formatNps, npsTooltip, windowRefusal } from "./advocacyView.ts";

const candidate: AdvocacyCandidate = {
  contact: { id: "c1", name: "Dana Lee", title: "VP Finance", decisionRole: "champion" },
  account: { id: "a1", name: "Acme" },
  health: { band: "good", score: 81.6 },
  nps: { score: 10, answeredAt: "2026-11-03T10:00:00.000Z" },
  outcomesAchieved: 2,
  arrMinor: 12_000_00,
  currency: "USD",
  lastAsk: { askedOn: "2026-01-05", kind: "case_study", state: "declined" },
  reasons: ["Promoter: answered NPS 10 on 3 Nov 2026", "Healthy customer: good health, score 82"],
};

const ask: AdvocacyAsk = {
  id: "q1",
  account: { id: "a1", name: "Acme" },
  contact: null,
  kind: "referral",
  state: "delivered",
  askedOn: "2026-10-01",
  stateOn: "2026-10-20",
  detail: "=Referred Globex",
  askedBy: { userId: "u1", name: "Mo" },
  nextStates: [],
  createdAt: "2026-10-01T09:00:00.000Z",
  updatedAt: "2026-10-20T09:00:00.000Z",
};

describe("CSV exports", () => {
  it("gives each candidate's figures a column of their own, ARR in major units", () => {
    const [header, row] = candidatesCsvRows([candidate]);
    expect(header?.[0]).toBe("Contact");
    expect(row).toEqual([
      "Dana Lee",
      "VP Finance",
      "Acme",
      10,
      "2026-11-03",
      2,
      "good",
      82,
      12000,
      "USD",
      "2026-01-05",
      "Case study, declined",
      "Promoter: answered NPS 10 on 3 Nov 2026; Healthy customer: good health, score 82",
    ]);
    expect(candidatesCsvRows([{ ...candidate, lastAsk: null }])[1]?.[11]).toBe("Never");
  });

  it("writes the asks as the table shows them, a detail a spreadsheet would run escaped", () => {
    const rows = asksCsvRows([ask]);
    expect(rows[1]).toEqual([
      "2026-10-01",
      "Acme",
      null,
      "Referral",
      "Delivered",
      "2026-10-20",
      "=Referred Globex",
      "Mo",
    ]);
    expect(toCsv(rows).split("\n")[1]).toBe(
      "2026-10-01,Acme,,Referral,Delivered,2026-10-20,'=Referred Globex,Mo",
    );
  });
});

describe("the ask form's refusals", () => {
  it("reads the do-not-ask refusal with its field, and nothing else as one", () => {
    const refused = new ApiError(409, "CONFLICT", "Dana Lee was asked on 3 Nov 2026; …", {
      reason: "do_not_ask_window",
      field: "contactId",
    });
    expect(windowRefusal(refused)).toEqual({
      field: "contactId",
      message: "Dana Lee was asked on 3 Nov 2026; …",
    });
    expect(
      windowRefusal(
        new ApiError(409, "CONFLICT", "Acme was asked…", { reason: "do_not_ask_window", field: "accountId" }),
      )?.field,
    ).toBe("accountId");
    expect(
      windowRefusal(new ApiError(409, "CONFLICT", "This ask is agreed already", { askId: "q1" })),
    ).toBeNull();
    expect(windowRefusal(new Error("offline"))).toBeNull();
  });
});

describe("NPS in words", () => {
  it("signs a score, and says when a month had no answers", () => {
    expect(formatNps(23.456)).toBe("+23.5");
    expect(formatNps(-8)).toBe("−8");
    expect(formatNps(0)).toBe("0");
    expect(formatNps(null)).toBe("—");
    expect(npsTooltip({ score: null, responses: 0, promoters: 0, passives: 0, detractors: 0 })).toBe(
      "No NPS answers",
    );
    expect(npsTooltip({ score: 20, responses: 5, promoters: 2, passives: 2, detractors: 1 })).toBe(
      "NPS <b>+20</b><br/>5 answers: 2 promoters, 2 passives, 1 detractor",
    );
  });
});
