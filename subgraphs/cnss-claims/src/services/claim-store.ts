import { In, type DataSource } from 'typeorm';
import { CareSheetEntity } from '../entities/care-sheet.entity';
import { ClaimFileEntity } from '../entities/claim-file.entity';
import { OPEN_STATUSES } from '../rules/facts';

/** A file with its care sheets. */
export interface StoredFile {
  file: ClaimFileEntity;
  sheets: CareSheetEntity[];
}

/** Where a page of the overdue list resumes: after this receipt day and file number. */
export interface OverdueCursor {
  receivedOn: string;
  fileNumber: string;
}

/** Reads the OG's files by indexed lookups only: by number, by person, open ones by receipt day. */
export class ClaimStore {
  constructor(private readonly dataSource: DataSource) {}

  private async withSheets(files: ClaimFileEntity[]): Promise<StoredFile[]> {
    if (files.length === 0) return [];
    const sheets = await this.dataSource
      .getRepository(CareSheetEntity)
      .find({ where: { fileNumber: In(files.map((f) => f.fileNumber)) }, order: { careDate: 'ASC', sheetNumber: 'ASC' } });
    return files.map((file) => ({ file, sheets: sheets.filter((s) => s.fileNumber === file.fileNumber) }));
  }

  /** Files by number (one statement per batch). */
  async byNumbers(numbers: readonly string[]): Promise<Map<string, StoredFile>> {
    const files = await this.dataSource.getRepository(ClaimFileEntity).find({ where: { fileNumber: In([...numbers]) } });
    return new Map((await this.withSheets(files)).map((stored) => [stored.file.fileNumber, stored]));
  }

  /** Every file of these persons, newest first (one statement per batch). */
  async byPersons(refs: readonly string[]): Promise<Map<string, StoredFile[]>> {
    const files = await this.dataSource
      .getRepository(ClaimFileEntity)
      .find({ where: { personRef: In([...refs]) }, order: { receivedOn: 'DESC', fileNumber: 'DESC' } });
    const grouped = new Map<string, StoredFile[]>(refs.map((ref) => [ref, []]));
    for (const stored of await this.withSheets(files)) grouped.get(stored.file.personRef)?.push(stored);
    return grouped;
  }

  /**
   * Open files received on or before a day (those overdue today), oldest
   * first, after a cursor: one range read of the open-files index per status.
   */
  async openReceivedBy(latestReceipt: string, after: OverdueCursor | null, limit: number): Promise<StoredFile[]> {
    const query = this.dataSource
      .getRepository(ClaimFileEntity)
      .createQueryBuilder('f')
      .where('f.status IN (:...open)', { open: OPEN_STATUSES })
      .andWhere('f.received_on <= :latest', { latest: latestReceipt });
    if (after) {
      query.andWhere('(f.received_on > :day OR (f.received_on = :day AND f.file_number > :number))', {
        day: after.receivedOn,
        number: after.fileNumber,
      });
    }
    const files = await query.orderBy('f.received_on', 'ASC').addOrderBy('f.file_number', 'ASC').limit(limit).getMany();
    return this.withSheets(files);
  }
}
