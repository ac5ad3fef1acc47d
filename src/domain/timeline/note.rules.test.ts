import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../common/roles.ts";
import type { Actor } from "../context.ts";
import { assertMayChangeNote, mayChangeNote } from "./note.rules.ts";

const AUTHOR = "0190a4b0-0000-7000-8000-0000000000a1";
const SOMEONE = "0190a4b0-0000-7000-8000-0000000000b2";
const user = (role: Role, userId = SOMEONE): Actor => ({ kind: "user", userId, role });

describe("mayChangeNote", () => {
  it("lets the author change their own note whatever their role", () => {
    for (const role of ROLES) expect(mayChangeNote(user(role, AUTHOR), AUTHOR), role).toBe(true);
  });

  it("lets managers and above change anyone's note, and refuses members and viewers", () => {
    const allowed = ROLES.filter((r) => mayChangeNote(user(r), AUTHOR));
    expect(allowed).toEqual(["owner", "admin", "leader", "manager"]);
    expect(mayChangeNote(user("member"), null)).toBe(false);
  });

  it("lets a key that may write and Steward itself, not a key without write", () => {
    const key = (scopes: ("read" | "write" | "ingest")[]): Actor => ({
      kind: "apiKey",
      apiKeyId: SOMEONE,
      userId: SOMEONE,
      role: "manager",
      scopes,
    });
    expect(mayChangeNote(key(["read", "write"]), AUTHOR)).toBe(true);
    expect(mayChangeNote(key(["read", "ingest"]), AUTHOR)).toBe(false);
    expect(mayChangeNote({ kind: "system", label: "cli" }, AUTHOR)).toBe(true);
  });

  it("lets a write key only as far as its person's role goes: their own notes, anyone's from manager up", () => {
    const key = (role: Role, userId = SOMEONE): Actor => ({
      kind: "apiKey",
      apiKeyId: SOMEONE,
      userId,
      role,
      scopes: ["write"],
    });
    expect(ROLES.filter((r) => mayChangeNote(key(r), AUTHOR))).toEqual([
      "owner",
      "admin",
      "leader",
      "manager",
    ]);
    expect(mayChangeNote(key("member", AUTHOR), AUTHOR)).toBe(true);
    expect(mayChangeNote(key("member"), null)).toBe(false);
  });

  it("refuses with FORBIDDEN and says who may", () => {
    expect(() => assertMayChangeNote(user("member"), AUTHOR)).toThrow(
      expect.objectContaining({
        code: "FORBIDDEN",
        message: "Only the note's author or a manager can change it",
      }),
    );
  });
});
