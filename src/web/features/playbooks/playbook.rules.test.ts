import { describe, expect, it } from "vitest";
import type { TaskReason } from "../../../contract/index.ts";
import {
  ownerFromText,
  pointsText,
  progressPercent,
  progressText,
  rateDiffText,
  reasonAfterStep,
  restoredText,
  stepOfReason,
  stepRefText,
} from "./playbook.rules.ts";

const reason: TaskReason = {
  kind: "playbook",
  ruleId: "0190a1b2-0000-7000-8000-000000000001",
  text: 'Step 2 of 5 of the "Risk: health turned poor" playbook, started by rule "Poor health": health turned poor',
  data: {
    playbookId: "0190a1b2-0000-7000-8000-0000000000aa",
    playbookName: "Risk: health turned poor",
    runId: "0190a1b2-0000-7000-8000-0000000000bb",
    step: 2,
    steps: 5,
    ownerRole: "csm",
    ownerFrom: "account_team",
  },
};

describe("a playbook step's reason", () => {
  it("names its step and run, and links in words", () => {
    const step = stepOfReason(reason);
    expect(step).toEqual({
      playbookId: "0190a1b2-0000-7000-8000-0000000000aa",
      playbookName: "Risk: health turned poor",
      runId: "0190a1b2-0000-7000-8000-0000000000bb",
      step: 2,
      steps: 5,
    });
    expect(step && stepRefText(step)).toBe("Step 2 of 5 · Risk: health turned poor");
    expect(step && reasonAfterStep(reason.text, step)).toBe(
      'started by rule "Poor health": health turned poor',
    );
  });

  it("is none for other reasons or incomplete data; an unusual text is kept whole", () => {
    expect(stepOfReason({ ...reason, kind: "rule" })).toBeNull();
    expect(stepOfReason({ ...reason, data: { ...reason.data, runId: undefined } })).toBeNull();
    const step = stepOfReason(reason);
    expect(step && reasonAfterStep("Started by hand", step)).toBe("Started by hand");
  });

  it("says where the task went", () => {
    expect(ownerFromText("account_owner")).toBe(
      "The account owner: nobody holds the role on the account team",
    );
    expect(ownerFromText("account_team")).toBe("The person in that role on the account team");
    expect(ownerFromText("elsewhere")).toBeNull();
  });
});

describe("run and report figures", () => {
  it("show progress as a share and in words", () => {
    expect(progressPercent({ closed: 2, total: 5, overdue: 0 })).toBe(40);
    expect(progressPercent({ closed: 0, total: 0, overdue: 0 })).toBe(0);
    expect(progressText({ closed: 2, total: 5, overdue: 1 })).toBe("2 of 5 steps closed · 1 overdue");
    expect(progressText({ closed: 1, total: 1, overdue: 0 })).toBe("1 of 1 step closed");
    expect(progressText({ closed: 0, total: 0, overdue: 0 })).toBe("No steps: held out");
  });

  it("sign health changes in points and rate differences in percentage points", () => {
    expect(pointsText(3.25)).toBe("+3.3");
    expect(pointsText(-1.5)).toBe("−1.5");
    expect(pointsText(0)).toBe("±0");
    expect(pointsText(null)).toBe("—");
    expect(rateDiffText(-0.042)).toBe("−4.2 pts");
    expect(rateDiffText(0.1)).toBe("+10 pts");
    expect(rateDiffText(null)).toBe("—");
  });

  it("say what Restore defaults added, or that nothing was missing", () => {
    expect(restoredText([])).toBe("Nothing was missing: every default playbook is here.");
    expect(restoredText([{ name: "Onboarding" }])).toBe("Added back a default playbook: Onboarding.");
    expect(restoredText([{ name: "Onboarding" }, { name: "Champion left" }])).toBe(
      "Added back 2 default playbooks: Onboarding, Champion left.",
    );
  });
});
