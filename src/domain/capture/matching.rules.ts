import type { CapturedParticipant } from "../../contract/capture.ts";
import { domainOf, type Participant } from "./participants.rules.ts";

/** A contact whose email is one of the participants' addresses. */
export type ContactHit = { contactId: string; accountId: string; email: string };
/** An account whose domain is one of the participants' domains or a parent of one. */
export type AccountHit = { accountId: string; domain: string };

/** A domain and its parents down to two labels: `mail.eu.acme.com` → itself, `eu.acme.com`, `acme.com`. */
export function domainCandidates(domain: string): string[] {
  const labels = domain.toLowerCase().split(".");
  const out: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) out.push(labels.slice(i).join("."));
  return out;
}

export type CaptureMatch = {
  participants: CapturedParticipant[];
  /** Every account the participants point to; a touchpoint is made only when there is one. */
  accountIds: string[];
  /** Per account, its contacts among the participants: the key players present. */
  players: Map<string, string[]>;
};

/**
 * Matches each participant (case-insensitively) to the contacts with its address, which give their
 * accounts; a participant without a contact to the accounts whose domain is the address's domain or
 * the nearest parent of it (`eu.acme.com` before `acme.com`). An address shared by contacts or
 * domains of several accounts points to all of them.
 */
export function matchParticipants(
  participants: Participant[],
  contacts: ContactHit[],
  accounts: AccountHit[],
): CaptureMatch {
  const byEmail = new Map<string, ContactHit[]>();
  for (const c of contacts) {
    const key = c.email.toLowerCase();
    byEmail.set(key, [...(byEmail.get(key) ?? []), c]);
  }
  const byDomain = new Map<string, string[]>();
  for (const a of accounts) {
    const key = a.domain.toLowerCase();
    byDomain.set(key, [...(byDomain.get(key) ?? []), a.accountId]);
  }
  const players = new Map<string, string[]>();
  const all = new Set<string>();
  const matched = participants.map((p): CapturedParticipant => {
    const hits = byEmail.get(p.address) ?? [];
    let accountIds: string[];
    if (hits.length > 0) {
      accountIds = [...new Set(hits.map((h) => h.accountId))];
      for (const h of hits) {
        const list = players.get(h.accountId) ?? [];
        if (!list.includes(h.contactId)) players.set(h.accountId, [...list, h.contactId]);
      }
    } else {
      const nearest = domainCandidates(domainOf(p.address)).find((d) => byDomain.has(d));
      accountIds = nearest ? [...new Set(byDomain.get(nearest))] : [];
    }
    for (const id of accountIds) all.add(id);
    return {
      ...p,
      contactId: hits.length === 1 ? (hits[0]?.contactId ?? null) : null,
      accountId: accountIds.length === 1 ? (accountIds[0] ?? null) : null,
    };
  });
  return { participants: matched, accountIds: [...all], players };
}
