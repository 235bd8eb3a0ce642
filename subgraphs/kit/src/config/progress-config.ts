/**
 * How long work shows its progress: `bars` on a terminal (cli-progress),
 * `lines` one line per step and every few seconds (CI, logs), `off`
 * nothing, `events` JSON lines for a parent process that draws its
 * children's progress (`npm run seed` and `npm start` set it for the seeds).
 */
export const PROGRESS_MODES = ['bars', 'lines', 'off', 'events'] as const;

/** One of PROGRESS_MODES. */
export type ProgressMode = (typeof PROGRESS_MODES)[number];

/** The variable that forces a mode; unset, a terminal gets bars and anything else lines. */
export const PROGRESS_VARIABLE = 'CMB_PROGRESS';

/**
 * The mode the environment forces (`CMB_PROGRESS`), or null to decide by
 * the stream. A value outside PROGRESS_MODES is refused, naming the choices.
 */
export function readProgressMode(env: Record<string, string | undefined> = process.env): ProgressMode | null {
  const raw = env[PROGRESS_VARIABLE]?.trim().toLowerCase();
  if (!raw) return null;
  if ((PROGRESS_MODES as readonly string[]).includes(raw)) return raw as ProgressMode;
  throw new Error(`${PROGRESS_VARIABLE}: expected one of ${PROGRESS_MODES.join(', ')}`);
}
