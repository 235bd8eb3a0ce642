import pathwayWritesData from '../reference-data/pathway-writes.json';

/**
 * Most rows of one care-pathway write batch, and so most person refs the
 * gateway looks up for one pathway write (versioned reference data).
 */
export const PATHWAY_WRITE_MAX_ROWS: number = pathwayWritesData.maxRows.value;

/** The version of the pathway write bounds. */
export const PATHWAY_WRITE_BOUNDS_VERSION: string = pathwayWritesData.version;
