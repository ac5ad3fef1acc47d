import { AppError } from "../../common/errors.ts";
import { COVERAGE_MODELS } from "../../contract/accounts.ts";
import type { Book, BookRow } from "../../contract/coverage.ts";
import { withTx } from "../../db/transaction.ts";
import { findAccountIds, upsertAccounts } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { bookAccounts, bookOwners } from "./coverage.queries.ts";
import { type BookAccount, loadsAfter, moveWhy, statusOf, suggestMoves, weightOf } from "./coverage.rules.ts";
import { getCoverageSettings } from "./manage-settings.ts";

const round = (x: number) => Math.round(x * 1000) / 1000;

/** An amount in minor units as a manager reads it: $1.2M, $85k. */
const money = (minor: number, currency: string | null) =>
  new Intl.NumberFormat("en", {
    style: "currency",
    currency: currency ?? "USD",
    notation: "compact",
    maximumFractionDigits: 1,
  }).format(minor / 100);

/**
 * The book of business: each CSM's accounts by coverage, ARR per currency and load against a full
 * book (accounts ÷ capacity, summed over coverage models), the accounts nobody owns, and moves
 * that even loads out within each team — load first, ARR in the book's main currency second —
 * never moving an account assigned by hand.
 */
export async function getBook(ctx: Ctx, team?: string): Promise<Book> {
  const { capacity } = await getCoverageSettings(ctx);
  const owners = (await bookOwners(ctx.db, ctx.workspaceId)).filter(
    (o) => team === undefined || o.team === team,
  );
  const ownerIds = new Set(owners.map((o) => o.userId));
  const accounts = (await bookAccounts(ctx.db, ctx.workspaceId)).filter(
    (a) => team === undefined || (a.ownerId !== null && ownerIds.has(a.ownerId)),
  );
  const currencies = new Map<string, number>();
  for (const a of accounts) currencies.set(a.currency, (currencies.get(a.currency) ?? 0) + 1);
  const currency = [...currencies].sort((x, y) => y[1] - x[1])[0]?.[0] ?? null;

  const rowOf = (
    owner: BookRow["owner"],
    teamName: string | null,
    list: typeof accounts,
  ): Omit<BookRow, "status"> => {
    const byCoverage = Object.fromEntries(
      [...COVERAGE_MODELS, "none"].map((c) => [c, 0]),
    ) as BookRow["byCoverage"];
    const arr = new Map<string, number>();
    let load = 0;
    for (const a of list) byCoverage[a.coverage ?? "none"] += 1;
    for (const a of list) arr.set(a.currency, (arr.get(a.currency) ?? 0) + Number(a.arrMinor));
    for (const a of list) load += weightOf(a.coverage, capacity);
    return {
      owner,
      team: teamName,
      accounts: list.length,
      byCoverage,
      arr: [...arr].map(([c, minor]) => ({ currency: c, minor })).sort((x, y) => y.minor - x.minor),
      load: round(load),
      handAssigned: list.filter((a) => a.ownerSource === "hand").length,
    };
  };
  const byOwner = new Map<string, typeof accounts>();
  for (const a of accounts) if (a.ownerId) byOwner.set(a.ownerId, [...(byOwner.get(a.ownerId) ?? []), a]);
  const csmRows = owners.map((o) =>
    rowOf({ userId: o.userId, name: o.name }, o.team, byOwner.get(o.userId) ?? []),
  );
  // Each book against its own team's average (a digital team's loads differ from an enterprise one's).
  const average = (teamName: string | null) => {
    const mates = csmRows.filter((r) => r.team === teamName);
    return mates.reduce((s, r) => s + r.load, 0) / mates.length;
  };
  const rows: BookRow[] = csmRows.map((r) => ({ ...r, status: statusOf(r.load, average(r.team)) }));
  const unowned = accounts.filter((a) => a.ownerId === null);
  if (unowned.length > 0) rows.push({ ...rowOf(null, null, unowned), status: "unowned" });

  const movable: BookAccount[] = accounts.flatMap((a) =>
    a.ownerId && ownerIds.has(a.ownerId)
      ? [
          {
            id: a.id,
            name: a.name,
            ownerId: a.ownerId,
            ownerSource: a.ownerSource,
            coverage: a.coverage,
            arr: a.currency === currency ? Number(a.arrMinor) : 0,
          },
        ]
      : [],
  );
  const moves = suggestMoves(owners, movable, capacity);
  const name = new Map(owners.map((o) => [o.userId, o.name]));
  const account = new Map(accounts.map((a) => [a.id, a]));
  return {
    capacity,
    currency,
    rows,
    suggestions: moves.map((m) => {
      const a = account.get(m.accountId) as (typeof accounts)[number];
      return {
        account: {
          id: a.id,
          name: a.name,
          coverage: a.coverage,
          arr: { currency: a.currency, minor: Number(a.arrMinor) },
        },
        from: { userId: m.from, name: name.get(m.from) ?? "" },
        to: { userId: m.to, name: name.get(m.to) ?? "" },
        why: moveWhy(m, name.get(m.from) ?? "", name.get(m.to) ?? "", (minor) => money(minor, currency)),
      };
    }),
    after: loadsAfter(owners, movable, moves, capacity),
  };
}

/**
 * Gives accounts to other CSMs in one go (a manager accepting suggestions, or moving by hand):
 * each becomes a hand assignment, so later suggestions leave it where it was put.
 */
export async function moveAccounts(
  ctx: Ctx,
  moves: { accountId: string; toUserId: string }[],
): Promise<Book> {
  const owners = new Set((await bookOwners(ctx.db, ctx.workspaceId)).map((o) => o.userId));
  const known = await findAccountIds(
    ctx.db,
    ctx.workspaceId,
    moves.map((m) => m.accountId),
  );
  const issues = moves.flatMap((m, i) => [
    ...(known.has(m.accountId)
      ? []
      : [{ path: `moves.${i}.accountId`, message: "is not an account of this workspace" }]),
    ...(owners.has(m.toUserId)
      ? []
      : [{ path: `moves.${i}.toUserId`, message: "is not a CSM of this workspace" }]),
  ]);
  if (issues.length > 0) {
    throw new AppError("VALIDATION_FAILED", issues.map((i) => `${i.path} ${i.message}`).join("; "), {
      issues,
    });
  }
  await withTx(ctx.db, (db) =>
    upsertAccounts(
      { ...ctx, db },
      moves.map((m) => ({ id: m.accountId, externalId: null, input: { ownerId: m.toUserId } })),
    ),
  );
  return getBook(ctx);
}
