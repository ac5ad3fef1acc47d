import { describe, expect, it } from "vitest";
import type { Rule } from "../../../contract/index.ts";
import { asFilterIssues, bodyOf, fieldValue, formPath, ruleLabels, valuesOf } from "./ruleDraft.ts";

const rule: Rule = {
  id: "01a24f44-988c-76f7-b506-aeca7f5b8878",
  name: "Detractors",
  description: null,
  enabled: false,
  trigger: { kind: "survey_answer", surveyKind: "nps", scoreAtMost: 6 },
  conditions: { match: "all", conditions: [{ field: "tier", op: "eq", value: "Enterprise" }] },
  actions: [
    {
      kind: "create_task",
      taskKind: "alert",
      type: "risk",
      priority: "high",
      title: "Call them",
      assignee: { kind: "round_robin", team: "CSM" },
    },
    { kind: "update_field", field: "custom.employees", value: 12 },
  ],
  lastRunAt: null,
  createdBy: null,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};

describe("rule drafts", () => {
  it("round-trips a saved rule: only the chosen kinds' fields are sent", () => {
    const body = bodyOf(valuesOf(rule));
    expect(body).toEqual({
      name: "Detractors",
      description: null,
      trigger: rule.trigger,
      conditions: rule.conditions,
      actions: rule.actions,
    });
  });

  it("starts a new rule on health turning poor, every account, one alert", () => {
    const body = bodyOf(valuesOf(undefined));
    expect(body.trigger).toEqual({ kind: "health_band", to: "poor" });
    expect(body.conditions).toEqual({ match: "all", conditions: [] });
    expect(body.actions).toHaveLength(1);
  });

  it("reads update_field values by the field's type; empty clears", () => {
    expect(fieldValue(" 12 ", "number")).toBe(12);
    expect(fieldValue("true", "boolean")).toBe(true);
    expect(fieldValue("", "text")).toBeNull();
  });

  it("puts the server's paths at the form's fields and the builder's rows", () => {
    expect(formPath("trigger.to", "stage_change")).toBe("trigger.stage");
    expect(formPath("trigger.to", "health_band")).toBe("trigger.band");
    expect(ruleLabels(2)["actions.1.assignee.team"]).toBe("Team");
    expect(
      asFilterIssues([
        { path: "conditions.conditions.0.op", code: "invalid", message: "x" },
        { path: "trigger.cron", code: "invalid", message: "y" },
      ]),
    ).toEqual([{ path: "filter.conditions.0.op", code: "invalid", message: "x" }]);
  });
});
