/**
 * Centered-difference gradient checking in float64: nudge one value by ±h, see how the
 * scalar f changes, compare with the analytic gradient.
 */

/**
 * ∂f/∂x[i] for every i by the five-point centered difference
 *   (−f(x + 2h) + 8 f(x + h) − 8 f(x − h) + f(x − 2h)) / 12h,
 * whose error shrinks like h⁴ (the two-point (f(x + h) − f(x − h)) / 2h goes like h²), so a
 * larger h keeps rounding noise far below the 1e-6 we check for. x is restored afterwards.
 */
export function numericGradient(f: () => number, x: Float64Array, h = 1e-4): Float64Array {
  const grad = new Float64Array(x.length);
  const at = (i: number, value: number) => {
    x[i] = value;
    return f();
  };
  for (let i = 0; i < x.length; i++) {
    const old = x[i];
    grad[i] = (-at(i, old + 2 * h) + 8 * at(i, old + h) - 8 * at(i, old - h) + at(i, old - 2 * h)) / (12 * h);
    x[i] = old;
  }
  return grad;
}

/**
 * Largest element-wise relative error |a − n| / max(|a|, |n|). Entries where both are
 * below 1e-9 count as agreeing zeros (a ReLU that is off has exactly zero gradient; the
 * difference quotient then shows only rounding noise).
 */
export function maxRelativeError(analytic: ArrayLike<number>, numeric: ArrayLike<number>): number {
  if (analytic.length !== numeric.length) throw new Error(`length mismatch ${analytic.length} vs ${numeric.length}`);
  let worst = 0;
  for (let i = 0; i < analytic.length; i++) {
    const a = analytic[i];
    const n = numeric[i];
    const scale = Math.max(Math.abs(a), Math.abs(n));
    if (scale < 1e-9) continue;
    worst = Math.max(worst, Math.abs(a - n) / scale);
  }
  return worst;
}

/** Fills an array with values drawn by `draw`. */
export function filled(length: number, draw: () => number): Float64Array {
  return Float64Array.from({ length }, draw);
}
