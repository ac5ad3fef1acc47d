import { newId } from "../../common/ids.ts";
import type { Db } from "../../db/index.ts";
import { inWorkspace } from "../../db/transaction.ts";
import { createAccount } from "../accounts/index.ts";
import { contactsFromTraits } from "../contacts/index.ts";
import type { Ctx } from "../context.ts";
import { retryOnConflict } from "../kernel/retry.ts";
import {
  type Attribution,
  attribute,
  featureOf,
  groupIdsOf,
  type Link,
  unknownGroups,
  userKeysOf,
} from "./attribution.rules.ts";
import type { SourceAuth } from "./authenticate-source.ts";
import { writeEvents } from "./event-writer.ts";
import {
  accountsByExternalId,
  attributionLookups,
  type EventRow,
  insertEvents,
  mergeUserTraits,
  saveLinks,
  storedTraits,
} from "./ingest.queries.ts";
import { scheduleRollUp } from "./roll-up.ts";
import type { ItemProblem, NormalizedEvent, ReadRequest } from "./segment.rules.ts";
import { insertProblems, touchSourceLastEvent } from "./source.queries.ts";

export type IngestResult = {
  /** Events stored by this request. */
  stored: number;
  /** Events already stored by an earlier request (same messageId), or repeated within this one. */
  duplicates: number;
  problems: ItemProblem[];
  warnings: string[];
};

const SYSTEM = { kind: "system", label: "usage ingestion" } as const;

// `last_event_at` is for people ("last event 2 minutes ago"): written at most this often per process,
// so a busy source does not make every request wait on its row.
const TOUCH_EVERY_MS = 10_000;
const touched = new Map<string, number>();

async function noteActivity(db: Db, source: SourceAuth, at: Date) {
  const last = touched.get(source.sourceId) ?? 0;
  if (at.getTime() - last < TOUCH_EVERY_MS) return;
  touched.set(source.sourceId, at.getTime());
  await inWorkspace(db, source.workspaceId, (tx) =>
    touchSourceLastEvent(tx, source.workspaceId, source.sourceId, at, TOUCH_EVERY_MS),
  );
}

/** The first event per messageId: a request repeating one stores it once. */
function firstPerMessage(events: NormalizedEvent[]): NormalizedEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => !seen.has(e.messageId) && seen.add(e.messageId));
}

/**
 * Stores a read request's events for the source, attributed to accounts and contacts, and keeps
 * its problems. Everything commits together or not at all, so an answer of success means stored.
 * `db` is the database itself, not a transaction: every read and write runs in a transaction of
 * the source's workspace (row-level security), and the roller it wakes spans workspaces.
 */
export async function ingestEvents(
  db: Db,
  source: SourceAuth,
  read: ReadRequest,
  receivedAt: Date,
): Promise<IngestResult> {
  const events = firstPerMessage(read.events);
  const stored = await store(db, source, events, read.problems, receivedAt);
  if (stored > 0) {
    scheduleRollUp(db);
    await noteActivity(db, source, receivedAt);
  }
  return {
    stored,
    duplicates: read.events.length - stored,
    problems: read.problems,
    warnings: read.warnings,
  };
}

async function store(
  db: Db,
  source: SourceAuth,
  events: NormalizedEvent[],
  problems: ItemProblem[],
  receivedAt: Date,
): Promise<number> {
  const ws = source.workspaceId;
  const groupIds = groupIdsOf(events);
  const { accounts, links } = await inWorkspace(db, ws, (tx) =>
    attributionLookups(tx, ws, groupIds, userKeysOf(events)),
  );
  const first = attribute(events, accounts, links, source.unknownAccounts);
  const toCreate = source.unknownAccounts === "create" ? unknownGroups(events, accounts) : [];
  // The common case — known users doing things — is one statement and needs no transaction; it is
  // merged with concurrent requests' (see event-writer.ts).
  if (
    problems.length === 0 &&
    first.traits.size === 0 &&
    first.newLinks.length === 0 &&
    toCreate.length === 0
  ) {
    return writeEvents(db, ws, source.sourceId, toRows(first, links), receivedAt);
  }
  // A deadlock rolls the whole transaction back: it is all done again (the merged path retries its own).
  return retryOnConflict(() =>
    inWorkspace(db, ws, async (tx) => {
      const ctx: Ctx = { db: tx, workspaceId: ws, actor: SYSTEM };
      await createUnknownAccounts(ctx, toCreate, accounts);
      const attribution = attribute(events, accounts, links, source.unknownAccounts);
      const finalLinks = await saveAttribution(
        ctx,
        attribution,
        links,
        receivedAt,
        source.traitsMayOverwrite,
      );
      await insertProblems(
        tx,
        problems.map((p) => ({
          workspaceId: ws,
          sourceId: source.sourceId,
          id: newId(),
          receivedAt,
          code: p.code,
          message: p.message,
          messageId: p.messageId,
          excerpt: p.excerpt,
        })),
      );
      return total(await insertEvents(tx, ws, source.sourceId, toRows(attribution, finalLinks), receivedAt));
    }),
  );
}

