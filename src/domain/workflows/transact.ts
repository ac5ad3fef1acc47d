import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";

/**
 * Runs a workflow's steps in one transaction with a context bound to it, so every step commits or
 * none does. What must happen only after the commit (forgetting cached keys, rescoring) is done by
 * the workflow once this has returned.
 */
export const transact = <T>(ctx: Ctx, steps: (tx: Ctx) => Promise<T>): Promise<T> =>
  withTx(ctx.db, (db) => steps({ ...ctx, db }));
