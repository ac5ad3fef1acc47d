import { utcToday } from "../../common/dates.ts";
import { AppError, notFound } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import {
  type AdvocacyAsk,
  type AdvocacyAskCreate,
  type AdvocacyAskUpdate,
  type AdvocacyKind,
  type AdvocacyState,
  type AdvocacyStateChange,
  ZAdvocacyAskCreate,
  ZAdvocacyAskUpdate,
  ZAdvocacyStateChange,
} from "../../contract/advocacy.ts";
import { withTx } from "../../db/transaction.ts";
import { findAccount } from "../accounts/index.ts";
import { contactName, findContact } from "../contacts/index.ts";
import { actorPerson, type Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { lockKey } from "../kernel/locks.queries.ts";
import { getRevenueSettings } from "../revenue/index.ts";
import { recordTimeline } from "../timeline/index.ts";
import {
  momentOf,
  moveProblem,
  stateOnProblem,
  timelineTitle,
  windowEnd,
  windowRefusal,
  windowStart,
} from "./advocacy.rules.ts";
import {
  type AskRow,
  deleteAskRow,
  findAsk,
  insertAsks,
  lastAskedBetween,
  updateAskRow,
} from "./ask.queries.ts";
import { getAdvocacyAsk } from "./find-asks.ts";

const invalid = (path: string, message: string) =>
  new AppError("VALIDATION_FAILED", `${path} ${message}`, { issues: [{ path, message }] });

async function askRow(ctx: Ctx, id: string): Promise<AskRow> {
  const row = await findAsk(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound("Ask");
  return row;
}

/** Who an ask is to, as people read it: the key player's name, else the account's. */
const whoOf = (row: Pick<AskRow, "contactName" | "accountName">) => row.contactName ?? row.accountName;

/**
 * Someone at an account — a key player, or the account as a whole — is asked to advocate. Refused
 * (409) when they were asked, for anything, within the workspace's do-not-ask window before the
 * ask's day, unless `ignoreWindow`; the account's timeline says who was asked for what.
 */
export async function createAdvocacyAsk(ctx: Ctx, input: AdvocacyAskCreate): Promise<AdvocacyAsk> {
  const body = ZAdvocacyAskCreate.parse(input);
  const now = new Date();
  const askedOn = body.askedOn ?? utcToday(now);
  if (askedOn > utcToday(now)) throw invalid("askedOn", "must not be in the future");
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const account = await findAccount(db, ctx.workspaceId, body.accountId);
    if (!account) throw invalid("accountId", "is not an account here");
    const contactId = body.contactId ?? null;
    let who = account.name;
    if (contactId) {
      const contact = await findContact(db, ctx.workspaceId, contactId);
      if (!contact || contact.accountId !== account.id)
        throw invalid("contactId", `is not a contact of ${account.name}`);
      who = contactName(contact);
    }
    // Two asks of the same account at once are checked against the window one after the other.
    await lockKey(db, "advocacy", ctx.workspaceId, account.id);
    if (!body.ignoreWindow) {
      const days = (await getRevenueSettings(tx)).doNotAskDays;
      const from = windowStart(askedOn, days);
      const last = from
        ? await lastAskedBetween(db, ctx.workspaceId, { accountId: account.id, contactId }, from, askedOn)
        : null;
      if (last) {
        throw new AppError("CONFLICT", windowRefusal(who, last, days), {
          reason: "do_not_ask_window",
          field: contactId ? "contactId" : "accountId",
          askedOn: last,
          windowEndsOn: windowEnd(last, days),
        });
      }
    }
    const id = newId();
    const detail = body.detail || null;
    await insertAsks(db, [
      {
        workspaceId: ctx.workspaceId,
        id,
        accountId: account.id,
        contactId,
        kind: body.kind,
        state: "asked",
        askedOn,
        stateOn: askedOn,
        detail,
        askedBy: actorPerson(ctx.actor),
      },
    ]);
    await recordTimeline(tx, [
      {
        accountId: account.id,
        kind: "advocacy",
        title: timelineTitle(who, body.kind, "asked"),
        body: detail,
        contactId,
        occurredAt: momentOf(askedOn, now),
      },
    ]);
    await recordEvents(tx, [
      { type: "advocacy.asked", data: { accountId: account.id, askId: id, contactId, kind: body.kind } },
    ]);
    return getAdvocacyAsk(tx, id);
  });
}

/**
 * Moves an ask on: asked → agreed, delivered or declined; agreed → delivered or declined. Any other
 * move is a conflict (delivered and declined are final). `stateOn` defaults to today.
 */
export async function changeAdvocacyAskState(
  ctx: Ctx,
  id: string,
  input: AdvocacyStateChange,
): Promise<AdvocacyAsk> {
  const body = ZAdvocacyStateChange.parse(input);
  const now = new Date();
  const today = utcToday(now);
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const before = await askRow(tx, id);
    const from = before.state as AdvocacyState;
    const problem = moveProblem(from, body.state);
    if (problem) throw new AppError("CONFLICT", problem, { askId: id, state: from });
    const stateOn = body.stateOn ?? today;
    const dayProblem = stateOnProblem(
      stateOn,
      { askedOn: before.askedOn, stateOn: before.stateOn, state: from },
      today,
    );
    if (dayProblem) throw invalid("stateOn", dayProblem);
    await updateAskRow(db, ctx.workspaceId, id, { state: body.state, stateOn });
    await recordTimeline(tx, [
      {
        accountId: before.accountId,
        kind: "advocacy",
        title: timelineTitle(whoOf(before), before.kind as AdvocacyKind, body.state),
        body: before.detail,
        contactId: before.contactId,
        occurredAt: momentOf(stateOn, now),
      },
    ]);
    await recordEvents(tx, [
      {
        type: "advocacy.changed",
        data: { accountId: before.accountId, askId: id, fields: ["state"], state: body.state },
      },
    ]);
    return getAdvocacyAsk(tx, id);
  });
}

/** Changes what the ask was for or produced; any state. */
export async function updateAdvocacyAsk(
  ctx: Ctx,
  id: string,
  input: AdvocacyAskUpdate,
): Promise<AdvocacyAsk> {
  const body = ZAdvocacyAskUpdate.parse(input);
  return withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const before = await askRow(tx, id);
    const detail = body.detail || null;
    if (detail === before.detail) return getAdvocacyAsk(tx, id);
    await updateAskRow(db, ctx.workspaceId, id, { detail });
    await recordEvents(tx, [
      {
        type: "advocacy.changed",
        data: {
          accountId: before.accountId,
          askId: id,
          fields: ["detail"],
          state: before.state as AdvocacyState,
        },
      },
    ]);
    return getAdvocacyAsk(tx, id);
  });
}

/** Deletes an ask recorded by mistake; what the timeline said stays. */
export async function deleteAdvocacyAsk(ctx: Ctx, id: string): Promise<void> {
  await withTx(ctx.db, async (db) => {
    const tx = { ...ctx, db };
    const before = await askRow(tx, id);
    await deleteAskRow(db, ctx.workspaceId, id);
    await recordEvents(tx, [{ type: "advocacy.deleted", data: { accountId: before.accountId, askId: id } }]);
  });
}
