import { describe, expect, it } from "vitest";
import {
  assignSubscriptions,
  type Candidate,
  decisionChanged,
  mergeOutcome,
  type OutcomeInput,
  outcomeIssues,
  type StoredOutcome,
  slotKey,
} from "./outcome-import.rules.ts";

const candidate = (index: number, subscriptionId: string, endDate: string, distance: number): Candidate => ({
  index,
  subscriptionId,
  endDate,
  arrMinor: 120_000,
  distance,
});

const stored = (over: Partial<StoredOutcome> = {}): StoredOutcome => ({
  id: "rec-1",
  accountId: "acc-1",
  subscriptionId: "sub-1",
  dueDate: "2024-06-30",
  stage: "negotiating",
  csmCall: "at_risk",
  noticeDate: "2024-05-01",
  outcome: null,
  reasonCode: null,
  arrAfterMinor: null,
  note: "they asked for a discount",
  externalId: null,
  ...over,
});

const input = (over: Partial<OutcomeInput> = {}): OutcomeInput => ({
  accountId: "acc-1",
  date: "2024-06-25",
  outcome: "churned",
  reasonCode: "pricing",
  ...over,
});

describe("assignSubscriptions", () => {
  const rows = [{ externalId: "C-1" }, { externalId: "C-2" }, { externalId: "C-3" }];

  it("takes the subscription ending closest to each row's date, none when no end is near", () => {
    const out = assignSubscriptions(
      rows,
      [
        candidate(0, "sub-a", "2024-01-31", 20),
        candidate(0, "sub-b", "2024-01-05", 6),
        candidate(1, "sub-c", "2024-03-01", 31),
      ],
      new Map(),
    );
    expect(out.map((c) => c?.subscriptionId ?? null)).toEqual(["sub-b", "sub-c", null]);
  });

  it("gives a renewal to one row only: the nearer one; the other takes its next candidate or none", () => {
    const out = assignSubscriptions(
      rows,
      [
        candidate(0, "sub-a", "2024-01-31", 10),
        candidate(1, "sub-a", "2024-01-31", 2),
        candidate(0, "sub-b", "2024-02-20", 12),
        candidate(2, "sub-a", "2024-01-31", 2),
      ],
      new Map(),
    );
    // Rows 1 and 2 are as near: the earlier row wins; row 0 falls back to sub-b.
    expect(out.map((c) => c?.subscriptionId ?? null)).toEqual(["sub-b", "sub-a", null]);
  });

  it("breaks a tie in days by the earlier end, then the smaller id", () => {
    const out = assignSubscriptions(
      [{ externalId: null }],
      [candidate(0, "sub-z", "2024-02-10", 5), candidate(0, "sub-y", "2024-01-31", 5)],
      new Map(),
    );
    expect(out[0]?.subscriptionId).toBe("sub-y");
    const same = assignSubscriptions(
      [{ externalId: null }],
      [candidate(0, "sub-z", "2024-01-31", 5), candidate(0, "sub-y", "2024-01-31", 5)],
      new Map(),
    );
    expect(same[0]?.subscriptionId).toBe("sub-y");
  });

  it("does not offer a renewal recorded under another external id, but does under the row's own", () => {
    const held = new Map([[slotKey("sub-a", "2024-01-31"), "C-9"]]);
    const cands = [candidate(0, "sub-a", "2024-01-31", 0)];
    expect(assignSubscriptions(rows, cands, held)).toEqual([null, null, null]);
    const own = new Map([[slotKey("sub-a", "2024-01-31"), "C-1"]]);
    expect(assignSubscriptions(rows, cands, own)[0]?.subscriptionId).toBe("sub-a");
  });
});