const total = (perAccount: { stored: number }[]) => perAccount.reduce((n, a) => n + a.stored, 0);

/** Creates accounts for group ids no account has, for sources set to create them. */
async function createUnknownAccounts(
  ctx: Ctx,
  groups: { groupId: string; name: string }[],
  accounts: Map<string, string>,
) {
  for (const g of groups) {
    try {
      const created = await createAccount(ctx, { name: g.name, externalId: g.groupId });
      accounts.set(g.groupId, created.id);
    } catch (e) {
      // A concurrent request created it first (its savepoint rolled back, our transaction goes on).
      const again = await accountsByExternalId(ctx.db, ctx.workspaceId, [g.groupId]);
      const id = again.get(g.groupId);
      if (!id) throw e;
      accounts.set(g.groupId, id);
    }
  }
}

/**
 * Stores new links and traits, and finds or creates the contact of every user whose link is new
 * or whose traits changed (replacing its non-empty fields only if the source allows it). Answers
 * the links as they now are.
 */
async function saveAttribution(
  ctx: Ctx,
  attribution: Attribution,
  links: Map<string, Link[]>,
  at: Date,
  traitsMayOverwrite: boolean,
): Promise<Map<string, Link[]>> {
  const merged = await mergeUserTraits(ctx.db, ctx.workspaceId, attribution.traits, at);
  const result = new Map([...links].map(([k, v]) => [k, [...v]]));
  for (const l of attribution.newLinks) {
    const list = result.get(l.userKey) ?? [];
    list.push({ accountId: l.accountId, contactId: null });
    result.set(l.userKey, list);
  }
  // The people whose contact may change: new links, and every link of a user with new traits.
  const pairs = new Map<string, { userKey: string; link: Link }>();
  for (const l of attribution.newLinks) {
    const link = result.get(l.userKey)?.find((x) => x.accountId === l.accountId);
    if (link) pairs.set(`${l.accountId}|${l.userKey}`, { userKey: l.userKey, link });
  }
  for (const userKey of merged.keys()) {
    for (const link of result.get(userKey) ?? [])
      pairs.set(`${link.accountId}|${userKey}`, { userKey, link });
  }
  if (pairs.size === 0) return result;
  const missing = [...pairs.values()].map((p) => p.userKey).filter((k) => !merged.has(k));
  const stored = await storedTraits(ctx.db, ctx.workspaceId, [...new Set(missing)]);
  const people = [...pairs.values()];
  const contactIds = await contactsFromTraits(
    ctx,
    people.map((p) => ({
      accountId: p.link.accountId,
      userKey: p.userKey,
      traits: merged.get(p.userKey) ?? stored.get(p.userKey) ?? {},
    })),
    { overwrite: traitsMayOverwrite },
  );
  people.forEach((p, i) => {
    p.link.contactId = contactIds[i] ?? p.link.contactId;
  });
  await saveLinks(
    ctx.db,
    ctx.workspaceId,
    people.map((p) => ({ userKey: p.userKey, accountId: p.link.accountId, contactId: p.link.contactId })),
    at,
  );
  return result;
}

function toRows(attribution: Attribution, links: Map<string, Link[]>): EventRow[] {
  return attribution.events.map((e) => {
    const link =
      e.userKey && e.accountId ? links.get(e.userKey)?.find((l) => l.accountId === e.accountId) : null;
    return {
      id: newId(),
      ts: e.ts,
      messageId: e.messageId,
      type: e.type,
      event: e.event,
      feature: featureOf(e),
      accountId: e.accountId,
      contactId: link?.contactId ?? null,
      userId: e.userId,
      anonymousId: e.anonymousId,
      userKey: e.userKey,
      groupId: e.groupId,
      parked: e.parked,
      quantity: 1,
      properties: e.properties,
      context: e.context,
    };
  });
}
