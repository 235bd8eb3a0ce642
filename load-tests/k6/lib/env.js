// Typed, bounded reading of the k6 environment (`__ENV`, set with `-e NAME=value`
// or inherited from the shell). A value out of its bounds stops the run at
// init with a message naming the variable, so no loop can be left unbounded.

/** A string variable, or its default when unset or empty. */
export function envString(name, fallback) {
  const value = __ENV[name];
  return value === undefined || value === '' ? fallback : value;
}

/** An integer variable within [min, max]. */
export function envInt(name, fallback, { min, max }) {
  const raw = envString(name, String(fallback));
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

/** A positive number within (0, max]. */
export function envNumber(name, fallback, { max }) {
  const raw = envString(name, String(fallback));
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw new Error(`${name} must be a number above 0 and at most ${max} (got "${raw}")`);
  }
  return value;
}

const UNIT_SECONDS = { h: 3600, m: 60, s: 1 };

/** Seconds of a k6 duration such as `20s`, `1m`, `1h30m`; null when malformed. */
export function durationSeconds(text) {
  if (!/^(\d+[hms])+$/.test(text)) return null;
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)([hms])/g)) seconds += Number(amount) * UNIT_SECONDS[unit];
  return seconds;
}

/** A k6 duration variable (`30s`, `10m`, `1h`) of at least one second and at most `max`. */
export function envDuration(name, fallback, { max }) {
  const raw = envString(name, fallback);
  const seconds = durationSeconds(raw);
  const bound = durationSeconds(max);
  if (seconds === null || seconds < 1 || seconds > bound) {
    throw new Error(`${name} must be a duration such as 30s, 10m or 1h, from 1s to ${max} (got "${raw}")`);
  }
  return raw;
}
