import { describe, expect, it } from "vitest";
import { newToken, safeEqual, sha256 } from "./crypto.ts";

describe("tokens", () => {
  it("makes url-safe random tokens of the requested strength", () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken(24)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(new Set(Array.from({ length: 100 }, () => newToken())).size).toBe(100);
  });

  it("hashes with SHA-256 as hex", () => {
    expect(sha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("compares secrets of any length without throwing", () => {
    expect(safeEqual("same-token", "same-token")).toBe(true);
    expect(safeEqual("same-token", "same-tokeN")).toBe(false);
    expect(safeEqual("short", "longer-value")).toBe(false);
    expect(safeEqual("", "")).toBe(true);
    expect(safeEqual("é", "e\u0301")).toBe(false);
  });
});
