import { deleteKeysInBatches, insertRowsInBatches, type BulkValue, type Dialect } from '@cmb/kit';
import type { EntityManager } from 'typeorm';
import { RegistryVersionEntity } from '../entities/registry-version.entity';
import type { CopyRow, RegistryChange } from '../rules/registry-diff';
import type { KeptChange } from './registry-copy-store';
import type { RegistryRecord } from '../rules/registry-row';

const PROVIDER_COLUMNS = [
  'inpe',
  'kind',
  'category',
  'specialty',
  'name',
  'sector',
  'region',
  'status',
  'active_from',
  'active_until',
  'updated_at',
] as const;
/** Their types, so PostgreSQL receives one array per column. */
const PROVIDER_TYPES = [
  'varchar',
  'varchar',
  'varchar',
  'varchar',
  'varchar',
  'varchar',
  'varchar',
  'varchar',
  'date',
  'date',
  'varchar',
] as const;
const CHANGE_COLUMNS = ['version_id', 'inpe', 'change_kind', 'changed_fields', 'before', 'after'] as const;
const CHANGE_TYPES = ['varchar', 'varchar', 'varchar', 'varchar', 'text', 'text'] as const;
/** A row's key and the columns an upsert replaces. */
const PROVIDER_UPSERT = { key: ['inpe'], update: PROVIDER_COLUMNS.filter((column) => column !== 'inpe') };

function providerRow(record: RegistryRecord, updatedAt: string): BulkValue[] {
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

/**
 * The writes of an import and of a rollback, inside their transaction, set
 * by set: multi-row statements within the engines' parameter limits, so a
 * version of 50,000 codes is a few dozen statements.
 */
export class RegistryWriter {
  constructor(
    private readonly manager: EntityManager,
    private readonly dialect: Dialect,
  ) {}

  /** Writes a new version: its row, the copy's changed codes (upserted), and the diff it keeps. */
  async applyVersion(
    version: RegistryVersionEntity,
    changes: readonly RegistryChange[],
    onWritten: (count: number) => void,
  ): Promise<void> {
    await this.manager.getRepository(RegistryVersionEntity).insert(version);
    await insertRowsInBatches(this.manager, this.dialect, {
      table: 'provider',
      columns: PROVIDER_COLUMNS,
      postgresTypes: PROVIDER_TYPES,
      rows: changes.map((change) => providerRow(change.after, version.loadedAt)),
      onConflict: PROVIDER_UPSERT,
    });
    onWritten(changes.length);
    await insertRowsInBatches(this.manager, this.dialect, {
      table: 'registry_change',
      columns: CHANGE_COLUMNS,
      postgresTypes: CHANGE_TYPES,
      rows: changes.map((change) => [
        version.id,
        change.inpe,
        change.kind,
        change.changedFields.join(','),
        change.before === null ? null : JSON.stringify(change.before),
        JSON.stringify({ ...change.after, updatedAt: version.loadedAt }),
      ]),
    });
  }

  /**
   * Restores the copy as it was before a version, from the diff it kept:
   * the codes it added are deleted, the others get their row back as it was
   * (their `updated_at` included); then the version is marked rolled back.
   */
  async restoreBefore(
    version: RegistryVersionEntity,
    changes: readonly KeptChange[],
    rolledBack: { at: string; by: string },
  ): Promise<void> {
    const added = changes.filter((change) => change.kind === 'ADDED').map((change) => change.inpe);
    await deleteKeysInBatches(this.manager, this.dialect, 'provider', 'inpe', added);
    const restored = changes.flatMap((change) => {
      if (change.before === null) return [];
      const before = JSON.parse(change.before) as CopyRow;
      return [providerRow(before, before.updatedAt)];
    });
    await insertRowsInBatches(this.manager, this.dialect, {
      table: 'provider',
      columns: PROVIDER_COLUMNS,
      rows: restored,
      onConflict: PROVIDER_UPSERT,
    });
    await this.manager
      .getRepository(RegistryVersionEntity)
      .update({ id: version.id }, { status: 'ROLLED_BACK', rolledBackAt: rolledBack.at, rolledBackBy: rolledBack.by });
  }
}
