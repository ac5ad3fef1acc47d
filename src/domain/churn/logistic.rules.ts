import { CholeskyDecomposition, Matrix } from "ml-matrix";

/**
 * L2-regularized logistic regression fitted by Newton's method (iteratively reweighted least
 * squares). With a few dozen features the Hessian is tiny, so each step is one pass over the rows
 * plus a Cholesky solve (ml-matrix); it converges in a handful of steps to the exact penalized
 * optimum, with no learning rate to tune and no randomness, unlike gradient descent.
 */

export type LogisticOptions = {
  /** Penalty λ on the sum of squared coefficients (the intercept is not penalized); sklearn's C = 1/λ. */
  l2: number;
  maxIterations?: number;
  /** Stop when no coefficient moves more than this in a step. */
  tolerance?: number;
};

export type LogisticFit = {
  intercept: number;
  coefficients: number[];
  iterations: number;
  converged: boolean;
};

export const sigmoid = (z: number): number =>
  z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));

/** log(1 + e^z) without overflow. */
const softplus = (z: number): number => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

/** Log-odds of one row: intercept + coefficients · x. */
export function linearPredictor(
  intercept: number,
  coefficients: ArrayLike<number>,
  x: ArrayLike<number>,
): number {
  let z = intercept;
  for (let j = 0; j < coefficients.length; j++) z += (coefficients[j] as number) * (x[j] as number);
  return z;
}

/** Penalized negative log-likelihood; beta[0] is the intercept. */
function loss(x: Float64Array[], y: ArrayLike<number>, beta: Float64Array, l2: number): number {
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const z = linearPredictor(beta[0] as number, beta.subarray(1), x[i] as Float64Array);
    total += softplus(z) - (y[i] as number) * z;
  }
  for (let j = 1; j < beta.length; j++) total += 0.5 * l2 * (beta[j] as number) ** 2;
  return total;
}

/** Gradient and Hessian of the penalized loss, visiting only each row's non-zero features (one-hot rows are sparse). */
function derivatives(x: Float64Array[], y: ArrayLike<number>, beta: Float64Array, l2: number) {
  const p = beta.length;
  const grad = new Float64Array(p);
  const hess = new Float64Array(p * p);
  const nz = new Int32Array(p);
  const vals = new Float64Array(p);
  for (let i = 0; i < x.length; i++) {
    const row = x[i] as Float64Array;
    // Index 0 is the intercept's constant 1.
    let m = 1;
    nz[0] = 0;
    vals[0] = 1;
    for (let j = 0; j < row.length; j++)
      if (row[j] !== 0) {
        nz[m] = j + 1;
        vals[m] = row[j] as number;
        m++;
      }
    const mu = sigmoid(linearPredictor(beta[0] as number, beta.subarray(1), row));
    const w = mu * (1 - mu);
    const r = mu - (y[i] as number);
    for (let a = 0; a < m; a++) {
      const ja = nz[a] as number;
      const va = vals[a] as number;
      grad[ja] = (grad[ja] as number) + r * va;
      const wa = w * va;
      for (let b = 0; b <= a; b++) {
        const idx = ja * p + (nz[b] as number);
        hess[idx] = (hess[idx] as number) + wa * (vals[b] as number);
      }
    }
  }
  const h = new Matrix(p, p);
  for (let a = 0; a < p; a++)
    for (let b = 0; b <= a; b++) {
      const v = (hess[a * p + b] as number) + (a === b && a > 0 ? l2 : 0);
      h.set(a, b, v);
      h.set(b, a, v);
    }
  for (let j = 1; j < p; j++) grad[j] = (grad[j] as number) + l2 * (beta[j] as number);
  return { grad, h };
}

/**
 * Fits P(y = 1 | x) = sigmoid(intercept + coefficients · x). Rows are feature vectors of equal
 * length; labels are 0 or 1. A step that would raise the loss is halved (rare for this convex loss,
 * but it keeps badly scaled inputs from diverging).
 */
export function fitLogistic(x: Float64Array[], y: ArrayLike<number>, options: LogisticOptions): LogisticFit {
  const { l2, maxIterations = 50, tolerance = 1e-7 } = options;
  if (!(l2 > 0)) throw new Error("the L2 penalty must be positive");
  const p = (x[0]?.length ?? 0) + 1;
  const beta = new Float64Array(p);
  // Start at the base rate, so the first step is already close for unbalanced labels.
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i] as number;
  const rate = Math.min(Math.max(positives / Math.max(y.length, 1), 1e-6), 1 - 1e-6);
  beta[0] = Math.log(rate / (1 - rate));
  let current = loss(x, y, beta, l2);
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const { grad, h } = derivatives(x, y, beta, l2);
    const step = new CholeskyDecomposition(h).solve(Matrix.columnVector(Array.from(grad))).to1DArray();
    let scale = 1;
    let trial = beta;
    let trialLoss = current;
    for (let halvings = 0; halvings < 30; halvings++) {
      trial = beta.map((b, j) => b - scale * (step[j] as number));
      trialLoss = loss(x, y, trial, l2);
      if (trialLoss <= current + 1e-12 * Math.abs(current)) break;
      scale /= 2;
    }
    const moved = Math.max(...trial.map((b, j) => Math.abs(b - (beta[j] as number))));
    beta.set(trial);
    current = trialLoss;
    if (moved < tolerance)
      return {
        intercept: beta[0] as number,
        coefficients: Array.from(beta.subarray(1)),
        iterations: iteration,
        converged: true,
      };
  }
  return {
    intercept: beta[0] as number,
    coefficients: Array.from(beta.subarray(1)),
    iterations: maxIterations,
    converged: false,
  };
}
