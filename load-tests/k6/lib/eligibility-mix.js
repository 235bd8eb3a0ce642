// What an admission desk asks: a share of known personas (whose answer is
// fixed, so a wrong decision is caught) and random persons of the seeded
// dataset at the persona providers or at generated ones, with care types
// that fit the provider. All identifiers are synthetic (`Z…`, `ZZP…`).

/** Care date of every check (the personas' date). */
export const CARE_DATE = '2026-03-02';

/** Share of checks that ask about a persona. */
const PERSONA_SHARE = 0.2;

const ALL_CARE_TYPES = ['CONSULTATION', 'SPECIALIST_CONSULTATION', 'HOSPITALISATION', 'PHARMACY', 'LAB', 'IMAGING', 'DENTAL', 'EMERGENCY'];

/**
 * Where generated persons are checked, with weights, and the client (the
 * provider's own software) that asks: a provider checks only for itself or a
 * professional attached to it, so each check carries its client.
 */
const PROVIDER_WEIGHTS = [
  { weight: 40, inpe: 'ZZP00001', clientId: 'cabinet-zzp00001', careTypes: [['CONSULTATION', 1]] },
  { weight: 25, inpe: 'ZZP00002', clientId: 'pharmacie-zzp00002', careTypes: [['PHARMACY', 1]] },
  {
    weight: 20,
    inpe: 'ZZP00004',
    clientId: 'hopital-zzp00004',
    careTypes: [
      ['HOSPITALISATION', 3],
      ['EMERGENCY', 3],
      ['LAB', 2],
      ['IMAGING', 1],
      ['SPECIALIST_CONSULTATION', 1],
    ],
  },
  { weight: 15, inpe: 'ZZP00010', clientId: 'clinique-zzp00010', careTypes: ALL_CARE_TYPES.map((type) => [type, 1]) },
];

/** Every client the mix may act as, for the token source. */
export function clientsOfMix(personas) {
  return [...new Set([...PROVIDER_WEIGHTS.map((p) => p.clientId), ...personas.map((p) => p.clientId)])];
}

/** The values of the EligibilityOutcome enum. */
export const OUTCOMES = [
  'ELIGIBLE',
  'NOT_FOUND',
  'NO_ACTIVE_RIGHTS',
  'SUSPENDED',
  'DUPLICATE_REGISTRATION',
  'PROVIDER_NOT_AUTHORIZED',
  'OUT_OF_PATHWAY',
];

function randomInt(bound) {
  return Math.floor(Math.random() * bound);
}

function weighted(entries, weightOf) {
  const total = entries.reduce((sum, entry) => sum + weightOf(entry), 0);
  let draw = Math.random() * total;
  for (const entry of entries) {
    draw -= weightOf(entry);
    if (draw < 0) return entry;
  }
  return entries[entries.length - 1];
}

/** The national id of the i-th generated person (as `syntheticNationalId` in subgraphs/kit). */
export function syntheticNationalId(index) {
  return `Z${String.fromCharCode(65 + Math.floor(index / 1_000_000))}${String(index % 1_000_000).padStart(6, '0')}`;
}

/**
 * The next check: `{ kind, input, persona, clientId }`, where `persona`
 * (with its `expectedOutcome`) is set only for persona checks.
 */
export function nextCheck(personas, persons) {
  if (Math.random() < PERSONA_SHARE) {
    const persona = personas[randomInt(personas.length)];
    return {
      kind: 'persona',
      persona,
      clientId: persona.clientId,
      input: { nationalId: persona.nationalId, providerInpe: persona.providerInpe, date: persona.date, careType: persona.careType },
    };
  }
  const provider = weighted(PROVIDER_WEIGHTS, (p) => p.weight);
  const [careType] = weighted(provider.careTypes, ([, weight]) => weight);
  return {
    kind: 'generated',
    persona: null,
    clientId: provider.clientId,
    input: { nationalId: syntheticNationalId(randomInt(persons)), providerInpe: provider.inpe, date: CARE_DATE, careType },
  };
}
