import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError, errorMessage } from "../api.ts";
import { apiFormErrors, FORM_ERROR, issueText, pathLabel, schemaFormErrors } from "./issues.ts";

const refused = (issues: { path: string; code?: string; message: string }[]) =>
  new ApiError(400, "VALIDATION_FAILED", "Invalid body: …", { issues });

describe("issueText", () => {
  it("puts the field's label in front of a message that follows a name", () => {
    expect(issueText("Notes", "can be at most 20,000 characters")).toBe(
      "Notes can be at most 20,000 characters",
    );
    expect(issueText("Name", "is required")).toBe("Name is required");
    expect(issueText("Manager", "reports to this member already")).toBe(
      "Manager reports to this member already",
    );
  });
  it("reads a message written as a sentence as it is, capitalised", () => {
    expect(issueText("First name", "a contact needs a first name, a last name or an email")).toBe(
      "A contact needs a first name, a last name or an email",
    );
    expect(issueText(undefined, "Unknown field: mrrMinor")).toBe("Unknown field: mrrMinor");
  });
});

describe("pathLabel", () => {
  it("names a path by its last part in words", () => {
    expect(pathLabel("customFields.renewalOwner")).toBe("Renewal owner");
    expect(pathLabel("options.3")).toBe("Options");
    expect(pathLabel("query.limit")).toBe("Limit");
  });
});

describe("apiFormErrors", () => {
  const labels = {
    body: "Notes",
    name: "Name",
    "customFields.seats": "Seats",
    customFields: "Custom fields",
  };

  it("maps each issue to its field with the label, never the raw text", () => {
    const e = refused([
      { path: "body", code: "too_big", message: "can be at most 20,000 characters" },
      { path: "name", code: "invalid_type", message: "is required" },
      { path: "customFields.seats", code: "custom", message: "must be a number" },
    ]);
    expect(apiFormErrors(e, labels)).toEqual({
      body: "Notes can be at most 20,000 characters",
      name: "Name is required",
      "customFields.seats": "Seats must be a number",
    });
  });

  it("shows issues that match no field once, at the form's level", () => {
    const e = refused([
      { path: "", code: "unrecognized_keys", message: "Unknown field: mrrMinor" },
      { path: "ownerId", code: "custom", message: "is not a member of this workspace" },
      { path: "ownerId", code: "custom", message: "is not a member of this workspace" },
    ]);
    expect(apiFormErrors(e, labels)).toEqual({
      [FORM_ERROR]: "Unknown field: mrrMinor. Owner id is not a member of this workspace.",
    });
  });

  it("gives a nested path to the nearest field the form shows", () => {
    const e = refused([{ path: "customFields.unknownKey", message: "is not a defined custom field" }]);
    expect(apiFormErrors(e, labels)).toEqual({ customFields: "Custom fields is not a defined custom field" });
  });

  it("leaves the fields alone for an error that is not a refused input", () => {
    expect(apiFormErrors(new ApiError(409, "CONFLICT", "Taken"), labels)).toEqual({});
    expect(apiFormErrors(new Error("boom"), labels)).toEqual({});
  });
});

describe("schemaFormErrors", () => {
  it("checks in the browser with the contract's schema, worded as the server words it", () => {
    const schema = z.strictObject({
      name: z.string().trim().min(1).max(5),
      body: z.string().max(3).nullable(),
    });
    expect(schemaFormErrors(schema, { name: "", body: "long" }, { name: "Name", body: "Notes" })).toEqual({
      name: "Name is required",
      body: "Notes can be at most 3 characters",
    });
    expect(schemaFormErrors(schema, { name: "ok", body: null }, {})).toEqual({});
  });
});

describe("errorMessage of a refused input", () => {
  it("lists the issues in plain words instead of the validator's summary", () => {
    const e = refused([{ path: "body", code: "too_big", message: "can be at most 20,000 characters" }]);
    expect(errorMessage(e)).toBe("Body can be at most 20,000 characters.");
  });
});