describe("mergeOutcome", () => {
  it("records a matched row as the subscription's renewal due on its end, decided on the row's day", () => {
    const r = mergeOutcome(
      { id: "new-1", externalId: "C-1", input: input({ note: "too expensive" }) },
      null,
      candidate(0, "sub-1", "2024-06-30", 5),
      null,
    );
    expect(r).toEqual({
      id: "new-1",
      externalId: "C-1",
      accountId: "acc-1",
      subscriptionId: "sub-1",
      dueDate: "2024-06-30",
      stage: "closed",
      csmCall: null,
      noticeDate: null,
      outcome: "churned",
      reasonCode: "pricing",
      arrAfterMinor: null,
      note: "too expensive",
      decidedAt: "2024-06-25T00:00:00.000Z",
      updatedBy: null,
    });
  });

  it("names only the account when no subscription matched, due on the row's date", () => {
    const r = mergeOutcome({ id: "new-1", externalId: null, input: input() }, null, null, "user-1");
    expect(r).toMatchObject({
      subscriptionId: null,
      dueDate: "2024-06-25",
      externalId: null,
      updatedBy: "user-1",
    });
  });

  it("closes a person's record with the file's outcome, keeping the call, notice date and unmapped note", () => {
    const r = mergeOutcome(
      { id: "new-1", externalId: "C-1", input: input() },
      stored(),
      candidate(0, "sub-1", "2024-06-30", 5),
      null,
    );
    expect(r).toMatchObject({
      id: "rec-1",
      externalId: "C-1",
      stage: "closed",
      csmCall: "at_risk",
      noticeDate: "2024-05-01",
      outcome: "churned",
      reasonCode: "pricing",
      note: "they asked for a discount",
    });
    // A mapped empty cell clears the note.
    expect(
      mergeOutcome(
        { id: "x", externalId: "C-1", input: input({ note: null }) },
        stored(),
        candidate(0, "sub-1", "2024-06-30", 5),
        null,
      ).note,
    ).toBeNull();
  });
});

describe("outcomeIssues", () => {
  const record = (over: Partial<OutcomeInput>, match = true) =>
    mergeOutcome(
      { id: "r", externalId: null, input: input(over) },
      null,
      match ? candidate(0, "sub-1", "2024-06-30", 0) : null,
      null,
    );

  it("needs a reason for churned and downgraded renewals, as the API does", () => {
    expect(outcomeIssues(record({ reasonCode: null }), 120_000)).toEqual([
      { path: "reasonCode", code: "required", message: "is required when the renewal is churned: say why" },
    ]);
    expect(outcomeIssues(record({ outcome: "downgraded", reasonCode: null }), 120_000)[0]?.message).toBe(
      "is required when the renewal is downgraded: say why",
    );
    expect(outcomeIssues(record({ outcome: "renewed", reasonCode: null }), 120_000)).toEqual([]);
  });

  it("checks the ARR after against the outcome and, when matched, the ARR up for renewal", () => {
    const messages = (over: Partial<OutcomeInput>, arr: number | null = 120_000) =>
      outcomeIssues(record(over), arr).map((i) => `${i.path} ${i.message}`);
    expect(messages({ arrAfterMinor: 5 })).toEqual([
      "arrAfterMinor must be 0 or empty for a churned renewal",
    ]);
    expect(messages({ arrAfterMinor: 0 })).toEqual([]);
    expect(messages({ outcome: "expanded", reasonCode: null, arrAfterMinor: 120_000 })).toEqual([
      "arrAfterMinor must be more than the ARR up for renewal when it expanded",
    ]);
    expect(messages({ outcome: "downgraded", arrAfterMinor: 130_000 })).toEqual([
      "arrAfterMinor must be less than the ARR up for renewal when it was downgraded",
    ]);
    expect(messages({ outcome: "downgraded", arrAfterMinor: 60_000 })).toEqual([]);
    // Without a subscription there is no ARR to compare with.
    expect(messages({ outcome: "expanded", reasonCode: null, arrAfterMinor: 1 }, null)).toEqual([]);
  });
});

describe("decisionChanged", () => {
  it("is true for a new record or a changed outcome, reason or renewal; false for the same again", () => {
    const match = candidate(0, "sub-1", "2024-06-30", 0);
    const row = { id: "r", externalId: "C-1", input: input() };
    const first = mergeOutcome(row, null, match, null);
    expect(decisionChanged(null, first)).toBe(true);
    const before: StoredOutcome = { ...first };
    expect(decisionChanged(before, mergeOutcome(row, before, match, null))).toBe(false);
    const other = mergeOutcome({ ...row, input: input({ reasonCode: "budget" }) }, before, match, null);
    expect(decisionChanged(before, other)).toBe(true);
    expect(decisionChanged(before, mergeOutcome(row, before, null, null))).toBe(true);
  });
});
