import type { Db } from "../../db/transaction.ts";
import { actorApiKeyId, actorUserId, type Ctx } from "../context.ts";
import { insertAuditRow } from "./audit.queries.ts";

export type AuditAction =
  | "auth.login"
  | "auth.login_failed"
  | "auth.logout"
  | "auth.switch_workspace"
  | "auth.password_change"
  | "api_key.create"
  | "api_key.revoke"
  | "capture_address.regenerate"
  | "member.add"
  | "member.role_change"
  | "member.remove"
  | "member.password_reset"
  | "member.invite"
  | "member.invite_cancel"
  | "member.invite_decline"
  | "account.delete"
  | "contact.delete"
  | "subscription.delete"
  | "team_member.remove"
  | "note.update"
  | "note.delete"
  | "custom_field.create"
  | "custom_field.delete"
  | "import.commit"
  | "workspace.create"
  | "source.create"
  | "source.update"
  | "source.rotate_key"
  | "source.delete"
  | "usage_feature.update"
  | "usage_settings.update"
  | "usage_parked.resolve"
  | "health_model.create"
  | "health_model.update"
  | "health_model.publish"
  | "health_model.discard_draft"
  | "health_settings.update"
  | "sentiment.create"
  | "journey_list.create"
  | "journey_list.update"
  | "journey_list.delete"
  | "journey_list.reorder"
  | "plan.delete"
  | "plan_link.create"
  | "plan_link.revoke"
  | "charter.save_draft"
  | "charter.approve"
  | "charter.discard_draft";

export type AuditInput = {
  action: AuditAction;
  targetType?: string;
  targetId?: string;
  success?: boolean;
  details?: Record<string, unknown>;
};

/** Appends one row to the audit log, in the caller's transaction when `ctx.db` is one. */
export async function recordAudit(ctx: Ctx, input: AuditInput): Promise<void> {
  await insertAudit(ctx.db, {
    workspaceId: ctx.workspaceId,
    actorUserId: actorUserId(ctx.actor),
    actorApiKeyId: actorApiKeyId(ctx.actor),
    ip: ctx.ip ?? null,
    ...input,
  });
}

/** For events outside a workspace context, such as a failed login for an unknown email. */
export async function insertAudit(
  db: Db,
  row: AuditInput & {
    workspaceId: string | null;
    actorUserId?: string | null;
    actorApiKeyId?: string | null;
    ip?: string | null;
  },
): Promise<void> {
  await insertAuditRow(db, {
    workspaceId: row.workspaceId,
    actorUserId: row.actorUserId ?? null,
    actorApiKeyId: row.actorApiKeyId ?? null,
    action: row.action,
    targetType: row.targetType ?? null,
    targetId: row.targetId ?? null,
    ip: row.ip ?? null,
    success: row.success ?? true,
    details: row.details ?? {},
  });
}
