import { describe, expect, it } from "vitest";
import { fitLogistic, linearPredictor, sigmoid } from "./logistic.rules.ts";

/** Seeded standard normals (Box–Muller over a Park–Miller stream). */
function normals(seed: number) {
  let s = seed;
  const uniform = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Rows drawn from a known logistic model, labels decided by a seeded uniform draw. */
function synthetic(n: number, intercept: number, beta: number[], seed: number) {
  const z = normals(seed);
  let s = seed + 1;
  const uniform = () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
  const x = Array.from({ length: n }, () => Float64Array.from(beta, () => z()));
  const y = x.map((row) => (uniform() < sigmoid(linearPredictor(intercept, beta, row)) ? 1 : 0));
  return { x, y };
}

describe("fitLogistic", () => {
  it("recovers known coefficients from data drawn from them", () => {
    const beta = [2, -1.5, 0.5, 0];
    const { x, y } = synthetic(20_000, -1, beta, 12345);
    const fit = fitLogistic(x, y, { l2: 1e-6 });
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBeLessThan(15);
    expect(fit.intercept).toBeCloseTo(-1, 1);
    fit.coefficients.forEach((b, j) => {
      expect(Math.abs(b - (beta[j] as number))).toBeLessThan(0.08);
    });
  });

  it("is at the penalized optimum: the gradient vanishes", () => {
    const { x, y } = synthetic(500, 0.3, [1, -2, 0.7], 99);
    const l2 = 5;
    const fit = fitLogistic(x, y, { l2 });
    const grad = [0, 0, 0, 0];
    x.forEach((row, i) => {
      const r = sigmoid(linearPredictor(fit.intercept, fit.coefficients, row)) - (y[i] as number);
      grad[0] = (grad[0] as number) + r;
      row.forEach((v, j) => {
        grad[j + 1] = (grad[j + 1] as number) + r * v;
      });
    });
    fit.coefficients.forEach((b, j) => {
      grad[j + 1] = (grad[j + 1] as number) + l2 * b;
    });
    for (const g of grad) expect(Math.abs(g)).toBeLessThan(1e-6);
  });

  it("shrinks coefficients as the penalty grows, never the intercept's own pull", () => {
    const { x, y } = synthetic(400, 0, [1.5, -1], 7);
    const norm = (l2: number) => Math.hypot(...fitLogistic(x, y, { l2 }).coefficients);
    expect(norm(0.01)).toBeGreaterThan(norm(10));
    expect(norm(10)).toBeGreaterThan(norm(1000));
    // All coefficients squeezed to ~0, the intercept still gives the base rate.
    const rate = y.reduce((s: number, v) => s + v, 0) / y.length;
    expect(sigmoid(fitLogistic(x, y, { l2: 1e9 }).intercept)).toBeCloseTo(rate, 3);
  });

  it("stays finite on perfectly separable data", () => {
    const x = [-2, -1, 1, 2].map((v) => Float64Array.of(v));
    const fit = fitLogistic(x, [0, 0, 1, 1], { l2: 0.1 });
    expect(Number.isFinite(fit.coefficients[0])).toBe(true);
    expect(fit.coefficients[0]).toBeGreaterThan(1);
  });

  it("is deterministic", () => {
    const { x, y } = synthetic(300, 0, [1, 1], 3);
    expect(fitLogistic(x, y, { l2: 1 })).toEqual(fitLogistic(x, y, { l2: 1 }));
  });
});
