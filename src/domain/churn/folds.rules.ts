import { createRng } from "../kernel/random.ts";

/**
 * The fold (0…k−1) of every row. Each class is shuffled on its own and dealt round-robin, the
 * second class starting where the first stopped, so every fold gets the class ratio and the fold
 * sizes differ by at most one. Seeded: the same seed gives the same folds everywhere.
 */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, seed: number | string): number[] {
  if (!Number.isInteger(k) || k < 2) throw new Error(`folds must be an integer of at least 2, not ${k}`);
  // A text seed, so a number and its string give the same folds.
  const rng = createRng(String(seed));
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < labels.length; i++) (labels[i] === 1 ? pos : neg).push(i);
  const fold = new Array<number>(labels.length).fill(0);
  let next = 0;
  for (const group of [pos, neg])
    for (const i of rng.shuffle(group)) {
      fold[i] = next;
      next = (next + 1) % k;
    }
  return fold;
}
