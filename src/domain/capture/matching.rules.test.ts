import { describe, expect, it } from "vitest";
import { domainCandidates, matchParticipants } from "./matching.rules.ts";

describe("matching participants to accounts", () => {
  const p = (address: string) => ({ address, name: null, via: "to" as const });

  it("names a domain and its parents down to two labels", () => {
    expect(domainCandidates("Mail.EU.acme.com")).toEqual(["mail.eu.acme.com", "eu.acme.com", "acme.com"]);
    expect(domainCandidates("acme.com")).toEqual(["acme.com"]);
  });

  it("goes by contact first, else by the nearest account domain", () => {
    const m = matchParticipants(
      [p("ada@acme.com"), p("grace@eu.acme.com"), p("x@unknown.example")],
      [{ contactId: "c-ada", accountId: "acme", email: "Ada@Acme.com" }],
      [
        { accountId: "acme", domain: "acme.com" },
        { accountId: "acme-eu", domain: "EU.acme.com" },
      ],
    );
    expect(m.participants.map((x) => [x.address, x.contactId, x.accountId])).toEqual([
      ["ada@acme.com", "c-ada", "acme"],
      ["grace@eu.acme.com", null, "acme-eu"],
      ["x@unknown.example", null, null],
    ]);
    expect(m.accountIds.sort()).toEqual(["acme", "acme-eu"]);
    expect(m.players.get("acme")).toEqual(["c-ada"]);
  });

  it("points to one account with its contacts as players, or to every account an address is shared by", () => {
    const one = matchParticipants(
      [p("ada@acme.com"), p("grace@acme.com"), p("ops@acme.com")],
      [
        { contactId: "c-ada", accountId: "acme", email: "ada@acme.com" },
        { contactId: "c-grace", accountId: "acme", email: "grace@acme.com" },
      ],
      [{ accountId: "acme", domain: "acme.com" }],
    );
    expect(one.accountIds).toEqual(["acme"]);
    expect(one.players.get("acme")).toEqual(["c-ada", "c-grace"]);

    const shared = matchParticipants(
      [p("ada@acme.com")],
      [
        { contactId: "c1", accountId: "acme", email: "ada@acme.com" },
        { contactId: "c2", accountId: "acme-sub", email: "ada@acme.com" },
      ],
      [],
    );
    expect(shared.accountIds.sort()).toEqual(["acme", "acme-sub"]);
    expect(shared.participants[0]).toMatchObject({ contactId: null, accountId: null });
  });
});
