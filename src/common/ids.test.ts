import { describe, expect, it } from "vitest";
import { newId, UUID_RE } from "./ids.ts";

describe("newId", () => {
  it("makes version 7 ids, each once, in the order they were made (many within one millisecond)", () => {
    const ids = Array.from({ length: 20_000 }, newId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => UUID_RE.test(id) && id[14] === "7" && "89ab".includes(id[19] ?? ""))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
  });
});
