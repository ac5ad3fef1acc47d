import { describe, expect, it } from "vitest";
import { ApiError } from "../../api.ts";
import { apiFormErrors, FORM_ERROR } from "../../lib/issues.ts";
import { blankDefinition, definitionErrors, definitionLabels } from "./modelDraft.ts";

const refused = (issues: { path: string; message: string }[]) =>
  new ApiError(400, "VALIDATION_FAILED", "Invalid body: …", { issues });

describe("a refused model save on the editor's form", () => {
  const labels: Record<string, string> = { name: "Name", ...definitionLabels(blankDefinition()) };
  const errors = apiFormErrors(
    refused([
      { path: "body.name", message: "is required" },
      { path: "body.definition.groups.0.measures.0.weight", message: "must be at least 0" },
      { path: "body.definition.groups.0.measures.0.rule", message: "Good and poor must differ" },
      { path: "body.definition.appliesTo.tiers.2", message: "is too long" },
      {
        path: "body.definition.groups.0.measures.0.missing",
        message: 'Invalid option: expected one of "skip"|"poor"',
      },
      { path: "body.definition", message: "groups share a key" },
    ]),
    labels,
  );

  it("shows each issue at its measure row, worded by the field's name", () => {
    expect(definitionErrors(errors)).toEqual({
      "groups.0.measures.0.weight": "Weight must be at least 0",
      "groups.0.measures.0.rule": "Good and poor must differ",
      "appliesTo.tiers": "Tiers is too long",
      "groups.0.measures": 'Invalid option: expected one of "skip"|"poor"',
    });
    expect(errors.name).toBe("Name is required");
  });

  it("keeps what no field shows for the top of the form", () => {
    expect(errors[FORM_ERROR]).toBe("Groups share a key.");
  });

  it("has no place for rows the definition does not have", () => {
    expect(labels).not.toHaveProperty("definition.groups.1.name");
    expect(labels["definition.groups.0.measures.0.rule.good"]).toBe("Good");
  });
});
