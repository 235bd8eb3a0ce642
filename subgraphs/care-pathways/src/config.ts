import { CareType, federationProofSecretFrom, PATHWAY_WRITE_MAX_ROWS, readSubgraphConfig, type SubgraphConfig } from '@cmb/kit';
import aldListData from './reference-data/ald-list.json';
import pathwayWritesData from './reference-data/pathway-writes.json';
import pcsData from './reference-data/pcs-activation.json';
import priorApprovalData from './reference-data/prior-approval.json';
import protocolsData from './reference-data/protocols.json';
import type { PcsActivation, PcsConfig, Penalty, PriorApprovalConfig } from './rules/facts';
import type { PathwayWriteRules } from './rules/write-validity';

/** One entry of the versioned ALD/ALC list. */
export interface AldCondition {
  code: string;
  label: string;
  /** ALD (long-term) or ALC (heavy and costly). */
  kind: string;
  /** Pathology of the therapeutic protocols that apply, when one exists. */
  pathology: string | null;
}

/** One therapeutic protocol (PT) of the versioned reference list. */
export interface TherapeuticProtocol {
  code: string;
  pathology: string;
  label: string;
  version: string;
  dci: string[];
}

/** The versions of every reference list the answers are computed from. */
export interface ReferenceVersions {
  aldList: string;
  protocols: string;
  pcsActivation: string;
  priorApproval: string;
}

/** Settings of the care-pathways subgraph: the common ones and the versioned reference data. */
export interface CarePathwaysConfig extends SubgraphConfig {
  /** Verifies beneficiaries' proofs (`FEDERATION_PROOF_SECRET`, national subgraphs only). */
  proofSecret: Buffer;
  /** Time zone in which "today" is taken for a person's current pathway. */
  timeZone: string;
  pcs: PcsConfig;
  priorApproval: PriorApprovalConfig;
  aldList: AldCondition[];
  protocols: TherapeuticProtocol[];
  versions: ReferenceVersions;
  /** One string naming every reference version, returned with each pathway status. */
  referenceVersion: string;
  /** What an OG may record and an establishment ask (date windows, validities, refusal reasons, batch bound). */
  writes: PathwayWriteRules;
}

const PENALTIES: readonly string[] = pcsData.penalty.allowed;
const CARE_TYPES: readonly string[] = Object.values(CareType);
const UNKNOWN_ORGANISM_POLICIES: readonly string[] = priorApprovalData.whenOrganismUnknown.allowed;

/** Throws a configuration error naming the reference file and the offending value (never personal data). */
function invalid(file: string, problem: string): never {
  throw new Error(`Invalid reference data in ${file}: ${problem}`);
}

function asPenalty(value: string | null, file: string): Penalty | null {
  if (value === null) return null;
  if (!PENALTIES.includes(value)) invalid(file, `penalty ${value} is not one of ${PENALTIES.join(', ')}`);
  return value as Penalty;
}

function checkCareTypes(careTypes: readonly string[], file: string): string[] {
  for (const careType of careTypes) if (!CARE_TYPES.includes(careType)) invalid(file, `unknown care type ${careType}`);
  return [...careTypes];
}

/** Reads and checks the reference lists once: a wrong value stops the process at start, not at the desk. */
export function loadReferenceData(): Pick<
  CarePathwaysConfig,
  'timeZone' | 'pcs' | 'priorApproval' | 'aldList' | 'protocols' | 'versions' | 'referenceVersion' | 'writes'
