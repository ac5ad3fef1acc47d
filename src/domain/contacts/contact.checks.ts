import { AppError } from "../../common/errors.ts";
import { findAccount } from "../accounts/index.ts";
import type { Ctx } from "../context.ts";
import { assertCustomFields } from "../custom-fields/index.ts";

/** The account a contact hangs on must be in the caller's workspace. */
export async function checkContactReferences(
  ctx: Ctx,
  input: { accountId?: string; customFields?: Record<string, string | number | boolean | null> },
  /** The stored custom fields on update: unchanged values are not checked again. */
  previousCustomFields?: Record<string, string | number | boolean | null>,
): Promise<void> {
  if (input.accountId && !(await findAccount(ctx.db, ctx.workspaceId, input.accountId))) {
    throw new AppError("VALIDATION_FAILED", "accountId is not an account here", {
      issues: [{ path: "accountId", message: "is not an account here" }],
    });
  }
  await assertCustomFields(ctx, "contact", input.customFields, previousCustomFields);
}
