// The five load shapes, chosen with SCENARIO. Every one is bounded in time
// (durations have a ceiling) and in virtual users (maxVUs has a ceiling), and
// the arrival-rate ones are open loops: latency is timed from the scheduled
// send, so a slow gateway shows as latency and dropped iterations, not as a
// politely slower client.
import { envDuration, envInt } from './env.js';

/** The highest arrival rate any scenario accepts (requests per second). */
const RATE_CEILING = 5_000;
/** The most virtual users any scenario may start. */
const VU_CEILING = 1_000;
/** Time given to in-flight iterations when a scenario ends. */
const GRACEFUL_STOP = '10s';
/** A first guess of the latency under load, to pre-allocate enough VUs (rate × latency). */
const PLANNED_LATENCY_SECONDS = 0.05;

const preAllocated = (rate, maxVUs) => Math.min(maxVUs, Math.max(5, Math.ceil(rate * PLANNED_LATENCY_SECONDS)));

const maxVUs = (fallback) => envInt('MAX_VUS', fallback, { min: 1, max: VU_CEILING });

const BUILDERS = {
  /** A few closed-loop users for about 20 s: does the hot path answer right at all? */
  smoke: () => ({
    executor: 'constant-vus',
    vus: envInt('VUS', 3, { min: 2, max: 5 }),
    duration: envDuration('DURATION', '20s', { max: '2m' }),
  }),

  /** The expected steady admission-desk load (RATE per second, default 200) for DURATION (default 1m). */
  load: () => {
    const rate = envInt('RATE', 200, { min: 1, max: RATE_CEILING });
    const vus = maxVUs(200);
    return {
      executor: 'constant-arrival-rate',
      rate,
      timeUnit: '1s',
      duration: envDuration('DURATION', '1m', { max: '30m' }),
      preAllocatedVUs: preAllocated(rate, vus),
      maxVUs: vus,
    };
  },

  /** Steps up to RATE (default 1,000/s, above what one 2-core machine serves) to find saturation, then back down: 4 minutes. */
  stress: () => {
    const peak = envInt('RATE', 1_000, { min: 4, max: RATE_CEILING });
    const vus = maxVUs(300);
    const step = (share) => Math.round(peak * share);
    return {
      executor: 'ramping-arrival-rate',
      startRate: step(0.1),
      timeUnit: '1s',
      preAllocatedVUs: preAllocated(peak, vus),
      maxVUs: vus,
      stages: [
        { duration: '30s', target: step(0.25) },
        { duration: '1m', target: step(0.5) },
        { duration: '1m', target: step(0.75) },
        { duration: '1m', target: peak },
        { duration: '30s', target: 0 },
      ],
    };
  },

  /** A quiet base, a 10 s jump to RATE (default 600/s) held 30 s, and the recovery: 1.5 minutes. */
  spike: () => {
    const peak = envInt('RATE', 600, { min: 2, max: RATE_CEILING });
    const base = Math.max(1, Math.round(peak / 12));
    const vus = maxVUs(300);
    return {
      executor: 'ramping-arrival-rate',
      startRate: base,
      timeUnit: '1s',
      preAllocatedVUs: preAllocated(peak, vus),
      maxVUs: vus,
      stages: [
        { duration: '20s', target: base },
        { duration: '10s', target: peak },
        { duration: '30s', target: peak },
        { duration: '10s', target: base },
        { duration: '20s', target: base },
      ],
    };
  },

  /** A moderate steady rate (RATE, default 100/s) for a long time (DURATION, default 10m, at most 2h): leaks, pool exhaustion, drift. */
  soak: () => {
    const rate = envInt('RATE', 100, { min: 1, max: RATE_CEILING });
    const vus = maxVUs(100);
    return {
      executor: 'constant-arrival-rate',
      rate,
      timeUnit: '1s',
      duration: envDuration('DURATION', '10m', { max: '2h' }),
      preAllocatedVUs: preAllocated(rate, vus),
      maxVUs: vus,
    };
  },
};

/** The scenario names SCENARIO accepts. */
export const SCENARIO_NAMES = Object.keys(BUILDERS);

/** The k6 scenario for a name, built from the environment; throws on an unknown name. */
export function buildScenario(name) {
  const build = BUILDERS[name];
  if (!build) throw new Error(`SCENARIO must be one of ${SCENARIO_NAMES.join(', ')} (got "${name}")`);
  return { ...build(), gracefulStop: GRACEFUL_STOP };
}
