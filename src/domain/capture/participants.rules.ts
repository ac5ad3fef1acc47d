import type { CapturedParticipant } from "../../contract/capture.ts";

export type MailAddress = { address: string; name: string | null };

/** Where a participant's address was found (a header, or a forwarded message's header block). */
export type Via = CapturedParticipant["via"];
export type Participant = MailAddress & { via: Via };

/** The header block of a message forwarded inside the text, as far as it could be read. */
export type ForwardedBlock = {
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  replyTo: MailAddress[];
  date: string | null;
  subject: string | null;
};

// Free mail providers are nobody's own domain: a member writing from gmail.com must not hide every
// customer who writes from there too.
const PUBLIC_MAIL_DOMAINS = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "msn.com",
  "yahoo.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "gmx.com",
  "gmx.net",
  "gmx.de",
  "web.de",
  "mail.com",
  "yandex.com",
  "zoho.com",
]);

const ADDRESS = /^[^\s@<>()[\],;:"]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/** An address in lower case without brackets or trailing punctuation; null when it is none. */
export function normalizeAddress(raw: string): string | null {
  const a = raw
    .trim()
    .replace(/^mailto:/i, "")
    .replace(/^[<[('"]+|[>\])'".,;:]+$/g, "")
    .toLowerCase();
  return a.length <= 320 && ADDRESS.test(a) ? a : null;
}

export const domainOf = (address: string): string => address.slice(address.lastIndexOf("@") + 1);

/** `ada+caf_x@example.com` is `ada@example.com`: a tag (sub-address) reaches the same mailbox. */
export const withoutTag = (address: string): string => address.replace(/^([^+@]+)\+[^@]*@/, "$1@");

/** Whether `domain` is `parent` or one of its subdomains. */
export const isWithin = (domain: string, parent: string): boolean =>
  domain === parent || domain.endsWith(`.${parent}`);

/** The domains of the members' addresses that are their own (not a public mail provider). */
export const ownDomainsOf = (memberAddresses: string[]): string[] => [
  ...new Set(
    memberAddresses.map((a) => domainOf(a.toLowerCase())).filter((d) => !PUBLIC_MAIL_DOMAINS.has(d)),
  ),
];

const cleanName = (s: string): string | null => {
  const name = s
    .replace(/mailto:/gi, "")
    .replace(/[<>[\]"*]/g, "")
    .replace(/^[\s,;:]+|[\s,;:]+$/g, "")
    .trim();
  return name ? name.slice(0, 200) : null;
};

const FOUND_ADDRESS = /[^\s<>()[\],;:"'*]+@[^\s<>()[\],;:"'*]+/g;

/**
 * Addresses in a header value as people's mail programs write them: `Ada <ada@acme.com>`,
 * `"Lovelace, Ada" <ada@acme.com>`, `Ada [mailto:ada@acme.com]`, `*Ada* <ada@acme.com>`, bare
 * addresses, separated by commas or semicolons. The name is what precedes each address.
 */
export function parseAddressList(value: string): MailAddress[] {
  const found: MailAddress[] = [];
  let from = 0;
  for (const m of value.matchAll(FOUND_ADDRESS)) {
    const address = normalizeAddress(m[0]);
    const before = value.slice(from, m.index);
    from = (m.index ?? 0) + m[0].length;
    if (!address) continue;
    const name = cleanName(before);
    found.push({ address, name: name && name.toLowerCase() !== address ? name : null });
  }
  return found;
}

// Lines that start a forwarded message (Gmail, Thunderbird, Apple Mail, Outlook's reply separator).
const MARKERS = [
  /^-{3,}\s*forwarded message\s*-{3,}$/i,
  /^begin forwarded message:?$/i,
  /^-{3,}\s*original message\s*-{3,}$/i,
  /^_{10,}$/,
];
const HEADER = /^\*?([A-Za-z][A-Za-z-]*)\*?:\*?\s*(.*)$/;
const BLOCK_FIELDS = new Set(["from", "to", "cc", "reply-to", "date", "sent", "subject"]);

const unquote = (line: string): string => line.replace(/^(?:\s*>)+ ?/, "").trimEnd();

/** Reads the header lines of a block from `start`; answers the block and the line after it. */
function readBlock(lines: string[], start: number): { block: ForwardedBlock | null; end: number } {
  let i = start;
  while (i < lines.length && i < start + 3 && (lines[i] ?? "").trim() === "") i++;
  const fields = new Map<string, string>();
  let last: string | null = null;
  for (; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (line === "") break;
    const h = HEADER.exec(line);
    const name = h?.[1]?.toLowerCase();
    if (h && name && (BLOCK_FIELDS.has(name) || fields.size > 0)) {
      last = name;
      if (BLOCK_FIELDS.has(name) && !fields.has(name)) fields.set(name, h[2] ?? "");
    } else if (last && fields.has(last)) {
      // A long address list or subject wrapped onto the next line.
      fields.set(last, `${fields.get(last)} ${line}`);
    } else break;
  }
  if (!fields.has("from")) return { block: null, end: Math.max(i, start) };
  const list = (k: string) => parseAddressList(fields.get(k) ?? "");
  return {
    block: {
      from: list("from"),
      to: list("to"),
      cc: list("cc"),
      replyTo: list("reply-to"),
      date: fields.get("date") ?? fields.get("sent") ?? null,
      subject: fields.get("subject")?.trim() || null,
    },
    end: i,
  };
}

/** Whether line `i` opens Outlook's header block without a marker: From:, then Sent: and To: below. */
const outlookBlockAt = (lines: string[], i: number): boolean =>
  /^\*?from:/i.test(lines[i] ?? "") &&
  lines.slice(i + 1, i + 6).some((l) => /^\*?sent:/i.test(l)) &&
  lines.slice(i + 1, i + 6).some((l) => /^\*?to:/i.test(l));

/**
 * The header blocks of messages forwarded (or quoted by Outlook) inside a text body, outermost
 * first: Gmail's "---------- Forwarded message ---------", Thunderbird's "-------- Forwarded
 * Message --------", Apple Mail's "Begin forwarded message:", Outlook's "From: … Sent: … To: …"
 * (after its separator or "-----Original Message-----", or alone), also when quoted with `>`.
 */
export function forwardedBlocks(text: string): ForwardedBlock[] {
  const lines = text.split(/\r?\n/).map(unquote);
  const blocks: ForwardedBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    const start = MARKERS.some((m) => m.test(line)) ? i + 1 : outlookBlockAt(lines, i) ? i : -1;
    if (start < 0) continue;
    const { block, end } = readBlock(lines, start);
    if (block) blocks.push(block);
    i = Math.max(i, end - 1);
  }
  return blocks;
}

/** Who a captured email should not be matched on: the workspace's own people and Steward itself. */
export type OwnSide = {
  /** The members' addresses, lower case. */
  addresses: Set<string>;
  /** Their own domains (ownDomainsOf) and the capture domain. */
  domains: string[];
};

const isOwn = (address: string, own: OwnSide): boolean =>
  own.addresses.has(address) ||
  own.addresses.has(withoutTag(address)) ||
  own.domains.some((d) => isWithin(domainOf(address), d));

/**
 * Everyone an email was with, once each (the first place an address appears names it): the
 * headers' From, To, Cc and Reply-To, then the forwarded messages' header blocks — leaving out the
 * workspace's own people and domains and the capture domain.
 */
export function participantsOf(
  headers: { from: MailAddress[]; to: MailAddress[]; cc: MailAddress[]; replyTo: MailAddress[] },
  forwarded: ForwardedBlock[],
  own: OwnSide,
): Participant[] {
  const seen = new Map<string, Participant>();
  const add = (list: MailAddress[], via: Via) => {
    for (const a of list) {
      const address = normalizeAddress(a.address);
      if (!address || isOwn(address, own)) continue;
      const known = seen.get(address);
      if (!known) seen.set(address, { address, name: a.name?.trim() || null, via });
      else if (!known.name && a.name?.trim()) known.name = a.name.trim();
    }
  };
  add(headers.from, "from");
  add(headers.to, "to");
  add(headers.cc, "cc");
  add(headers.replyTo, "reply_to");
  for (const b of forwarded) for (const list of [b.from, b.to, b.cc, b.replyTo]) add(list, "forwarded");
  return [...seen.values()];
}
