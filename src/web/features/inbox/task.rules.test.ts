import { describe, expect, it } from "vitest";
import {
  escalatedText,
  fromLocalInput,
  occurrencesText,
  reasonFacts,
  snoozeChoices,
  toLocalInput,
} from "./task.rules.ts";

const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min);

describe("snooze choices", () => {
  it("come back at 9:00 local time: tomorrow, in 3 days, and the coming Monday", () => {
    // Wednesday 2026-12-09, 15:30.
    const [tomorrow, three, week] = snoozeChoices(local(2026, 12, 9, 15, 30));
    expect(tomorrow?.until).toEqual(local(2026, 12, 10, 9));
    expect(three?.until).toEqual(local(2026, 12, 12, 9));
    expect(week?.until).toEqual(local(2026, 12, 14, 9));
  });

  it("next week from a Sunday is the next day; from a Monday a week on; across a month end", () => {
    expect(snoozeChoices(local(2026, 12, 13, 8))[2]?.until).toEqual(local(2026, 12, 14, 9));
    expect(snoozeChoices(local(2026, 12, 14, 8))[2]?.until).toEqual(local(2026, 12, 21, 9));
    expect(snoozeChoices(local(2026, 12, 31, 8))[0]?.until).toEqual(local(2027, 1, 1, 9));
  });
});

describe("datetime-local values", () => {
  it("round-trip a local time to the minute", () => {
    const d = local(2027, 3, 5, 14, 7);
    expect(toLocalInput(d)).toBe("2027-03-05T14:07");
    expect(fromLocalInput("2027-03-05T14:07")).toBe(d.toISOString());
  });

  it("refuse what is not a time", () => {
    expect(fromLocalInput("")).toBeNull();
    expect(fromLocalInput("tomorrow")).toBeNull();
  });
});

describe("item facts in words", () => {
  it("count repeats only when the signal came back", () => {
    expect(occurrencesText(1)).toBeNull();
    expect(occurrencesText(3)).toBe("fired 3×");
  });

  it("name who an item was escalated to", () => {
    const to = [
      { userId: "a", name: "Grace Liu" },
      { userId: "b", name: "Alex Kim" },
    ];
    expect(escalatedText({ escalatedAt: "2026-12-01T10:00:00Z", escalatedTo: to })).toBe(
      "Escalated to Grace Liu, Alex Kim",
    );
    expect(escalatedText({ escalatedAt: null, escalatedTo: [] })).toBeNull();
  });

  it("read a survey follow-up's score with its survey, leaving out ids the text already tells", () => {
    const facts = reasonFacts({
      kind: "survey_follow_up",
      text: "Ann answered an NPS survey with 3",
      data: { responseId: "r1", contactId: "c1", surveyKind: "nps", score: 3 },
    });
    expect(facts).toEqual([
      { key: "contactId", label: "Contact", contactIds: ["c1"] },
      { key: "surveyKind", label: "Survey", text: "NPS" },
      { key: "score", label: "Score", text: "NPS 3" },
    ]);
  });

  it("name a relationship risk by its title, and any other figure by its key", () => {
    const facts = reasonFacts({
      kind: "rule",
      ruleId: "0190a1b2-0000-7000-8000-000000000001",
      text: "Usage dropped",
      data: { riskCode: "champion_left", contactIds: ["c1", "c2"], daysQuiet: 30 },
    });
    expect(facts.map((f) => [f.label, f.text ?? f.contactIds?.join()])).toEqual([
      ["Risk", "Champion left"],
      ["Contacts", "c1,c2"],
      ["Days quiet", "30"],
      ["Rule", "0190a1b2-0000-7000-8000-000000000001"],
    ]);
  });

  it("link a playbook step to its run, and name its role and where it went instead of showing ids", () => {
    const facts = reasonFacts({
      kind: "playbook",
      text: 'Step 3 of 5 of the "Risk" playbook, started by Dana',
      data: {
        playbookId: "p1",
        playbookName: "Risk",
        runId: "r1",
        step: 3,
        steps: 5,
        ownerRole: "executive_sponsor",
        ownerFrom: "account_owner",
      },
    });
    expect(facts).toEqual([
      {
        key: "playbook",
        label: "Run",
        step: { playbookId: "p1", playbookName: "Risk", runId: "r1", step: 3, steps: 5 },
      },
      { key: "ownerRole", label: "Step for", text: "Executive sponsor" },
      {
        key: "ownerFrom",
        label: "Given to",
        text: "The account owner: nobody holds the role on the account team",
      },
    ]);
  });
});
