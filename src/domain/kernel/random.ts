import { addDays, daysBetween, isIsoDay } from "../../common/dates.ts";

/**
 * A small seeded pseudo-random generator for demo data and test factories: the same seed gives
 * the same sequence on every machine and Node version. Not for anything secret.
 */
export type Rng = {
  /** The seed this stream was made from (forks derive theirs from it). */
  readonly seed: string;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** An integer in [min, max] that is a multiple of step. */
  step(min: number, max: number, step: number): number;
  pick<T>(items: readonly T[]): T;
  /** Picks by relative weight; weights need not sum to 1. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  chance(probability: number): boolean;
  shuffle<T>(items: readonly T[]): T[];
  /** n distinct items (fewer when the list is shorter). */
  sample<T>(items: readonly T[], n: number): T[];
  /** A `YYYY-MM-DD` date in [from, to], both included. */
  date(from: string, to: string): string;
  /** An independent stream named by label, so adding draws in one place does not shift another. */
  fork(label: string): Rng;
};

/** mulberry32 (Tommy Ettinger, public domain): 32-bit state, good enough statistics, tiny. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a over the string's UTF-16 code units: turns a text seed into 32 bits. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const EPOCH = "1970-01-01";
const dayNumber = (day: string): number => {
  if (!isIsoDay(day)) throw new Error(`not a YYYY-MM-DD date: ${day}`);
  return daysBetween(EPOCH, day);
};

export function createRng(seed: number | string): Rng {
  const key = String(seed);
  const next = mulberry32(typeof seed === "number" ? seed : hashSeed(key));
  const int = (min: number, max: number): number => {
    if (max < min) throw new Error(`int(${min}, ${max}): max is below min`);
    return min + Math.floor(next() * (max - min + 1));
  };
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(next() * items.length)] as T;
  };
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };
  const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
    const total = entries.reduce((sum, [, w]) => sum + Math.max(0, w), 0);
    if (total <= 0) throw new Error("weighted pick needs a positive weight");
    let roll = next() * total;
    let last: T | undefined;
    for (const [value, w] of entries) {
      if (w <= 0) continue;
      last = value;
      roll -= w;
      if (roll < 0) return value;
    }
    // Only reachable through floating-point rounding on the last positive entry.
    return last as T;
  };
  return {
    seed: key,
    next,
    int,
    step: (min, max, step) => int(Math.ceil(min / step), Math.floor(max / step)) * step,
    pick,
    weighted,
    chance: (probability) => next() < probability,
    shuffle,
    sample: (items, n) => shuffle(items).slice(0, Math.max(0, n)),
    date: (from, to) => addDays(EPOCH, int(dayNumber(from), dayNumber(to))),
    fork: (label) => createRng(`${key}/${label}`),
  };
}
