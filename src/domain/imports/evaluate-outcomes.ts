import { newId } from "../../common/ids.ts";
import type { ImportRowError } from "../../contract/imports.ts";
import type { Ctx } from "../context.ts";
import { checkRenewalOutcomes, type OutcomeRecordRow } from "../renewals/index.ts";
import type { OutcomeFileRow } from "./activity.rules.ts";
import { prepareForAccounts } from "./activity-refs.ts";
import { type Evaluated, settle } from "./activity-settle.ts";
import type { ParsedCsv } from "./csv.rules.ts";
import type { Plan } from "./mapping.rules.ts";

/**
 * Renewal outcome rows into the renewals module's own inputs: the account resolved here (unknown
 * ones at their column, like repeated event ids), then the module's `checkRenewalOutcomes`, which
 * matches each row to a subscription's renewal and applies the API's rules.
 */
export async function evaluateOutcomes(
  ctx: Ctx,
  plan: Plan,
  file: ParsedCsv,
  rows: OutcomeFileRow[],
  sink: (e: ImportRowError) => void,
): Promise<Evaluated<OutcomeRecordRow>> {
  const prepared = await prepareForAccounts(ctx, plan, rows, sink, (r, accountId) => {
    const { date, outcome, reasonCode, note, arrAfterMinor } = r.input;
    return {
      id: newId(),
      externalId: r.externalId,
      input: {
        accountId,
        date,
        outcome,
        reasonCode: reasonCode ?? null,
        ...(note !== undefined ? { note } : {}),
        ...(arrAfterMinor !== undefined ? { arrAfterMinor } : {}),
      },
    };
  });
  const checked = await checkRenewalOutcomes(
    ctx,
    prepared.map((p) => p.write),
  );
  // The module's fields as the file names them: the ARR after in major units, the renewal by its day.
  return settle(plan, file, prepared, checked, sink, { arrAfterMinor: "arrAfter" });
}
