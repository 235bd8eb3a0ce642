// Medians and spreads across passes.

/** The median of the finite numbers given; null when none. */
export function median(values) {
  const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** `{ median, min, max }` of the finite numbers given (nulls when none). */
export function spread(values) {
  const finite = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
  if (finite.length === 0) return { median: null, min: null, max: null };
  return { median: median(finite), min: Math.min(...finite), max: Math.max(...finite) };
}

/** Per-pass ratios a[i] / b[i] (same pass, so the same moment of the noisy machine), summarised. */
export function ratioSpread(a, b) {
  const ratios = a.map((value, index) =>
    typeof value === 'number' && typeof b[index] === 'number' && b[index] > 0 ? value / b[index] : null,
  );
  return spread(ratios);
}

/** Which order pass `pass` visits the items in: forward, then backward, and so on (A B C, C B A, A B C...). */
export function passOrder(items, pass) {
  return pass % 2 === 0 ? items : [...items].reverse();
}
