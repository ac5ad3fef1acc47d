import type { ImportRowError } from "../../contract/imports.ts";
import type { RowIssue } from "../kernel/bulk.rules.ts";
import type { ParsedCsv } from "./csv.rules.ts";
import type { Plan } from "./mapping.rules.ts";
import { entityError } from "./validate-import.ts";

/** A row the owning module will check, with the file's row number. */
export type Prepared<T> = { row: number; write: T };

/** What a commit would write, and per written row whether it is new. */
export type Evaluated<T> = { writes: T[]; created: boolean[] };

/**
 * Reports the module's refusals at their rows (its field's column and cell) and keeps what a commit
 * would write. `fileField` names the file's column for a module path the file gives another way
 * (a respondent's `contactId` is the `email` column).
 */
export function settle<T>(
  plan: Plan,
  file: ParsedCsv,
  prepared: Prepared<T>[],
  checked: { issues: RowIssue[]; outcomes: { created: boolean }[] },
  sink: (e: ImportRowError) => void,
  fileField: Record<string, string> = {},
): Evaluated<T> {
  const refused = new Set<number>();
  for (const issue of checked.issues) {
    refused.add(issue.index);
    const path = fileField[issue.path] ?? issue.path;
    sink(entityError(plan, file, prepared[issue.index]?.row ?? 0, { ...issue, path }));
  }
  return {
    writes: prepared.filter((_, i) => !refused.has(i)).map((p) => p.write),
    created: checked.outcomes.filter((_, i) => !refused.has(i)).map((o) => o.created),
  };
}
