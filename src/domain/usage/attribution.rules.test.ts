import { describe, expect, it } from "vitest";
import { attribute, featureOf, unknownGroups } from "./attribution.rules.ts";
import type { NormalizedEvent } from "./segment.rules.ts";

let n = 0;
const ev = (e: Partial<NormalizedEvent> & Pick<NormalizedEvent, "type">): NormalizedEvent => ({
  index: n,
  messageId: `m${n++}`,
  event: null,
  userId: null,
  anonymousId: null,
  groupId: null,
  previousId: null,
  properties: null,
  context: null,
  ts: new Date("2026-01-01T00:00:00Z"),
  ...e,
});

const accounts = new Map([
  ["acme", "A"],
  ["globex", "G"],
]);

describe("attribute", () => {
  it("a group call links the user, and their later events count for that account", () => {
    const r = attribute(
      [ev({ type: "group", userId: "u", groupId: "acme" }), ev({ type: "track", userId: "u", event: "x" })],
      accounts,
      new Map(),
      "park",
    );
    expect(r.newLinks).toEqual([{ userKey: "u", accountId: "A" }]);
    expect(r.events.map((e) => e.accountId)).toEqual(["A", "A"]);
  });

  it("context.groupId wins; a user in several accounts without a groupId counts for none", () => {
    const links = new Map([
      [
        "u",
        [
          { accountId: "A", contactId: null },
          { accountId: "G", contactId: null },
        ],
      ],
    ]);
    const r = attribute(
      [
        ev({ type: "track", userId: "u", event: "x" }),
        ev({ type: "track", userId: "u", event: "x", groupId: "globex" }),
      ],
      accounts,
      links,
      "park",
    );
    expect(r.events.map((e) => e.accountId)).toEqual([null, "G"]);
    expect(r.newLinks).toEqual([]);
  });

  it("an unknown group id parks the event under the park policy, not under create", () => {
    const events = [ev({ type: "track", userId: "u", event: "x", groupId: "initech" })];
    expect(attribute(events, accounts, new Map(), "park").events[0]?.parked).toBe(true);
    expect(attribute(events, accounts, new Map(), "create").events[0]?.parked).toBe(false);
  });

  it("identify traits merge in order; alias gives the new id the previous id's accounts", () => {
    const links = new Map([["anon-1", [{ accountId: "A", contactId: null }]]]);
    const r = attribute(
      [
        ev({ type: "identify", userId: "u", properties: { email: "a@x.test", title: "CTO" } }),
        ev({ type: "identify", userId: "u", properties: { title: "CEO" } }),
        ev({ type: "alias", userId: "u", previousId: "anon-1" }),
        ev({ type: "track", userId: "u", event: "x" }),
      ],
      accounts,
      links,
      "park",
    );
    expect(r.traits.get("u")).toEqual({ email: "a@x.test", title: "CEO" });
    expect(r.newLinks).toEqual([{ userKey: "u", accountId: "A" }]);
    expect(r.events[3]?.accountId).toBe("A");
  });

  it("anonymous users are keyed by their anonymous id", () => {
    const r = attribute(
      [ev({ type: "track", anonymousId: "x1", event: "x", groupId: "acme" })],
      accounts,
      new Map(),
      "park",
    );
    expect(r.events[0]?.userKey).toBe("anon:x1");
    expect(r.newLinks).toEqual([{ userKey: "anon:x1", accountId: "A" }]);
  });
});

describe("unknownGroups and featureOf", () => {
  it("names an unknown group from its group call's traits, else by its id", () => {
    expect(
      unknownGroups(
        [
          ev({ type: "track", userId: "u", groupId: "new1" }),
          ev({ type: "group", groupId: "new1", properties: { name: "New One" } }),
          ev({ type: "group", groupId: "acme" }),
        ],
        accounts,
      ),
    ).toEqual([{ groupId: "new1", name: "New One" }]);
  });

  it("pages and screens count as named features; identify does not count", () => {
    expect(featureOf({ type: "track", event: "Export" })).toBe("Export");
    expect(featureOf({ type: "page", event: "Home" })).toBe("Page: Home");
    expect(featureOf({ type: "page", event: null })).toBe("Page viewed");
    expect(featureOf({ type: "screen", event: null })).toBe("Screen viewed");
    expect(featureOf({ type: "identify", event: null })).toBeNull();
  });
});
