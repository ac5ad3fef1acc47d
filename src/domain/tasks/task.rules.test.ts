import { describe, expect, it } from "vitest";
import type { TaskRow } from "./task.queries.ts";
import { closedTimelineTitle, dueDateFor, escalationEmail, snoozeProblem, toTask } from "./task.rules.ts";

const now = new Date("2026-05-10T12:00:00Z");
const row = (over: Partial<TaskRow> = {}): TaskRow => ({
  id: "0190a4b0-0000-7000-8000-000000000001",
  accountId: "0190a4b0-0000-7000-8000-000000000002",
  accountName: "Acme",
  kind: "alert",
  type: "risk",
  title: "Champion left: Dee",
  description: null,
  priority: "high",
  ownerId: "0190a4b0-0000-7000-8000-000000000003",
  ownerName: "Mo",
  dueDate: "2026-05-09",
  snoozedUntil: null,
  reason: { kind: "stakeholder_risk", text: "Dee left", data: {} },
  reasonKey: "stakeholder_risk:champion_left",
  ruleId: null,
  occurrences: 1,
  lastOccurredAt: now,
  escalatedAt: null,
  escalatedTo: [],
  createdBy: null,
  createdByName: null,
  createdAt: now,
  updatedAt: now,
  closedAt: null,
  closedBy: null,
  closedByName: null,
  outcome: null,
  outcomeNote: null,
  ...over,
});

describe("toTask", () => {
  it("calls an open item past its due day overdue, and a closed one never", () => {
    expect(toTask(row(), new Map(), now, "2026-05-10").overdue).toBe(true);
    expect(toTask(row({ dueDate: "2026-05-10" }), new Map(), now, "2026-05-10").overdue).toBe(false);
    expect(toTask(row({ closedAt: now, outcome: "done" }), new Map(), now, "2026-05-10")).toMatchObject({
      overdue: false,
      status: "closed",
    });
  });

  it("shows a snooze only while it lasts", () => {
    const later = new Date("2026-05-11T09:00:00Z");
    expect(toTask(row({ snoozedUntil: later }), new Map(), now, "2026-05-10").snoozedUntil).toBe(
      later.toISOString(),
    );
    expect(
      toTask(row({ snoozedUntil: new Date("2026-05-10T11:00:00Z") }), new Map(), now, "2026-05-10")
        .snoozedUntil,
    ).toBeNull();
  });

  it("names the people it was escalated to, leaving out those no longer members", () => {
    const task = toTask(row({ escalatedTo: ["u1", "u2"] }), new Map([["u1", "Ana"]]), now, "2026-05-10");
    expect(task.escalatedTo).toEqual([{ userId: "u1", name: "Ana" }]);
  });
});

describe("rules", () => {
  it("gives a raised item days by priority", () => {
    expect(dueDateFor("urgent", "2026-05-10")).toBe("2026-05-11");
    expect(dueDateFor("low", "2026-05-10")).toBe("2026-05-20");
  });

  it("takes a snooze in the future and within a year", () => {
    expect(snoozeProblem(new Date("2026-05-10T11:00:00Z"), now)).toBe("must be in the future");
    expect(snoozeProblem(new Date("2027-06-01T00:00:00Z"), now)).toBe("must be within a year");
    expect(snoozeProblem(new Date("2026-05-12T09:00:00Z"), now)).toBeNull();
  });

  it("words the timeline and the escalation email", () => {
    expect(closedTimelineTitle("Call Dee", "not_needed")).toBe("Call Dee — closed: no action needed");
    const one = escalationEmail("Ana", [row()], "https://s.example/inbox?view=mine");
    expect(one.subject).toBe("An overdue item was escalated to you");
    expect(one.textBody).toContain("- Champion left: Dee (Acme) — Mo's, due 2026-05-09");
    expect(escalationEmail("Ana", [row(), row()], "x").subject).toBe("2 overdue items were escalated to you");
  });
});
