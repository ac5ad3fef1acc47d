import type { Json, NormalizedEvent } from "./segment.rules.ts";

/**
 * Attribution: which account (and so which contact) an event counts for.
 * - `group` (or any call with `context.groupId`) links its user to the account whose external id is
 *   the group id.
 * - `identify` traits are kept for the user and fill the contact's email, name and title (replace
 *   them only for a source allowed to: see `traitsMayOverwrite`).
 * - `alias` gives the new user id the accounts of the previous one.
 * - Other calls count for the account of `context.groupId` when given, else for the one account
 *   the user is linked to; a user linked to several accounts without a `groupId` counts for none.
 * A group id that matches no account is created or parked, as the source says.
 */

export type Link = { accountId: string; contactId: string | null };

export type AttributedEvent = NormalizedEvent & {
  userKey: string | null;
  accountId: string | null;
  parked: boolean;
};

export type Attribution = {
  events: AttributedEvent[];
  /** user → account links first seen in this request. */
  newLinks: { userKey: string; accountId: string }[];
  /** Users whose traits changed in this request, with the traits sent (merged in order). */
  traits: Map<string, Json>;
};

/** The key a user is counted under: the user id, or the anonymous id when that is all there is. */
export const userKeyOf = (e: { userId: string | null; anonymousId: string | null }): string | null =>
  e.userId ?? (e.anonymousId ? `anon:${e.anonymousId}` : null);

/** Group ids the request refers to (group calls and `context.groupId`). */
export const groupIdsOf = (events: NormalizedEvent[]): string[] => [
  ...new Set(events.flatMap((e) => (e.groupId ? [e.groupId] : []))),
];

export const userKeysOf = (events: NormalizedEvent[]): string[] => [
  ...new Set(
    events.flatMap((e) => {
      const k = userKeyOf(e);
      return [...(k ? [k] : []), ...(e.previousId ? [e.previousId] : [])];
    }),
  ),
];

export function attribute(
  events: NormalizedEvent[],
  accountsByGroup: Map<string, string>,
  linksByUser: Map<string, Link[]>,
  policy: "create" | "park",
): Attribution {
  const links = new Map<string, Set<string>>();
  for (const [user, ls] of linksByUser) links.set(user, new Set(ls.map((l) => l.accountId)));
  const newLinks: Attribution["newLinks"] = [];
  const addLink = (userKey: string, accountId: string) => {
    const set = links.get(userKey) ?? new Set<string>();
    if (!set.has(accountId)) {
      set.add(accountId);
      newLinks.push({ userKey, accountId });
    }
    links.set(userKey, set);
  };
  const traits = new Map<string, Json>();
  const out: AttributedEvent[] = [];
  for (const e of events) {
    const userKey = userKeyOf(e);
    const groupAccount = e.groupId ? (accountsByGroup.get(e.groupId) ?? null) : null;
    const parked = Boolean(e.groupId && !groupAccount && policy === "park");
    let accountId: string | null = groupAccount;
    // Any call naming a known group (a `group` call or `context.groupId`) shows the user belongs to it.
    if (userKey && groupAccount && e.type !== "alias") addLink(userKey, groupAccount);
    if (e.type === "alias") {
      accountId = null;
      for (const a of links.get(e.previousId ?? "") ?? []) if (userKey) addLink(userKey, a);
    } else {
      if (e.type === "identify" && userKey && e.properties) {
        traits.set(userKey, { ...traits.get(userKey), ...e.properties });
      }
      if (!e.groupId && userKey) {
        const linked = links.get(userKey);
        accountId = linked?.size === 1 ? ([...linked][0] as string) : null;
      }
    }
    out.push({ ...e, userKey, accountId, parked });
  }
  return { events: out, newLinks, traits };
}

/** Group ids with no account yet, with the name their `group` call gave, for sources that create them. */
export function unknownGroups(events: NormalizedEvent[], accountsByGroup: Map<string, string>) {
  const names = new Map<string, string | null>();
  for (const e of events) {
    if (!e.groupId || accountsByGroup.has(e.groupId)) continue;
    const name = e.type === "group" && typeof e.properties?.name === "string" ? e.properties.name.trim() : "";
    if (!names.get(e.groupId)) names.set(e.groupId, name || null);
  }
  return [...names].map(([groupId, name]) => ({ groupId, name: (name || groupId).slice(0, 200) }));
}

/** What a page or screen counts as in the rollups: its name, or a generic "Page viewed". */
export function featureOf(e: { type: string; event: string | null }): string | null {
  if (e.type === "track") return e.event;
  if (e.type === "page") return e.event ? `Page: ${e.event}` : "Page viewed";
  if (e.type === "screen") return e.event ? `Screen: ${e.event}` : "Screen viewed";
  return null;
}

/** `featureOf` in SQL, for rebuilding rollups from raw rows (`e` is the usage_events alias). */
export const FEATURE_SQL = `case e.type when 'track' then e.event
  when 'page' then coalesce('Page: ' || e.event, 'Page viewed')
  when 'screen' then coalesce('Screen: ' || e.event, 'Screen viewed') end`;
