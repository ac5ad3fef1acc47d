import { describe, expect, it } from "vitest";
import { AppError } from "../../common/errors.ts";
import { ROLES, type Role } from "../../common/roles.ts";
import type { Actor } from "../context.ts";
import { assertMayAssignRole, assertNotLastOwner, definedChanges, toMember } from "./member.rules.ts";

const user = (role: Role): Actor => ({ kind: "user", userId: "0190a4b0-0000-7000-8000-000000000001", role });
const keyOf = (role: Role): Actor => ({
  kind: "apiKey",
  apiKeyId: "0190a4b0-0000-7000-8000-000000000002",
  userId: "0190a4b0-0000-7000-8000-000000000003",
  role,
  scopes: ["admin"],
});
const apiKey = keyOf("admin");
const system: Actor = { kind: "system", label: "cli" };

const codeOf = (fn: () => void): string | null => {
  try {
    fn();
    return null;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return e.code;
  }
};

describe("assertMayAssignRole", () => {
  it("lets an owner grant, change and remove any role, owner included", () => {
    for (const from of [null, ...ROLES]) {
      for (const to of [null, ...ROLES]) {
        expect(
          codeOf(() => assertMayAssignRole(user("owner"), from, to)),
          `${from} → ${to}`,
        ).toBeNull();
      }
    }
  });

  it("lets an admin manage every role below owner", () => {
    const belowOwner = ROLES.filter((r) => r !== "owner");
    for (const from of [null, ...belowOwner]) {
      for (const to of [null, ...belowOwner]) {
        expect(
          codeOf(() => assertMayAssignRole(user("admin"), from, to)),
          `${from} → ${to}`,
        ).toBeNull();
      }
    }
  });

  it("refuses anyone but an owner touching the owner role", () => {
    // A key never touches the owner role, even when its person is an owner.
    for (const actor of [user("admin"), user("leader"), apiKey, keyOf("owner")]) {
      expect(codeOf(() => assertMayAssignRole(actor, null, "owner"))).toBe("FORBIDDEN");
      expect(codeOf(() => assertMayAssignRole(actor, "member", "owner"))).toBe("FORBIDDEN");
      expect(codeOf(() => assertMayAssignRole(actor, "owner", "admin"))).toBe("FORBIDDEN");
      expect(codeOf(() => assertMayAssignRole(actor, "owner", null))).toBe("FORBIDDEN");
    }
  });

  it("refuses granting a role above one's own", () => {
    expect(codeOf(() => assertMayAssignRole(user("manager"), "member", "leader"))).toBe("FORBIDDEN");
    expect(codeOf(() => assertMayAssignRole(user("manager"), null, "admin"))).toBe("FORBIDDEN");
    expect(codeOf(() => assertMayAssignRole(user("manager"), "viewer", "manager"))).toBeNull();
  });

  it("refuses a key granting a role above its person's current one", () => {
    expect(codeOf(() => assertMayAssignRole(keyOf("manager"), "member", "leader"))).toBe("FORBIDDEN");
    expect(codeOf(() => assertMayAssignRole(keyOf("manager"), "viewer", "manager"))).toBeNull();
  });

  it("lets an admin API key manage roles below owner, and the system do anything", () => {
    expect(codeOf(() => assertMayAssignRole(apiKey, "member", "admin"))).toBeNull();
    expect(codeOf(() => assertMayAssignRole(system, "owner", null))).toBeNull();
    expect(codeOf(() => assertMayAssignRole(system, null, "owner"))).toBeNull();
  });
});

describe("assertNotLastOwner", () => {
  it("refuses demoting or removing the only owner with a conflict", () => {
    expect(codeOf(() => assertNotLastOwner("owner", "admin", 1))).toBe("CONFLICT");
    expect(codeOf(() => assertNotLastOwner("owner", null, 1))).toBe("CONFLICT");
  });

  it("allows it when another owner remains, or when the person is not an owner", () => {
    expect(codeOf(() => assertNotLastOwner("owner", "admin", 2))).toBeNull();
    expect(codeOf(() => assertNotLastOwner("owner", null, 2))).toBeNull();
    expect(codeOf(() => assertNotLastOwner("owner", "owner", 1))).toBeNull();
    expect(codeOf(() => assertNotLastOwner("admin", null, 1))).toBeNull();
  });
});

describe("toMember", () => {
  it("shapes a row for the API", () => {
    expect(
      toMember({
        userId: "0190a4b0-0000-7000-8000-000000000003",
        email: "a@b.test",
        name: "A",
        role: "viewer",
        function: "sales",
        title: null,
        managerId: null,
        team: null,
        createdAt: new Date("2026-01-02T03:04:05.678Z"),
      }),
    ).toEqual({
      userId: "0190a4b0-0000-7000-8000-000000000003",
      email: "a@b.test",
      name: "A",
      role: "viewer",
      function: "sales",
      title: null,
      managerId: null,
      team: null,
      createdAt: "2026-01-02T03:04:05.678Z",
    });
  });
});

describe("definedChanges", () => {
  it("keeps only the fields a patch sets, a null title included", () => {
    expect(definedChanges({})).toEqual({});
    expect(definedChanges({ role: undefined, title: undefined })).toEqual({});
    expect(definedChanges({ title: null })).toEqual({ title: null });
    expect(definedChanges({ role: "viewer", function: "sales", title: "Lead" })).toEqual({
      role: "viewer",
      function: "sales",
      title: "Lead",
    });
  });
});
