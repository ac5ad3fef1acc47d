import { randomBytes } from "node:crypto";
import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { CaptureAddress } from "../../contract/capture.ts";
import type { Ctx } from "../context.ts";
import { activeAddress, insertAddress } from "./capture.queries.ts";
import { captureAddressOf } from "./capture.rules.ts";

export const CAPTURE_OFF =
  "Email capture is off on this Steward: an operator turns it on with STEWARD_INBOUND_SMTP_PORT and " +
  "STEWARD_INBOUND_DOMAIN (see docs/email-capture.md).";

// 128 random bits in lower-case hex: mail systems may fold an address's case.
export const newCaptureToken = (): string => randomBytes(16).toString("hex");

/**
 * The workspace's capture address on `domain` (the listener's STEWARD_INBOUND_DOMAIN), made at
 * the first read; with the listener off (`domain` null) none, with the reason.
 */
export async function getCaptureAddress(ctx: Ctx, domain: string | null): Promise<CaptureAddress> {
  if (!domain) return { address: null, enabled: false, reason: CAPTURE_OFF, createdAt: null };
  let row = await activeAddress(ctx.db, ctx.workspaceId);
  if (!row) {
    await insertAddress(ctx.db, ctx.workspaceId, { id: newId(), token: newCaptureToken(), createdBy: null });
    row = await activeAddress(ctx.db, ctx.workspaceId);
    if (!row) throw new AppError("INTERNAL", "capture address vanished after insert");
  }
  return {
    address: captureAddressOf(row.token, domain),
    enabled: true,
    reason: null,
    createdAt: row.createdAt.toISOString(),
  };
}
