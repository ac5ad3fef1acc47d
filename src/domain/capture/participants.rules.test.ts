import { describe, expect, it } from "vitest";
import {
  forwardedBlocks,
  normalizeAddress,
  type OwnSide,
  ownDomainsOf,
  parseAddressList,
  participantsOf,
  withoutTag,
} from "./participants.rules.ts";

const GMAIL = `FYI, see below.

---------- Forwarded message ---------
From: Ada Lovelace <Ada.Lovelace@Acme.example>
Date: Mon, 3 Mar 2025 at 10:00
Subject: Renewal questions
To: Bob Brown <bob@steward.example>
Cc: Grace Hopper <grace@acme.example>, "Turing, Alan" <alan@partner.example>


Hi Bob, a few questions about the renewal.`;

const APPLE = `Forwarding this one.

Begin forwarded message:

From: Ada Lovelace <ada@acme.example>
Subject: Re: Rollout
Date: 3 March 2025 at 10:00:00 CET
To: Bob Brown <bob@steward.example>

The rollout went well.`;

const OUTLOOK = `See Ada's note.

________________________________
From: Ada Lovelace <ada@acme.example>
Sent: Monday, March 3, 2025 10:00 AM
To: Bob Brown <bob@steward.example>; Grace Hopper <grace@acme.example>
Cc: Ops
 Team <ops@acme.example>
Subject: Outage follow-up

We saw the outage too.`;

const QUOTED_OUTLOOK = `> *From:* Ada Lovelace [mailto:ada@acme.example]
> *Sent:* Monday, March 3, 2025 10:00 AM
> *To:* Bob Brown
> *Subject:* Quarterly review
>
> Agenda attached.`;

const THUNDERBIRD = `-------- Forwarded Message --------
Subject: 	Invoice
Date: 	Mon, 3 Mar 2025 10:00:00 +0100
From: 	Ada Lovelace <ada@acme.example>
To: 	bob@steward.example

Please see the invoice.`;

describe("addresses", () => {
  it("are read in lower case, without brackets, mailto: or trailing punctuation; anything else is none", () => {
    expect(normalizeAddress(" <Ada@Acme.Example> ")).toBe("ada@acme.example");
    expect(normalizeAddress("mailto:ada@acme.example.")).toBe("ada@acme.example");
    expect(normalizeAddress("ada@localhost")).toBeNull();
    expect(normalizeAddress("not an address")).toBeNull();
  });

  it("are found in header values as mail programs write them, each with the name before it", () => {
    expect(
      parseAddressList(
        `"Lovelace, Ada" <ada@acme.example>, Grace <grace@acme.example>; *Alan* [mailto:alan@x.example] bob@y.example`,
      ),
    ).toEqual([
      { address: "ada@acme.example", name: "Lovelace, Ada" },
      { address: "grace@acme.example", name: "Grace" },
      { address: "alan@x.example", name: "Alan" },
      { address: "bob@y.example", name: null },
    ]);
  });

  it("reach the same mailbox with or without a +tag", () => {
    expect(withoutTag("bob+caf_=capture@steward.example")).toBe("bob@steward.example");
    expect(withoutTag("bob@steward.example")).toBe("bob@steward.example");
  });

  it("make the members' own domains, leaving out public mail providers", () => {
    expect(ownDomainsOf(["Bob@Steward.example", "carol@steward.example", "dan@gmail.com"])).toEqual([
      "steward.example",
    ]);
  });
});

describe("forwarded messages in the text", () => {
  it("reads Gmail's block: from, to, cc with quoted names, date and subject", () => {
    expect(forwardedBlocks(GMAIL)).toEqual([
      {
        from: [{ address: "ada.lovelace@acme.example", name: "Ada Lovelace" }],
        to: [{ address: "bob@steward.example", name: "Bob Brown" }],
        cc: [
          { address: "grace@acme.example", name: "Grace Hopper" },
          { address: "alan@partner.example", name: "Turing, Alan" },
        ],
        replyTo: [],
        date: "Mon, 3 Mar 2025 at 10:00",
        subject: "Renewal questions",
      },
    ]);
  });

  it("reads Apple Mail's block after its blank line", () => {
    const [block] = forwardedBlocks(APPLE);
    expect(block?.from).toEqual([{ address: "ada@acme.example", name: "Ada Lovelace" }]);
    expect(block?.date).toBe("3 March 2025 at 10:00:00 CET");
    expect(block?.subject).toBe("Re: Rollout");
  });

  it("reads Outlook's From/Sent/To block, with semicolons and a wrapped line", () => {
    const [block] = forwardedBlocks(OUTLOOK);
    expect(block?.to.map((a) => a.address)).toEqual(["bob@steward.example", "grace@acme.example"]);
    expect(block?.cc).toEqual([{ address: "ops@acme.example", name: "Ops Team" }]);
    expect(block?.date).toBe("Monday, March 3, 2025 10:00 AM");
  });

  it("reads a quoted Outlook block without a separator, bold header names and mailto: included", () => {
    const [block] = forwardedBlocks(QUOTED_OUTLOOK);
    expect(block?.from).toEqual([{ address: "ada@acme.example", name: "Ada Lovelace" }]);
    expect(block?.to).toEqual([]);
    expect(block?.subject).toBe("Quarterly review");
  });

  it("reads Thunderbird's block with tabs after the names", () => {
    const [block] = forwardedBlocks(THUNDERBIRD);
    expect(block?.from[0]?.address).toBe("ada@acme.example");
    expect(block?.date).toBe("Mon, 3 Mar 2025 10:00:00 +0100");
    expect(block?.subject).toBe("Invoice");
  });

  it("finds nothing in a plain text, nor in a marker without a From line", () => {
    expect(forwardedBlocks("Hi Ada,\nFrom: our side, all good.\nBob")).toEqual([]);
    expect(forwardedBlocks("---------- Forwarded message ---------\nHello")).toEqual([]);
  });

  it("reads a forward of a forward as two blocks, outermost first", () => {
    const text = `${GMAIL}\n\n${THUNDERBIRD}`;
    expect(forwardedBlocks(text).map((b) => b.subject)).toEqual(["Renewal questions", "Invoice"]);
  });
});

describe("participants", () => {
  const own: OwnSide = {
    addresses: new Set(["bob@steward.example", "dan@gmail.com"]),
    domains: ["steward.example", "capture.steward.example"],
  };
  const none = { from: [], to: [], cc: [], replyTo: [] };

  it("are the headers' addresses, then the forwarded ones, once each, without our own side", () => {
    const found = participantsOf(
      {
        from: [{ address: "bob@steward.example", name: "Bob" }],
        to: [
          { address: "capture+abcdefabcdefabcdef@capture.steward.example", name: null },
          { address: "Ada@acme.example", name: null },
        ],
        cc: [{ address: "carol@eu.steward.example", name: "Carol" }],
        replyTo: [{ address: "dan+caf_x@gmail.com", name: null }],
      },
      forwardedBlocks(GMAIL.replace("Ada.Lovelace@", "ada@")),
      own,
    );
    expect(found).toEqual([
      { address: "ada@acme.example", name: "Ada Lovelace", via: "to" },
      { address: "grace@acme.example", name: "Grace Hopper", via: "forwarded" },
      { address: "alan@partner.example", name: "Turing, Alan", via: "forwarded" },
    ]);
  });

  it("keep a customer at a public mail provider a member also uses", () => {
    const found = participantsOf({ ...none, to: [{ address: "eve@gmail.com", name: "Eve" }] }, [], own);
    expect(found).toEqual([{ address: "eve@gmail.com", name: "Eve", via: "to" }]);
  });
});
