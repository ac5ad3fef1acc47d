import { describe, expect, it } from "vitest";
import type { CustomFieldDef } from "../../contract/index.ts";
import { customFieldLabels, splitFields } from "./customFieldSplit.ts";

const def = (key: string): CustomFieldDef => ({
  entity: "account",
  key,
  label: "",
  type: "text",
  options: null,
});
const defs = Array.from({ length: 20 }, (_, n) => def(`f${n}`));

describe("splitFields", () => {
  it("shows every field when there are few", () => {
    expect(splitFields(defs.slice(0, 6), {}, {}).hidden).toEqual([]);
  });

  it("folds away the rest once there are many, keeping the first ones", () => {
    const { visible, hidden } = splitFields(defs, {}, {});
    expect(visible.map((d) => d.key)).toEqual(["f0", "f1", "f2", "f3", "f4", "f5"]);
    expect(hidden).toHaveLength(14);
  });

  it("always shows the fields that hold a value or an error, even past the limit", () => {
    const values = Object.fromEntries(defs.slice(10, 18).map((d) => [d.key, "x"]));
    const { visible } = splitFields(defs, { ...values, f19: "", f1: null }, { "customFields.f19": "Bad" });
    expect(visible.map((d) => d.key)).toEqual([...defs.slice(10, 18).map((d) => d.key), "f19"]);
  });
});

describe("customFieldLabels", () => {
  it("keys each label as the server's issues name the field", () => {
    expect(
      customFieldLabels([
        { ...def("renewalOwner"), label: "" },
        { ...def("seats"), label: "Seats" },
      ]),
    ).toEqual({
      "customFields.renewalOwner": "Renewal owner",
      "customFields.seats": "Seats",
    });
  });
});