> {
  const aldList: AldCondition[] = aldListData.conditions.map((c) => ({
    code: c.code,
    label: c.label,
    kind: c.kind,
    pathology: c.pathology,
  }));
  const aldCodes = new Set(aldList.map((c) => c.code));
  if (aldCodes.size !== aldList.length) invalid('ald-list.json', 'duplicate ALD codes');

  const protocols: TherapeuticProtocol[] = protocolsData.protocols.map((p) => ({
    code: p.code,
    pathology: p.pathology,
    label: p.label,
    version: p.version,
    dci: [...p.dci],
  }));
  if (new Set(protocols.map((p) => p.code)).size !== protocols.length) invalid('protocols.json', 'duplicate protocol codes');
  const pathologies = new Set(protocols.map((p) => p.pathology));
  for (const c of aldList)
    if (c.pathology !== null && !pathologies.has(c.pathology)) invalid('ald-list.json', `pathology ${c.pathology} has no protocol`);

  const defaultPenalty = asPenalty(pcsData.penalty.default, 'pcs-activation.json') ?? invalid('pcs-activation.json', 'no default penalty');
  const activations: PcsActivation[] = pcsData.activations.map((a) => {
    for (const code of a.pathologies) if (!aldCodes.has(code)) invalid('pcs-activation.json', `pathology ${code} is not in the ALD list`);
    return {
      organism: a.organism,
      regimes: a.regimes,
      region: a.region,
      pathologies: [...a.pathologies],
      validFrom: a.validFrom,
      validUntil: a.validUntil,
      penalty: asPenalty(a.penalty, 'pcs-activation.json'),
    };
  });
  const careTypesSubject = checkCareTypes(pcsData.careTypesSubject.value, 'pcs-activation.json');

  const careTypesByOrganism: Record<string, string[]> = {};
  for (const entry of priorApprovalData.byOrganism)
    careTypesByOrganism[entry.organism] = checkCareTypes(entry.careTypes, 'prior-approval.json');
  const policy = priorApprovalData.whenOrganismUnknown.value;
  if (!UNKNOWN_ORGANISM_POLICIES.includes(policy)) invalid('prior-approval.json', `unknown policy ${policy}`);

  const versions: ReferenceVersions = {
    aldList: aldListData.version,
    protocols: protocolsData.version,
    pcsActivation: pcsData.version,
    priorApproval: priorApprovalData.version,
  };
  return {
    timeZone: pcsData.timeZone.value,
    pcs: { activations, careTypesSubject, defaultPenalty },
    priorApproval: { careTypesByOrganism, whenOrganismUnknown: policy as PriorApprovalConfig['whenOrganismUnknown'] },
    aldList,
    protocols,
    versions,
    referenceVersion: `ald:${versions.aldList};pt:${versions.protocols};pcs:${versions.pcsActivation};pa:${versions.priorApproval}`,
    writes: loadWriteRules(),
  };
}

/** A count of days or years that must be a whole number of at least `min`. */
function whole(value: number, min: number, file: string, what: string): number {
  if (!Number.isInteger(value) || value < min) invalid(file, `${what} must be a whole number of at least ${min}`);
  return value;
}

/** The rules of the pathway writes, checked once at start. */
function loadWriteRules(): PathwayWriteRules {
  const file = 'pathway-writes.json';
  const window = (w: { maxDaysBack: number; maxDaysAhead: number }, what: string) => ({
    maxDaysBack: whole(w.maxDaysBack, 0, file, `${what}.maxDaysBack`),
    maxDaysAhead: whole(w.maxDaysAhead, 0, file, `${what}.maxDaysAhead`),
  });
  const reasons = pathwayWritesData.priorApproval.refusalReasons.value;
  if (reasons.length === 0 || new Set(reasons).size !== reasons.length) invalid(file, 'refusal reasons must be distinct and not empty');
  return {
    version: pathwayWritesData.version,
    maxBatchRows: whole(PATHWAY_WRITE_MAX_ROWS, 1, 'kit pathway-writes.json', 'maxRows'),
    referringDoctor: window(pathwayWritesData.referringDoctor, 'referringDoctor'),
    longTermIllness: {
      ...window(pathwayWritesData.longTermIllness, 'longTermIllness'),
      maxYears: whole(aldListData.exemptionValidity.years, 1, 'ald-list.json', 'exemptionValidity.years'),
    },
    referral: {
      maxDaysBack: whole(pathwayWritesData.referral.maxDaysBack, 0, file, 'referral.maxDaysBack'),
      maxValidityDays: whole(pcsData.referral.validityDays, 1, 'pcs-activation.json', 'referral.validityDays'),
    },
    priorApproval: {
      request: window(pathwayWritesData.priorApproval.request, 'priorApproval.request'),
      maxGrantDays: whole(pathwayWritesData.priorApproval.grant.maxValidityDays, 1, file, 'priorApproval.grant.maxValidityDays'),
      refusalReasons: [...reasons],
    },
  };
}

/** Reads the care-pathways configuration once from the environment, with the reference data. */
export function loadConfig(env: Record<string, string | undefined> = process.env): CarePathwaysConfig {
  const base = readSubgraphConfig('care-pathways', env, { port: 4104 });
  return {
    ...base,
    proofSecret: federationProofSecretFrom(env.FEDERATION_PROOF_SECRET, base.production, base.name),
    ...loadReferenceData(),
  };
}
