/** The domain of an address such as `Steward <steward@acme.com>` (for Message-IDs); `localhost` without one. */
export function domainOf(from: string): string {
  const m = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from.trim());
  return m?.[1]?.toLowerCase() ?? "localhost";
}

/** A globally unique Message-ID for a message, on the sender's domain (RFC 5322 §3.6.4). */
export const messageIdFor = (id: string, from: string): string => `<${id}@${domainOf(from)}>`;

/** An attempt counts; after this many a message is `failed`. */
export const MAX_ATTEMPTS = 3;
