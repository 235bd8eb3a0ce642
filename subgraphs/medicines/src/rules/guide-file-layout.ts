/**
 * The layout of a medicines guide (GMR) file as ANAM sends it for import:
 * UTF-8 CSV, comma-separated, a header naming these columns (any order, each
 * once), one pack per line. The effective date rides in a comment line
 * before the header (`# effective_date: 2026-06-01`). Documented in the
 * subgraph's README ("Loading a new version of the guide").
 */
export const GUIDE_COLUMNS = [
  'ean13',
  'dci',
  'brand',
  'form',
  'dosage',
  'presentation',
  'therapeutic_class',
  'generic',
  'generic_group',
  'ppv',
  'pbr',
  'reimbursable',
] as const;

/** One column of {@link GUIDE_COLUMNS}. */
export type GuideColumn = (typeof GUIDE_COLUMNS)[number];

/** The cells of one line, by column, trimmed. */
export type GuideCells = Readonly<Record<GuideColumn, string>>;

/** Key of the comment line that carries the version's effective date. */
export const EFFECTIVE_DATE_KEY = 'effective_date';

/** Comment lines start with this character (only before the header, by convention). */
export const COMMENT_MARK = '#';

/** The two values of a flag column (`generic`, `reimbursable`). */
export const FLAG_VALUES = { yes: 'Y', no: 'N' } as const;

/** Longest text of each text column: the widths of the `gmr_medicine` columns. */
export const TEXT_WIDTHS = {
  dci: 160,
  brand: 120,
  form: 80,
  dosage: 60,
  presentation: 120,
  therapeutic_class: 120,
} as const satisfies Partial<Record<GuideColumn, number>>;

/** Text columns a line may leave empty. */
export const OPTIONAL_TEXT: ReadonlySet<GuideColumn> = new Set<GuideColumn>(['dosage', 'therapeutic_class']);
