import { registerEnumType } from 'type-graphql';

/** Kind of care an eligibility check is made for; shared by every subgraph that reads it. */
export enum CareType {
  CONSULTATION = 'CONSULTATION',
  SPECIALIST_CONSULTATION = 'SPECIALIST_CONSULTATION',
  HOSPITALISATION = 'HOSPITALISATION',
  PHARMACY = 'PHARMACY',
  LAB = 'LAB',
  IMAGING = 'IMAGING',
  DENTAL = 'DENTAL',
  EMERGENCY = 'EMERGENCY',
}

registerEnumType(CareType, { name: 'CareType', description: 'Kind of care asked for' });
