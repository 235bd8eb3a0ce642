import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** A named synthetic test person (test/fixtures/personas.json). */
export interface Persona {
  id: string;
  name: string;
  nationalId: string;
  providerInpe: string;
  careType: string;
  date: string;
  expectedOutcome: string;
  scenario: string;
  clientId: string;
  /** The reason code that decides, when the test asserts it (`RIGHTS_NOT_YET_OPEN`). */
  reason?: string;
  coverage?: { organism?: string; regime?: string; role?: string; aldExemptions?: string[]; inGracePeriod?: boolean };
  /** Decision fields the test also asserts (`conventioned`, `paymentMode`). */
  decision?: Record<string, unknown>;
}

/** Path of the personas file, from the repository root. */
export const PERSONAS_PATH = resolve(__dirname, '../../../../test/fixtures/personas.json');

/** Reads the personas every dataset contains and every test and demo uses. */
export function loadPersonas(path: string = PERSONAS_PATH): Persona[] {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { personas: Persona[] };
  return parsed.personas;
}

/** Splits a persona's display name into first and family names. */
export function splitName(name: string): { firstName: string; lastName: string } {
  const [firstName = name, ...rest] = name.split(' ');
  return { firstName, lastName: rest.join(' ') };
}
