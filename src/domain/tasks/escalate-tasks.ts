import { utcToday } from "../../common/dates.ts";
import { newId } from "../../common/ids.ts";
import type { MailConfig } from "../../common/mail-config.ts";
import type { Db } from "../../db/transaction.ts";
import { withTx } from "../../db/transaction.ts";
import type { Ctx } from "../context.ts";
import { recordEvents } from "../events/index.ts";
import { queueMail } from "../mail/index.ts";
import { escalateOverdue, findTaskRows, memberContacts, workspacesWithOverdue } from "./task.queries.ts";
import { escalationEmail } from "./task.rules.ts";

/**
 * The hourly escalation: every open, awake item past its due date goes once to its owner's
 * manager (the admins when the owner has none, or nobody owns it), who finds it in their own inbox
 * and gets one email listing what was escalated to them. Marking and mailing share a transaction,
 * so a rerun neither escalates twice nor loses a mail.
 */
export async function escalateOverdueTasks(
  db: Db,
  mail: MailConfig,
  now = new Date(),
): Promise<{ workspaces: number; escalated: number }> {
  const today = utcToday(now);
  let escalated = 0;
  const workspaceIds = await workspacesWithOverdue(db, today, now);
  for (const workspaceId of workspaceIds) {
    await withTx(db, async (tx) => {
      const ctx: Ctx = { db: tx, workspaceId, actor: { kind: "system", label: "inbox escalation" } };
      const marked = await escalateOverdue(tx, workspaceId, today, now);
      escalated += marked.length;
      await recordEvents(
        ctx,
        marked.map((t) => ({
          type: "task.changed" as const,
          data: { accountId: t.account_id, taskId: t.id, fields: ["escalated"] },
        })),
      );
      const rows = await findTaskRows(
        tx,
        workspaceId,
        marked.map((t) => t.id),
      );
      const recipients = await memberContacts(tx, workspaceId, [
        ...new Set(marked.flatMap((t) => t.escalated_to)),
      ]);
      await queueMail(
        ctx,
        mail,
        recipients.map((r) => ({
          id: newId(),
          purpose: "task_escalation",
          subjectId: null,
          toAddress: r.email,
          toName: r.name,
          ...escalationEmail(
            r.name,
            rows.filter((t) => marked.some((m) => m.id === t.id && m.escalated_to.includes(r.id))),
            `${mail.publicUrl}/inbox?view=mine`,
          ),
        })),
      );
    });
  }
  return { workspaces: workspaceIds.length, escalated };
}
