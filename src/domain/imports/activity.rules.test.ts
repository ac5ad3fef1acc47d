import { describe, expect, it } from "vitest";
import type { ImportMapping, ImportRowError } from "../../contract/imports.ts";
import { readActivityRows } from "./activity.rules.ts";
import { compilePlan } from "./mapping.rules.ts";

/** Reads renewal outcome rows with a mapping: what comes out, and the problems at their cells. */
function readOutcomes(header: string, lines: string[], mapping: ImportMapping) {
  const headers = header.split(",");
  const rows = lines.map((l) => l.split(","));
  const plan = compilePlan("renewal-outcomes", headers, rows, mapping, []);
  const errors: ImportRowError[] = [];
  const read = readActivityRows("renewal-outcomes", plan, rows, headers.length, (e) => {
    errors.push(e);
  });
  return { read, errors: errors.map((e) => [e.row, e.column, e.code, e.message]) };
}

const CHURN_MAPPING: ImportMapping = {
  columns: {
    id: "externalId",
    account: "accountExternalId",
    day: "date",
    reason: "reasonCode",
    feedback: "note",
  },
  defaults: { outcome: "churned" },
};

describe("renewal outcome rows", () => {
  it("reads a churn row with the mapping's default outcome; an empty reason or note is none", () => {
    const { read, errors } = readOutcomes(
      "id,account,day,reason,feedback",
      ["C-1,A-1,2024-03-05,pricing,too expensive", "C-2,A-2,2024-03-06,,"],
      CHURN_MAPPING,
    );
    expect(errors).toEqual([]);
    expect(read).toEqual([
      {
        entity: "renewal-outcomes",
        row: 1,
        externalId: "C-1",
        accountExternalId: "A-1",
        accountId: null,
        input: { date: "2024-03-05", outcome: "churned", reasonCode: "pricing", note: "too expensive" },
      },
      {
        entity: "renewal-outcomes",
        row: 2,
        externalId: "C-2",
        accountExternalId: "A-2",
        accountId: null,
        // The missing reason is the renewals module's to refuse, with the API's words.
        input: { date: "2024-03-06", outcome: "churned", reasonCode: null, note: null },
      },
    ]);
  });

  it("reports each bad cell at its row and column with the contract's message", () => {
    const { read, errors } = readOutcomes(
      "id,account,day,reason,result,arr",
      [
        "C-1,A-1,2024-13-01,pricing,churned,",
        "C-2,,2024-03-01,pricing,churned,",
        "C-3,A-3,,Pricing,churned,",
        "C-4,A-4,2024-03-01,budget,paused,",
        "C-5,A-5,2024-03-01,fewer_users,downgraded,-10",
        "C-6,A-6,1960-03-01,,renewed,",
      ],
      {
        columns: {
          id: "externalId",
          account: "accountExternalId",
          day: "date",
          reason: "reasonCode",
          result: "outcome",
          arr: "arrAfter",
        },
      },
    );
    expect(read.every((r) => r === null)).toBe(true);
    expect(errors).toEqual([
      [1, "day", "invalid_date", "date is not a real calendar date"],
      [2, "account", "required", "accountExternalId is required"],
      [3, "day", "required", "date is required"],
      [
        3,
        "reason",
        "invalid",
        "reasonCode must be a short code in lower case with underscores, such as pricing or champion_left",
      ],
      [4, "result", "invalid_enum", "outcome must be one of: renewed, expanded, downgraded, churned"],
      [5, "arr", "invalid_money", "arrAfter must not be negative"],
      [6, "day", "date_out_of_range", "date must be a date between 1970 and 2200"],
    ]);
  });

  it("takes the ARR after in major units, as the module's minor units", () => {
    const { read, errors } = readOutcomes(
      "id,account,day,result,arr",
      ["R-1,A-1,2024-03-01,expanded,12000.50"],
      {
        columns: {
          id: "externalId",
          account: "accountExternalId",
          day: "date",
          result: "outcome",
          arr: "arrAfter",
        },
      },
    );
    expect(errors).toEqual([]);
    expect(read[0]?.input).toEqual({
      date: "2024-03-01",
      outcome: "expanded",
      reasonCode: null,
      arrAfterMinor: 1_200_050,
    });
  });
});
