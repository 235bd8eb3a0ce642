import { registerEnumType } from 'type-graphql';

/** How the person's OG pays the provider for the care (R7, seeds/001_225b0d72771d4c3f.txt:L686). */
export enum PaymentModeEnum {
  /** The OG pays the provider directly (tiers payant). */
  TIERS_PAYANT = 'TIERS_PAYANT',
  /** The person pays the provider, then claims a reimbursement from the OG (déboursement direct). */
  DIRECT = 'DIRECT',
}

registerEnumType(PaymentModeEnum, {
  name: 'PaymentMode',
  description: 'TIERS_PAYANT: the OG pays the provider; DIRECT: the person pays, then claims',
});
