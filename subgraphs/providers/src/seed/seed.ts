import { chainRows, syntheticUuid, type BulkValue, type SeedDefinition, type SeedOptions } from '@cmb/kit';
import synthetic from '../reference-data/synthetic-registry.json';
import { PERSONA_PROVIDERS } from './persona-records';
import { generateAttachments, generateProviders, syntheticProviderCount } from './synthetic-providers';

const REGISTRY_VERSION_COLUMNS = ['id', 'published_on', 'provider_count', 'loaded_at'] as const;
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
const CONVENTION_COLUMNS = ['id', 'provider_inpe', 'organism', 'valid_from', 'valid_until', 'care_type', 'payment_mode'] as const;
const ATTACHMENT_COLUMNS = ['id', 'professional_inpe', 'establishment_inpe', 'valid_from', 'valid_until'] as const;

/** Fixed timestamp of seeded rows, so two seeds of the same size are identical. */
const SEEDED_AT = '2026-01-01T00:00:00.000Z';

function registryVersionRows(options: SeedOptions): BulkValue[][] {
  const count = PERSONA_PROVIDERS.length + syntheticProviderCount(options.persons);
  return synthetic.registryVersions.map((version) => [version.id, version.publishedOn, count, SEEDED_AT]);
}

function personaProviderRows(): BulkValue[][] {
  return PERSONA_PROVIDERS.map((p) => [
    p.inpe,
    p.kind,
    p.category,
    p.specialty ?? null,
    p.name,
    p.sector,
    p.region,
    p.status,
    p.activeFrom,
    p.activeUntil ?? null,
    SEEDED_AT,
  ]);
}

function personaConventionRows(): BulkValue[][] {
  return PERSONA_PROVIDERS.flatMap((p) =>
    p.conventions.map((c) => [
      syntheticUuid('convention', p.inpe, c.organism, c.validFrom, ...(c.careType ? [c.careType] : [])),
      p.inpe,
      c.organism,
      c.validFrom,
      c.validUntil ?? null,
      c.careType ?? null,
      c.paymentMode,
    ]),
  );
}

function personaAttachmentRows(): BulkValue[][] {
  return PERSONA_PROVIDERS.flatMap((p) =>
    (p.attachedTo ?? []).map((a) => [
      syntheticUuid('attachment', p.inpe, a.establishmentInpe, a.validFrom),
      p.inpe,
      a.establishmentInpe,
      a.validFrom,
      a.validUntil ?? null,
    ]),
  );
}

function* generatedProviderRows(options: SeedOptions): Generator<BulkValue[]> {
  for (const p of generateProviders(options)) {
    yield [p.inpe, p.kind, p.category, p.specialty, p.name, p.sector, p.region, p.status, p.activeFrom, p.activeUntil, SEEDED_AT];
  }
}

function* generatedConventionRows(options: SeedOptions): Generator<BulkValue[]> {
  for (const p of generateProviders(options)) {
    for (const c of p.conventions) {
      yield [
        syntheticUuid('convention', p.inpe, c.organism, c.validFrom),
        p.inpe,
        c.organism,
        c.validFrom,
        c.validUntil,
        null,
        c.paymentMode,
      ];
    }
  }
}

function* generatedAttachmentRows(options: SeedOptions): Generator<BulkValue[]> {
  for (const a of generateAttachments(options)) {
    yield [
      syntheticUuid('attachment', a.professionalInpe, a.establishmentInpe, a.validFrom),
      a.professionalInpe,
      a.establishmentInpe,
      a.validFrom,
      a.validUntil,
    ];
  }
}

/**
 * The INPE registry's synthetic dataset: registry versions (loaded by `seed`,
 * no file, no diff kept), the personas' providers, then the generated registry.
 */
export const providersSeed: SeedDefinition = {
  // registry_change is emptied on --reset (the diffs of loaded files); the seed writes none.
  tables: ['registry_version', 'registry_change', 'provider', 'convention', 'attachment'],
  rows: (options) => [
    { table: 'registry_version', columns: REGISTRY_VERSION_COLUMNS, rows: registryVersionRows(options) },
    {
      table: 'provider',
      columns: PROVIDER_COLUMNS,
      rows: chainRows(personaProviderRows(), generatedProviderRows(options)),
      expectedRows: PERSONA_PROVIDERS.length + syntheticProviderCount(options.persons),
    },
    { table: 'convention', columns: CONVENTION_COLUMNS, rows: chainRows(personaConventionRows(), generatedConventionRows(options)) },
    { table: 'attachment', columns: ATTACHMENT_COLUMNS, rows: chainRows(personaAttachmentRows(), generatedAttachmentRows(options)) },
  ],
};
