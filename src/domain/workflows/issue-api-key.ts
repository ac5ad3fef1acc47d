import { AppError } from "../../common/errors.ts";
import type { ApiScope } from "../../common/roles.ts";
import { createApiKey } from "../api-keys/index.ts";
import type { Ctx } from "../context.ts";
import { addOperator, findFirstOwner, findMember, findUserByEmail } from "../members/index.ts";
import { transact } from "./transact.ts";

/**
 * A key made by Steward itself (the CLI) for a person: the member with this email, or by default
 * the workspace's first owner — in a workspace without one, the login-less operator, made now.
 * The person is chosen and the key made in one transaction; the answer names them (`person`).
 */
export async function issueApiKey(ctx: Ctx, input: { name: string; scopes: ApiScope[]; email?: string }) {
  return transact(ctx, async (tx) => {
    let person: { userId: string; email: string };
    if (input.email !== undefined) {
      const user = await findUserByEmail(tx.db, input.email);
      const member = user ? await findMember(tx.db, tx.workspaceId, user.id) : null;
      if (!member) {
        throw new AppError("VALIDATION_FAILED", `${input.email} is not a member of this workspace`, {
          issues: [{ path: "user", message: "is not a member of this workspace" }],
        });
      }
      person = member;
    } else {
      person = (await findFirstOwner(tx.db, tx.workspaceId)) ?? (await addOperator(tx));
    }
    const key = await createApiKey(tx, { name: input.name, scopes: input.scopes }, person.userId);
    return { ...key, person: person.email };
  });
}
