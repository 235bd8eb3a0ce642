import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A care sheet (feuille de soins) of a file: one act of care, by whom, when, for how much. */
@Entity({ name: 'care_sheet' })
@Index('care_sheet_file_idx', ['fileNumber'])
export class CareSheetEntity {
  @PrimaryColumn({ name: 'sheet_number', type: 'varchar', length: 40 })
  sheetNumber!: string;

  @Column({ name: 'file_number', type: 'varchar', length: 32 })
  fileNumber!: string;

  @Column({ name: 'care_type', type: 'varchar', length: 32 })
  careType!: string;

  @Column({ name: 'provider_inpe', type: 'varchar', length: 16 })
  providerInpe!: string;

  @Column({ name: 'care_date', type: 'date' })
  careDate!: string;

  @Column({ name: 'amount_claimed_centimes', type: 'integer' })
  amountClaimedCentimes!: number;
}
