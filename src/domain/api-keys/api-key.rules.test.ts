import { describe, expect, it } from "vitest";
import type { Actor } from "../context.ts";
import { sha256 } from "../kernel/crypto.ts";
import {
  assertMayGrantScopes,
  generateApiKey,
  parseApiKey,
  scopesExceedRole,
  toApiKey,
} from "./api-key.rules.ts";

describe("generateApiKey", () => {
  it("makes a key with a showable prefix and stores only its hash", () => {
    const { key, prefix, hash } = generateApiKey();
    expect(prefix).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(key).toMatch(new RegExp(`^stw_${prefix}_[A-Za-z0-9_-]{43}$`));
    expect(hash).toBe(sha256(key));
    expect(hash).not.toContain(key.slice(13));
  });

  it("never repeats a key or a prefix in practice", () => {
    const keys = Array.from({ length: 200 }, () => generateApiKey());
    expect(new Set(keys.map((k) => k.key)).size).toBe(200);
    expect(new Set(keys.map((k) => k.prefix)).size).toBe(200);
  });
});

describe("parseApiKey", () => {
  it("reads the prefix of every generated key", () => {
    for (let i = 0; i < 50; i++) {
      const { key, prefix } = generateApiKey();
      expect(parseApiKey(key)).toEqual({ prefix });
    }
  });

  it.each([
    "",
    "stw_",
    "stw_abcdefgh",
    "stw_abcdefgh_short",
    "stw_abcdefg_0123456789012345678901234",
    "stw_abcdefghi_0123456789012345678901234",
    "stw_abc-efgh_0123456789012345678901234",
    "xyz_abcdefgh_0123456789012345678901234",
    " stw_abcdefgh_0123456789012345678901234",
    "stw_abcdefgh_0123456789012345678901234 ",
    "stw_abcdefgh_01234567890123456789012!4",
  ])("refuses %j", (key) => {
    expect(parseApiKey(key)).toBeNull();
  });
});

describe("toApiKey", () => {
  it("shows the prefix in the key's own format and never the hash", () => {
    const shown = toApiKey({
      id: "0190a4b0-0000-7000-8000-000000000001",
      name: "CRM",
      prefix: "abcdefgh",
      scopes: ["read"],
      userId: "0190a4b0-0000-7000-8000-000000000002",
      createdAt: new Date("2026-01-01T00:00:00Z"),
      lastUsedAt: null,
      revokedAt: new Date("2026-02-01T00:00:00Z"),
      keyHash: "secret-hash",
    } as Parameters<typeof toApiKey>[0]);
    expect(shown).toEqual({
      id: "0190a4b0-0000-7000-8000-000000000001",
      name: "CRM",
      prefix: "stw_abcdefgh",
      scopes: ["read"],
      userId: "0190a4b0-0000-7000-8000-000000000002",
      createdAt: "2026-01-01T00:00:00.000Z",
      lastUsedAt: null,
      revokedAt: "2026-02-01T00:00:00.000Z",
    });
  });
});

describe("scopesExceedRole", () => {
  it("needs admin or owner for admin, member and up for write and ingest, any role for read", () => {
    const holds = (scopes: string[]) =>
      (["owner", "admin", "leader", "manager", "member", "viewer"] as const).filter(
        (role) => !scopesExceedRole(scopes, role),
      );
    expect(holds(["admin"])).toEqual(["owner", "admin"]);
    expect(holds(["write"])).toEqual(["owner", "admin", "leader", "manager", "member"]);
    expect(holds(["ingest"])).toEqual(["owner", "admin", "leader", "manager", "member"]);
    expect(holds(["read"])).toEqual(["owner", "admin", "leader", "manager", "member", "viewer"]);
    expect(holds(["read", "write", "admin"])).toEqual(["owner", "admin"]);
  });

  it("treats a scope it does not know as beyond every role", () => {
    expect(scopesExceedRole(["superuser"], "owner")).toBe(true);
    expect(scopesExceedRole(["constructor"], "owner")).toBe(true);
  });
});

describe("assertMayGrantScopes", () => {
  const codeOf = (fn: () => void) => {
    try {
      fn();
      return null;
    } catch (e) {
      return (e as { code?: string }).code ?? "thrown";
    }
  };
  const key = (scopes: ("read" | "write" | "ingest" | "admin")[]): Actor => ({
    kind: "apiKey",
    apiKeyId: "k",
    userId: "u",
    role: "owner",
    scopes,
  });
  const person: Actor = { kind: "user", userId: "u", role: "owner" };

  it("lets a key grant only scopes it holds: admin implies neither read nor write", () => {
    expect(codeOf(() => assertMayGrantScopes(key(["admin"]), ["read"], "owner"))).toBe("FORBIDDEN");
    expect(codeOf(() => assertMayGrantScopes(key(["admin"]), ["admin", "write"], "owner"))).toBe("FORBIDDEN");
    expect(codeOf(() => assertMayGrantScopes(key(["admin", "read"]), ["read"], "owner"))).toBeNull();
    expect(codeOf(() => assertMayGrantScopes(key(["admin", "read"]), ["admin", "read"], "owner"))).toBeNull();
  });

  it("grants no scope beyond the person's role, whoever asks", () => {
    expect(codeOf(() => assertMayGrantScopes(person, ["admin"], "manager"))).toBe("FORBIDDEN");
    expect(codeOf(() => assertMayGrantScopes(key(["admin", "write"]), ["write"], "viewer"))).toBe(
      "FORBIDDEN",
    );
    expect(
      codeOf(() => assertMayGrantScopes({ kind: "system", label: "cli" }, ["read"], "viewer")),
    ).toBeNull();
    expect(
      codeOf(() => assertMayGrantScopes(person, ["read", "write", "ingest", "admin"], "admin")),
    ).toBeNull();
  });
});
