import { AppError } from "../../common/errors.ts";
import { newId } from "../../common/ids.ts";
import type { TeamFunction } from "../../common/roles.ts";
import type { InboundMail } from "../../contract/capture.ts";
import type { TouchpointCreate } from "../../contract/touchpoints.ts";
import type { Ctx } from "../context.ts";
import { sha256 } from "../kernel/crypto.ts";
import {
  accountsByDomain,
  contactsByEmail,
  type MemberAddress,
  memberAddresses,
  type NewCapturedEmail,
} from "./capture.queries.ts";
import { cut, emailDate, subjectOf, TEXT_LIMIT, touchpointOf } from "./capture.rules.ts";
import { type CaptureMatch, domainCandidates, matchParticipants } from "./matching.rules.ts";
import {
  domainOf,
  forwardedBlocks,
  normalizeAddress,
  ownDomainsOf,
  type Participant,
  participantsOf,
  withoutTag,
} from "./participants.rules.ts";

/** A captured email ready to keep, and the touchpoint it makes when it points to one account. */
export type CapturePlan = {
  email: NewCapturedEmail;
  touchpoint: Omit<TouchpointCreate, "externalId"> | null;
};

/**
 * The member who sent the email: its From address first (the author), else the envelope sender,
 * either also with a +tag; one who may log touchpoints (not a viewer).
 */
function senderOf(members: MemberAddress[], mail: InboundMail): MemberAddress {
  const byAddress = new Map(members.map((m) => [m.email, m]));
  const candidates = [...mail.from.map((a) => a.address), mail.envelopeFrom ?? ""];
  const found = candidates
    .map((raw) => normalizeAddress(raw))
    .flatMap((a) => (a ? [byAddress.get(a) ?? byAddress.get(withoutTag(a))] : []))
    .filter((m): m is MemberAddress => m !== undefined);
  const sender = found.find((m) => m.role !== "viewer");
  if (sender) return sender;
  throw new AppError(
    "FORBIDDEN",
    found.length > 0
      ? "Viewers cannot log touchpoints, so their email is not captured"
      : "Only the workspace's members can send email to its capture address",
  );
}

/** The participants matched to contacts and accounts of the workspace, in two reads. */
async function matchCapture(ctx: Ctx, participants: Participant[]): Promise<CaptureMatch> {
  const addresses = participants.map((p) => p.address);
  const domains = [...new Set(addresses.flatMap((a) => domainCandidates(domainOf(a))))];
  const contacts = await contactsByEmail(ctx.db, ctx.workspaceId, addresses);
  const accounts = await accountsByDomain(ctx.db, ctx.workspaceId, domains);
  return matchParticipants(participants, contacts, accounts);
}

// A message without a Message-ID still is the same message when it comes again.
const contentId = (mail: InboundMail): string =>
  `<${sha256(JSON.stringify([mail.from, mail.to, mail.date, mail.subject, mail.text]))}@capture.steward>`;

/**
 * Reads an email sent to the workspace's capture address (docs/email-capture.md): who sent it (a
 * member, else FORBIDDEN), who it was with (headers and forwarded blocks, without our own side),
 * which contacts and accounts they are, when it happened, and — when they point to exactly one
 * account — the email touchpoint it makes. Writes nothing.
 */
export async function planCapture(
  ctx: Ctx,
  mail: InboundMail,
  options: { captureDomain: string; receivedAt: Date },
): Promise<CapturePlan> {
  const members = await memberAddresses(ctx.db, ctx.workspaceId);
  const sender = senderOf(members, mail);
  const forwarded = forwardedBlocks(mail.text);
  const own = {
    addresses: new Set(members.map((m) => m.email)),
    domains: [...ownDomainsOf(members.map((m) => m.email)), options.captureDomain.toLowerCase()],
  };
  const match = await matchCapture(ctx, participantsOf(mail, forwarded, own));
  const outer = forwarded[0] ?? null;
  const sentAt = emailDate({
    forwarded: outer?.date ?? null,
    header: mail.date,
    receivedAt: options.receivedAt,
  });
  const text = cut(mail.text, TEXT_LIMIT);
  const accountId = match.accountIds.length === 1 ? (match.accountIds[0] ?? null) : null;
  const from = mail.from[0] ?? { address: mail.envelopeFrom ?? "", name: null };
  const email: NewCapturedEmail = {
    id: newId(),
    senderId: sender.userId,
    fromAddress: normalizeAddress(from.address) ?? from.address.slice(0, 320),
    fromName: from.name,
    toAddresses: mail.to,
    ccAddresses: mail.cc,
    subject: subjectOf(mail.subject),
    textBody: text,
    sentAt,
    forwarded: outer !== null,
    messageId: mail.messageId?.trim() || contentId(mail),
    participants: match.participants,
    status: accountId ? "matched" : "unmatched",
    accountId,
  };
  const touchpoint = accountId
    ? touchpointOf({
        accountId,
        contactIds: match.players.get(accountId) ?? [],
        employee: { id: sender.userId, function: sender.function as TeamFunction },
        subject: outer?.subject ?? mail.subject,
        text,
        sentAt,
      })
    : null;
  return { email, touchpoint };
}
