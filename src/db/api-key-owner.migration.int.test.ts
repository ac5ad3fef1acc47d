import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packageRoot } from "./package-root.ts";

/**
 * Migration 0011 gives every API key a person: its creator when there was one, else the
 * workspace's first owner, else a login-less operator owner made for the purpose.
 */
const folder = path.join(packageRoot(), "src/db/migrations");
const files = readdirSync(folder)
  .filter((f) => f.endsWith(".sql"))
  .sort();
const upTo = (prefix: string) => files.filter((f) => f < prefix);
const OWNER_MIGRATION = files.find((f) => f.startsWith("0011_")) as string;

let db: PGlite;
const ids = {
  withOwner: "0190a4b0-0000-7000-8000-00000000a001",
  bare: "0190a4b0-0000-7000-8000-00000000a002",
  firstOwner: "0190a4b0-0000-7000-8000-00000000b001",
  laterOwner: "0190a4b0-0000-7000-8000-00000000b002",
  creator: "0190a4b0-0000-7000-8000-00000000b003",
  gone: "0190a4b0-0000-7000-8000-00000000b004",
};

const keyOwner = async (id: string) =>
  (await db.query<{ user_id: string }>(`select user_id from api_keys where id = '${id}'`)).rows[0]?.user_id;

beforeAll(async () => {
  db = new PGlite();
  for (const f of upTo(OWNER_MIGRATION)) await db.exec(readFileSync(path.join(folder, f), "utf8"));
  await db.exec(`
    insert into workspaces (id, slug, name) values
      ('${ids.withOwner}', 'with-owner', 'With owner'), ('${ids.bare}', 'bare', 'Bare');
    insert into users (id, email, name, password_hash) values
      ('${ids.firstOwner}', 'first@x.test', 'First', 'h'),
      ('${ids.laterOwner}', 'later@x.test', 'Later', 'h'),
      ('${ids.creator}', 'creator@x.test', 'Creator', 'h');
    insert into memberships (workspace_id, user_id, role, function, created_at) values
      ('${ids.withOwner}', '${ids.laterOwner}', 'owner', 'sales', '2026-02-01'),
      ('${ids.withOwner}', '${ids.firstOwner}', 'owner', 'sales', '2026-01-01'),
      ('${ids.withOwner}', '${ids.creator}', 'admin', 'sales', '2026-01-02');
    insert into api_keys (workspace_id, id, name, prefix, key_hash, scopes, created_by) values
      ('${ids.withOwner}', '0190a4b0-0000-7000-8000-00000000c001', 'by creator', 'aaaaaaaa', 'h', '{read}', '${ids.creator}'),
      ('${ids.withOwner}', '0190a4b0-0000-7000-8000-00000000c002', 'by cli', 'bbbbbbbb', 'h', '{admin}', null),
      ('${ids.withOwner}', '0190a4b0-0000-7000-8000-00000000c003', 'login gone', 'cccccccc', 'h', '{read}', '${ids.gone}'),
      ('${ids.bare}', '0190a4b0-0000-7000-8000-00000000c004', 'bare cli', 'dddddddd', 'h', '{read}', null),
      ('${ids.bare}', '0190a4b0-0000-7000-8000-00000000c005', 'bare cli 2', 'eeeeeeee', 'h', '{write}', null);
  `);
  await db.exec(readFileSync(path.join(folder, OWNER_MIGRATION), "utf8"));
});

afterAll(async () => {
  await db?.close();
});

describe("migration 0011: every API key belongs to a person", () => {
  it("keeps a key's creator as its person", async () => {
    expect(await keyOwner("0190a4b0-0000-7000-8000-00000000c001")).toBe(ids.creator);
  });

  it("gives a key without a (still existing) person to the workspace's first owner", async () => {
    expect(await keyOwner("0190a4b0-0000-7000-8000-00000000c002")).toBe(ids.firstOwner);
    expect(await keyOwner("0190a4b0-0000-7000-8000-00000000c003")).toBe(ids.firstOwner);
  });

  it("gives the keys of a workspace without an owner to one login-less operator owner", async () => {
    const a = await keyOwner("0190a4b0-0000-7000-8000-00000000c004");
    expect(await keyOwner("0190a4b0-0000-7000-8000-00000000c005")).toBe(a);
    const operator = await db.query<{
      email: string;
      name: string;
      password_hash: string | null;
      role: string;
    }>(
      `select u.email, u.name, u.password_hash, m.role from users u
       join memberships m on m.user_id = u.id and m.workspace_id = '${ids.bare}' where u.id = '${a}'`,
    );
    expect(operator.rows).toEqual([
      {
        email: `operator+${ids.bare}@steward.invalid`,
        name: "Steward operator",
        password_hash: null,
        role: "owner",
      },
    ]);
  });

  it("leaves no key without a person, and refuses one from now on", async () => {
    await expect(
      db.exec(
        `insert into api_keys (workspace_id, id, name, prefix, key_hash, scopes) values
         ('${ids.bare}', '0190a4b0-0000-7000-8000-00000000c006', 'x', 'ffffffff', 'h', '{read}')`,
      ),
    ).rejects.toThrow(/null value/);
  });
});
