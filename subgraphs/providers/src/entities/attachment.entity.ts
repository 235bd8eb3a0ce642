import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A professional's attachment to an establishment over a period, so that an
 * establishment may check rights for care given by the professionals
 * attached to it (architecture.md, access rules).
 */
@Entity({ name: 'attachment' })
@Index('attachment_professional_idx', ['professionalInpe'])
@Index('attachment_establishment_idx', ['establishmentInpe'])
@Index('attachment_natural_uq', ['professionalInpe', 'establishmentInpe', 'validFrom'], { unique: true })
export class AttachmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'professional_inpe', type: 'varchar', length: 16 })
  professionalInpe!: string;

  @Column({ name: 'establishment_inpe', type: 'varchar', length: 16 })
  establishmentInpe!: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil!: string | null;
}
