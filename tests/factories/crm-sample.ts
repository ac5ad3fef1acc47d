import type { TeamFunction } from "../../src/common/roles.ts";
import type { Account } from "../../src/contract/accounts.ts";
import type { Contact } from "../../src/contract/contacts.ts";
import { createAccount } from "../../src/domain/accounts/index.ts";
import { createContact } from "../../src/domain/contacts/index.ts";
import type { Ctx } from "../../src/domain/context.ts";
import { addMember } from "../../src/domain/members/index.ts";

/** The made-up CRM export `tests/fixtures/crm-activities.csv` and its mapping. */
export const CRM_ACTIVITIES_CSV = "tests/fixtures/crm-activities.csv";
export const CRM_ACTIVITIES_MAPPING = "docs/examples/crm-activities.mapping.json";

const EMPLOYEES: [string, string, TeamFunction][] = [
  ["maya.ortiz@steward-sample.example", "Maya Ortiz", "customer_success"],
  ["leo.brandt@steward-sample.example", "Leo Brandt", "sales"],
  ["sam.okoro@steward-sample.example", "Sam Okoro", "support"],
  ["rita.haas@steward-sample.example", "Rita Haas", "services"],
];

const ACCOUNTS: [string, string, [string, string, string][]][] = [
  [
    "ACC-1001",
    "Brightwater Logistics",
    [
      ["Ines", "Carvalho", "ines.carvalho@brightwater.example"],
      ["Tomas", "Reyes", "tomas.reyes@brightwater.example"],
    ],
  ],
  [
    "ACC-1002",
    "Lumen Grove Analytics",
    [
      ["Priya", "Natarajan", "priya.natarajan@lumengrove.example"],
      ["Oskar", "Lind", "oskar.lind@lumengrove.example"],
    ],
  ],
  ["ACC-1003", "Harbor & Finch Outfitters", [["Ada", "Mbeki", "ada.mbeki@harborfinch.example"]]],
];

export type CrmSample = {
  /** Employees by email: their person's id. */
  employees: Map<string, string>;
  /** Accounts by external id. */
  accounts: Map<string, Account>;
  /** Contacts by email. */
  contacts: Map<string, Contact>;
};

/**
 * What the sample export names: its employees as members (each with their function), its three
 * accounts and their key players. `system` acts as Steward (members join only that way here).
 */
export async function makeCrmSample(system: Ctx, password: string): Promise<CrmSample> {
  const sample: CrmSample = { employees: new Map(), accounts: new Map(), contacts: new Map() };
  for (const [email, name, fn] of EMPLOYEES) {
    const member = await addMember(system, { email, name, role: "member", function: fn, password });
    sample.employees.set(email, member.userId);
  }
  for (const [externalId, name, people] of ACCOUNTS) {
    const account = await createAccount(system, { name, externalId });
    sample.accounts.set(externalId, account);
    for (const [firstName, lastName, email] of people) {
      sample.contacts.set(
        email,
        await createContact(system, {
          accountId: account.id,
          firstName,
          lastName,
          email,
          decisionRole: "champion",
        }),
      );
    }
  }
  return sample;
}
