import { appError, parseInpe, type Caller } from '@cmb/kit';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { ConsentBlockEntity } from '../entities/consent-block.entity';
import { DocumentPointerEntity } from '../entities/document-pointer.entity';
import { mayManageConsent } from '../rules/consent-authority';
import { normaliseUuid } from '../rules/validate-pointer';
import { lockRecord } from './record-lock';
import type { ConsentSettingsType } from '../types/consent.types';

/**
 * The person's consent on their shared medical record (as in France's DMP):
 * blocked establishments and professionals, masked documents. Only the
 * person manages it (see `mayManageConsent`); the record listing enforces it.
 */
export class ConsentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consentCapabilitySecret: Buffer,
  ) {}

  /** The person reference, once the caller is shown to be that person; `CONSENT_CAPABILITY_INVALID` otherwise. */
  authorise(caller: Pick<Caller, 'orgKind' | 'userId'>, personRef: string, capability: string): string {
    const ref = normaliseUuid(personRef);
    if (!ref || !mayManageConsent(caller, ref, capability, this.consentCapabilitySecret)) throw appError('CONSENT_CAPABILITY_INVALID');
    return ref;
  }

  /** What the person has set: blocked providers (oldest first) and masked documents. */
  async settings(personRef: string): Promise<ConsentSettingsType> {
    const [blocks, masked] = await Promise.all([
      this.dataSource.getRepository(ConsentBlockEntity).find({ where: { personRef }, order: { since: 'ASC', blockedInpe: 'ASC' } }),
      this.dataSource
        .getRepository(DocumentPointerEntity)
        .find({ where: { personRef, masked: true }, select: { id: true }, order: { id: 'ASC' } }),
    ]);
    return {
      blockedProviders: blocks.map((block) => ({ inpe: block.blockedInpe, since: block.since })),
      maskedDocuments: masked.map((pointer) => pointer.id),
    };
  }

  /** Blocks an establishment or a professional; blocking again keeps the first date. */
  async block(personRef: string, rawInpe: string, now: Date = new Date()): Promise<void> {
    const inpe = parseInpe(rawInpe);
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(ConsentBlockEntity)
      .values({ personRef, blockedInpe: inpe, since: now.toISOString() })
      .orIgnore()
      .execute();
  }

  /** Lifts a block; lifting one that does not exist changes nothing. */
  async unblock(personRef: string, rawInpe: string): Promise<void> {
    const inpe = parseInpe(rawInpe);
    await this.dataSource.getRepository(ConsentBlockEntity).delete({ personRef, blockedInpe: inpe });
  }

  /**
   * Masks or unmasks a document of the person's record, every version of it
   * (those it replaced and those that replaced it), whichever version the
   * person names; another person's document is answered like an unknown one.
   * Under the person's record lock, which a new version's registration takes
   * too: the versions walked are all there are until it commits.
   */
  async setMasked(personRef: string, rawId: string, masked: boolean): Promise<void> {
    const id = normaliseUuid(rawId);
    if (!id) throw appError('INVALID_VALUE', { field: 'id', expected: 'a document id (UUID)' });
    await this.dataSource.transaction(async (manager) => {
      await lockRecord(manager, personRef);
      const repository = manager.getRepository(DocumentPointerEntity);
      if (!(await repository.exists({ where: { id, personRef } }))) throw appError('NOT_FOUND');
      await repository.update({ id: In(await documentVersions(manager, id, personRef)), personRef }, { masked });
    });
  }

  /** For each person, whether they blocked this organisation, in the order asked: one indexed query. */
  async blocked(org: string, personRefs: readonly string[]): Promise<boolean[]> {
    const rows = await this.dataSource
      .getRepository(ConsentBlockEntity)
      .find({ where: { blockedInpe: org, personRef: In([...new Set(personRefs)]) }, select: { personRef: true } });
    const blocked = new Set(rows.map((row) => row.personRef));
    return personRefs.map((ref) => blocked.has(ref));
  }
}

/** The ids of every version of a person's document: from `id`, back along `supersedes` and forward to the versions that replaced it. */
async function documentVersions(manager: EntityManager, id: string, personRef: string): Promise<string[]> {
  const repository = manager.getRepository(DocumentPointerEntity);
  const seen = new Set<string>([id]);
  const walk = async (next: (current: string) => Promise<string | null>) => {
    for (let current = await next(id); current && !seen.has(current); current = await next(current)) seen.add(current);
  };
  await walk(
    async (current) =>
      (await repository.findOne({ where: { id: current, personRef }, select: { id: true, supersedes: true } }))?.supersedes ?? null,
  );
  await walk(
    async (current) => (await repository.findOne({ where: { supersedes: current, personRef }, select: { id: true } }))?.id ?? null,
  );
  return [...seen];
}
