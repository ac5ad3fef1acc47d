import { describe, expect, it } from "vitest";
import { ZRenewalUpdate } from "../../../contract/index.ts";
import {
  checkRenewal,
  OTHER_REASON,
  openStageOf,
  pickOutcome,
  reasonOptions,
  toBody,
  toReasonCode,
  valuesOf,
} from "./renewalDraft.ts";
import { renewal } from "./sampleRenewal.ts";

describe("the renewal form's body", () => {
  it("sends every field for the row's renewal date, the ARR after in minor units", () => {
    const r = renewal({ note: "Budget review", csmCall: "likely" });
    const v = pickOutcome(
      { ...valuesOf(r), arrAfter: 15_000.5, reason: "more_seats" },
      "expanded",
      "outreach",
    );
    const body = toBody(v, r);
    expect(body).toEqual({
      dueDate: "2026-05-01",
      stage: "closed",
      csmCall: "likely",
      noticeDate: null,
      note: "Budget review",
      outcome: "expanded",
      reasonCode: "more_seats",
      arrAfterMinor: 1_500_050,
    });
    expect(ZRenewalUpdate.safeParse(body).success).toBe(true);
  });

  it("keeps a notice date set on the renewal, and leaves the workspace's default alone", () => {
    expect(valuesOf(renewal({ noticeDate: "2026-03-02", noticeDateSet: false })).noticeDate).toBe("");
    const own = renewal({ noticeDate: "2026-02-15", noticeDateSet: true });
    expect(toBody(valuesOf(own), own).noticeDate).toBe("2026-02-15");
  });

  it("takes a typed other reason as a short code, and drops reason and ARR after with the outcome", () => {
    expect(toReasonCode("  Moved in-house ")).toBe("moved_in_house");
    expect(toReasonCode("Too expensive!")).toBe("too_expensive");
    const r = renewal();
    const churned = pickOutcome(
      { ...valuesOf(r), reason: OTHER_REASON, otherReason: "Moved in house", arrAfter: 100 },
      "churned",
      "outreach",
    );
    expect(toBody(churned, r)).toMatchObject({
      outcome: "churned",
      reasonCode: "moved_in_house",
      arrAfterMinor: null,
    });
    const withdrawn = pickOutcome(churned, null, "outreach");
    expect(toBody(withdrawn, r)).toMatchObject({ stage: "outreach", outcome: null, reasonCode: null });
  });
});

describe("picking an outcome", () => {
  it("closes the renewal, and clearing it reopens at the stage it had", () => {
    const r = renewal({ stage: "negotiating" });
    const picked = pickOutcome(valuesOf(r), "renewed", openStageOf(r));
    expect(picked.stage).toBe("closed");
    expect(pickOutcome(picked, null, openStageOf(r)).stage).toBe("negotiating");
    // A renewal closed before reopens in negotiation.
    expect(openStageOf(renewal({ stage: "closed", outcome: "renewed" }))).toBe("negotiating");
  });
});

describe("the server's rules, in a CSM's words", () => {
  const r = renewal({ arrMinor: 1_200_000 });
  const with_ = (over: Partial<ReturnType<typeof valuesOf>>) => ({ ...valuesOf(r), ...over });

  it("asks why a customer churned or downgraded", () => {
    expect(checkRenewal(with_({ stage: "closed", outcome: "churned" }), r)).toEqual({
      reasonCode: "Reason is required when the customer churned: pick why, or type another reason",
    });
    expect(checkRenewal(with_({ stage: "closed", outcome: "downgraded" }), r).reasonCode).toMatch(
      /customer downgraded/,
    );
    expect(checkRenewal(with_({ stage: "closed", outcome: "churned", reason: "pricing" }), r)).toEqual({});
    expect(checkRenewal(with_({ stage: "closed", outcome: "renewed" }), r)).toEqual({});
    expect(
      checkRenewal(
        with_({ stage: "closed", outcome: "churned", reason: OTHER_REASON, otherReason: " !" }),
        r,
      ),
    ).toEqual({ reasonCode: "Type the other reason, e.g. moved in house" });
  });

  it("keeps stage and outcome together", () => {
    expect(checkRenewal(with_({ stage: "closed" }), r).outcome).toMatch(/^Pick the outcome to close/);
    expect(checkRenewal(with_({ stage: "outreach", outcome: "renewed" }), r).stage).toBe(
      "Stage must be Closed once the renewal has an outcome",
    );
  });

  it("compares the ARR after with the ARR up for renewal, naming the amount", () => {
    expect(checkRenewal(with_({ stage: "closed", outcome: "expanded", arrAfter: 12_000 }), r)).toEqual({
      arrAfterMinor:
        "ARR after must be more than $12,000.00, the ARR up for renewal, when the customer expanded",
    });
    expect(
      checkRenewal(with_({ stage: "closed", outcome: "downgraded", reason: "budget", arrAfter: 13_000 }), r)
        .arrAfterMinor,
    ).toMatch(/must be less than \$12,000\.00/);
    expect(
      checkRenewal(with_({ stage: "closed", outcome: "downgraded", reason: "budget", arrAfter: 9_000 }), r),
    ).toEqual({});
  });
});

describe("the reasons offered", () => {
  it("offers the usual reasons for the outcome, then the workspace's own codes, then another", () => {
    const groups = reasonOptions("churned", [
      "pricing",
      "moved_in_house",
      null,
      "moved_in_house",
      OTHER_REASON,
    ]);
    expect(groups.map((g) => g.group)).toEqual([
      "Usual reasons to have churned",
      "Used in this workspace",
      "Something else",
    ]);
    expect(groups[0]?.items.find((i) => i.value === "champion_left")?.label).toBe("Champion left");
    expect(groups[1]?.items).toEqual([{ value: "moved_in_house", label: "Moved in house" }]);
    expect(groups[2]?.items).toEqual([{ value: OTHER_REASON, label: "Other reason…" }]);
    // No value twice: a select needs each once.
    const values = groups.flatMap((g) => g.items.map((i) => i.value));
    expect(new Set(values).size).toBe(values.length);
  });

  it("offers the downgrade reasons for a downgrade, and only used codes for a renewal", () => {
    expect(reasonOptions("downgraded", [])[0]?.items.map((i) => i.value)).toContain("fewer_users");
    expect(reasonOptions("renewed", ["pricing"]).map((g) => g.group)).toEqual([
      "Used in this workspace",
      "Something else",
    ]);
  });
});
