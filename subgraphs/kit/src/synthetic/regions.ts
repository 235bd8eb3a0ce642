import regionsData from '../reference-data/regions.json';

/** One of Morocco's twelve regions, with its share of the synthetic population. */
export interface Region {
  code: string;
  name: string;
  share: number;
}

/** The regions reference list and its version. */
export const REGIONS: { version: string; regions: Region[] } = regionsData;
