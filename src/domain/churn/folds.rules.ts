/**
 * Seeded, stratified k-fold assignment. Its own small generator rather than the demo module's: the
 * demo will train a churn model, and churn must not depend on demo.
 */

/** mulberry32 on the FNV-1a hash of the seed: the same seed gives the same folds everywhere. */
function seededRandom(seed: number | string): () => number {
  let h = 0x811c9dc5;
  for (const ch of String(seed)) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  let state = h >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function shuffle(items: number[], random: () => number): number[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j] as number, a[i] as number];
  }
  return a;
}

/**
 * The fold (0…k−1) of every row. Each class is shuffled on its own and dealt round-robin, the
 * second class starting where the first stopped, so every fold gets the class ratio and the fold
 * sizes differ by at most one.
 */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, seed: number | string): number[] {
  if (!Number.isInteger(k) || k < 2) throw new Error(`folds must be an integer of at least 2, not ${k}`);
  const random = seededRandom(seed);
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < labels.length; i++) (labels[i] === 1 ? pos : neg).push(i);
  const fold = new Array<number>(labels.length).fill(0);
  let next = 0;
  for (const group of [pos, neg])
    for (const i of shuffle(group, random)) {
      fold[i] = next;
      next = (next + 1) % k;
    }
  return fold;
}
