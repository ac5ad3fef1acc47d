import { describe, expect, it } from "vitest";
import { createRng, hashSeed, mulberry32 } from "./random.ts";

const draws = (seed: number | string, n: number) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe("mulberry32", () => {
  it("gives the published sequence for seed 1", () => {
    const next = mulberry32(1);
    expect([next(), next(), next()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  });

  it("stays in [0, 1)", () => {
    const next = mulberry32(123);
    for (let i = 0; i < 10_000; i++) {
      const x = next();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});

describe("hashSeed (FNV-1a 32)", () => {
  it("matches the FNV-1a test vectors", () => {
    expect(hashSeed("")).toBe(0x811c9dc5);
    expect(hashSeed("a")).toBe(0xe40c292c);
    expect(hashSeed("foobar")).toBe(0xbf9cf968);
  });
});

describe("createRng", () => {
  it("repeats the same sequence for the same seed, numeric or text", () => {
    expect(draws(42, 50)).toEqual(draws(42, 50));
    expect(draws("demo", 50)).toEqual(draws("demo", 50));
  });

  it("gives different sequences for different seeds", () => {
    expect(draws(1, 5)).not.toEqual(draws(2, 5));
    expect(draws("a", 5)).not.toEqual(draws("b", 5));
  });

  it("pins a few draws, so a change to the generator (and so to the demo data) is noticed", () => {
    const rng = createRng("steward");
    expect([rng.int(1, 100), rng.int(1, 100), rng.int(1, 100)]).toEqual([48, 83, 67]);
  });

  it("int covers both ends and nothing outside them", () => {
    const rng = createRng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) seen.add(rng.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
    expect(() => rng.int(5, 4)).toThrow();
  });

  it("step returns multiples of the step within bounds", () => {
    const rng = createRng(8);
    for (let i = 0; i < 500; i++) {
      const v = rng.step(12, 98, 5);
      expect(v % 5).toBe(0);
      expect(v).toBeGreaterThanOrEqual(15);
      expect(v).toBeLessThanOrEqual(95);
    }
  });

  it("weighted follows the weights and never picks a zero weight", () => {
    const rng = createRng(9);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i++)
      counts[
        rng.weighted([
          ["a", 1],
          ["b", 3],
          ["c", 0],
        ] as const)
      ] += 1;
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.6);
    expect(counts.b / counts.a).toBeLessThan(3.4);
    expect(() => rng.weighted([["x", 0]] as const)).toThrow();
  });

  it("chance(0) never and chance(1) always", () => {
    const rng = createRng(10);
    for (let i = 0; i < 100; i++) {
      expect(rng.chance(0)).toBe(false);
      expect(rng.chance(1)).toBe(true);
    }
  });

  it("shuffle and sample keep the items", () => {
    const rng = createRng(11);
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(rng.shuffle(items).sort()).toEqual(items);
    const picked = rng.sample(items, 3);
    expect(new Set(picked).size).toBe(3);
    expect(picked.every((x) => items.includes(x))).toBe(true);
    expect(() => rng.pick([])).toThrow();
  });

  it("date stays within the bounds, both included", () => {
    const rng = createRng(12);
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) seen.add(rng.date("2024-02-28", "2024-03-01"));
    expect([...seen].sort()).toEqual(["2024-02-28", "2024-02-29", "2024-03-01"]);
  });

  it("forks are independent of how much the parent has drawn", () => {
    const a = createRng("root");
    const b = createRng("root");
    b.next();
    b.next();
    const fromA = a.fork("child");
    const fromB = b.fork("child");
    expect([fromA.next(), fromA.next()]).toEqual([fromB.next(), fromB.next()]);
    expect(a.fork("x").next()).not.toBe(a.fork("y").next());
  });
});
