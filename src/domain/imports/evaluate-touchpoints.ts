import { newId } from "../../common/ids.ts";
import type { ImportRowError } from "../../contract/imports.ts";
import type { Ctx } from "../context.ts";
import { checkTouchpoints, type TouchpointUpsertRow } from "../journey/index.ts";
import type { TouchpointFileRow } from "./activity.rules.ts";
import { journeySteps, storedTouchpointIds } from "./activity-import.queries.ts";
import { accountsNamed, repeatedIds, unknownAccount } from "./activity-refs.ts";
import { type Evaluated, type Prepared, settle } from "./activity-settle.ts";
import type { ParsedCsv } from "./csv.rules.ts";
import { membersByEmail } from "./import.queries.ts";
import type { Plan } from "./mapping.rules.ts";
import { contactKey } from "./usage.rules.ts";
import { contactsByEmail } from "./usage-import.queries.ts";

type Sink = (e: ImportRowError) => void;
type StepList = "decision" | "development";

const lower = (xs: (string | null | undefined)[]) => [
  ...new Set(xs.flatMap((x) => (x ? [x.toLowerCase()] : []))),
];

/**
 * A step's key from a cell giving its key or its label (without case): live items before archived
 * ones with the same label. A cell naming no item goes on as written, for the module to refuse.
 */
function stepReader(steps: { list: StepList; key: string; label: string }[]) {
  const found = new Map<string, string>();
  for (const s of steps) {
    found.set(`${s.list} key ${s.key}`, s.key);
    for (const k of [
      `${s.list} key ${s.key.toLowerCase()}`,
      `${s.list} label ${s.label.trim().toLowerCase()}`,
    ])
      if (!found.has(k)) found.set(k, s.key);
  }
  return (list: StepList, cell: string | null | undefined) => {
    if (cell === undefined || cell === null) return cell;
    return (
      found.get(`${list} key ${cell}`) ??
      found.get(`${list} key ${cell.toLowerCase()}`) ??
      found.get(`${list} label ${cell.toLowerCase()}`) ??
      cell
    );
  };
}

async function loadReferences(ctx: Ctx, rows: TouchpointFileRow[]) {
  const { db, workspaceId } = ctx;
  const accountOf = await accountsNamed(ctx, rows);
  const pairs = rows.flatMap((r) => {
    const accountId = accountOf(r);
    return accountId ? (r.contactEmails ?? []).map((email) => ({ accountId, email })) : [];
  });
  return {
    accountOf,
    members: await membersByEmail(db, workspaceId, lower(rows.map((r) => r.employeeEmail))),
    contacts: await contactsByEmail(db, workspaceId, pairs),
    step: stepReader(await journeySteps(db, workspaceId)),
    stored: await storedTouchpointIds(db, workspaceId, [
      ...new Set(rows.flatMap((r) => (r.externalId ? [r.externalId] : []))),
    ]),
  };
}

/**
 * Touchpoint rows into the journey module's own inputs: the account, the employee (a member by
 * email), the steps (by key or label) and the key players (contacts of the row's account by email)
 * resolved here, each unknown one at its column; then the module's `checkTouchpoints`.
 */
export async function evaluateTouchpoints(
  ctx: Ctx,
  plan: Plan,
  file: ParsedCsv,
  rows: TouchpointFileRow[],
  sink: Sink,
): Promise<Evaluated<TouchpointUpsertRow>> {
  const columnOf = (f: string) => plan.fields.get(f)?.header ?? null;
  const refs = await loadReferences(ctx, rows);
  const repeated = repeatedIds(plan);
  const prepared: Prepared<TouchpointUpsertRow>[] = [];
  for (const r of rows) {
    let bad = false;
    const error = (field: string, value: string | null, code: string, message: string) => {
      bad = true;
      sink({ row: r.row, column: columnOf(field), field, value, code, message });
    };
    const repeat = repeated(r);
    if (repeat) {
      sink(repeat);
      continue;
    }
    const accountId = refs.accountOf(r);
    if (!accountId) {
      bad = true;
      sink(unknownAccount(plan, r));
    }
    let employeeId: string | null | undefined;
    if (r.employeeEmail) {
      employeeId = refs.members.get(r.employeeEmail.toLowerCase());
      if (!employeeId)
        error(
          "employeeEmail",
          r.employeeEmail,
          "unknown_member",
          `employeeEmail "${r.employeeEmail}" is not a member of this workspace; invite them first`,
        );
    } else if (r.employeeEmail === null || r.externalId === null || !refs.stored.has(r.externalId)) {
      // A new touchpoint from a file has no employee unless the file names one (never the importer).
      employeeId = null;
    }
    const contactIds = accountId
      ? r.contactEmails?.map((email) => {
          const id = refs.contacts.get(contactKey(accountId, email));
          if (!id)
            error(
              "contactEmails",
              email,
              "unknown_contact",
              `contactEmails "${email}" is not a contact of this account; import the contacts first`,
            );
          return id ?? "";
        })
      : undefined;
    if (bad || !accountId) continue;
    const decisionStep = refs.step("decision", r.decisionStep);
    const developmentStep = refs.step("development", r.developmentStep);
    const input: TouchpointUpsertRow["input"] = {
      ...(r.input as TouchpointUpsertRow["input"]),
      accountId,
      source: "import",
      ...(employeeId !== undefined ? { employeeId } : {}),
      ...(decisionStep !== undefined ? { decisionStep } : {}),
      ...(developmentStep !== undefined ? { developmentStep } : {}),
      ...(contactIds !== undefined ? { contactIds } : {}),
    };
    prepared.push({ row: r.row, write: { id: newId(), externalId: r.externalId, input } });
  }
  const checked = await checkTouchpoints(
    ctx,
    prepared.map((p) => p.write),
  );
  return settle(plan, file, prepared, checked, sink, {
    employeeId: "employeeEmail",
    contactIds: "contactEmails",
  });
}
