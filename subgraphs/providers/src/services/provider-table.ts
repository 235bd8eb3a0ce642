import type { BulkValue, TypedColumns } from '@cmb/kit';
import { REGISTRY_COLUMNS } from '../rules/registry-file-layout';
import type { RegistryRecord } from '../rules/registry-row';

/** The columns of the `provider` table: the registry file's, same names and order, then when the copy last wrote the row. */
export const PROVIDER_COLUMNS = [...REGISTRY_COLUMNS, 'updated_at'] as const;

/** One column of {@link PROVIDER_COLUMNS}. */
export type ProviderColumn = (typeof PROVIDER_COLUMNS)[number];

/** The columns that hold dates; every other holds text. */
const DATE_COLUMNS: ReadonlySet<ProviderColumn> = new Set<ProviderColumn>(['active_from', 'active_until']);

/** The `provider` table as bulk writes fill it: its columns with their SQL types, so PostgreSQL receives one array per column. */
export const PROVIDER_TABLE: TypedColumns<ProviderColumn> = {
  columns: PROVIDER_COLUMNS,
  postgresTypes: PROVIDER_COLUMNS.map((column) => (DATE_COLUMNS.has(column) ? 'date' : 'varchar')),
};

/** A code as the copy holds it: a record of the registry, or a seeded provider (whatever else it carries is not written). */
export type ProviderFields = Readonly<Record<keyof RegistryRecord, string | null>>;

/** A code of the registry as a row of {@link PROVIDER_COLUMNS}, written at `updatedAt`. */
export function providerRow(record: ProviderFields, updatedAt: string): BulkValue[] {
  return [
    record.inpe,
    record.kind,
    record.category,
    record.specialty,
    record.name,
    record.sector,
    record.region,
    record.status,
    record.activeFrom,
    record.activeUntil,
    updatedAt,
  ];
}
