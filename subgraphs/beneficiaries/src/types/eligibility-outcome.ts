import { registerEnumType } from 'type-graphql';

/** Outcome of an eligibility check: one value per rule of domain.md §5. */
export enum EligibilityOutcomeEnum {
  ELIGIBLE = 'ELIGIBLE',
  NOT_FOUND = 'NOT_FOUND',
  NO_ACTIVE_RIGHTS = 'NO_ACTIVE_RIGHTS',
  SUSPENDED = 'SUSPENDED',
  DUPLICATE_REGISTRATION = 'DUPLICATE_REGISTRATION',
  PROVIDER_NOT_AUTHORIZED = 'PROVIDER_NOT_AUTHORIZED',
  OUT_OF_PATHWAY = 'OUT_OF_PATHWAY',
}

registerEnumType(EligibilityOutcomeEnum, { name: 'EligibilityOutcome' });
