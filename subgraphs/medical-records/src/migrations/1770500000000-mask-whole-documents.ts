import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person's mask is the document's, every version of it: masks set before
 * that rule held one row only (a version registered after it, or an
 * earlier one, still listed to readers). Every version of a chain holding a
 * masked version is masked here, once. One recursive statement, the same on
 * PostgreSQL and SQLite but for how each writes true.
 */
export class MaskWholeDocuments1770500000000 implements MigrationInterface {
  name = 'MaskWholeDocuments1770500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const yes = queryRunner.connection.options.type === 'postgres' ? 'true' : '1';
    await queryRunner.query(
      `WITH RECURSIVE chain (id, root) AS (
         SELECT id, id FROM document_pointer WHERE supersedes IS NULL
         UNION ALL
         SELECT version.id, chain.root FROM document_pointer version JOIN chain ON version.supersedes = chain.id
       )
       UPDATE document_pointer SET masked = ${yes}
       WHERE masked <> ${yes} AND id IN (
         SELECT member.id FROM chain member WHERE member.root IN (
           SELECT chain.root FROM chain JOIN document_pointer pointer ON pointer.id = chain.id WHERE pointer.masked = ${yes}
         )
       )`,
    );
  }

  /** Nothing to undo: which rows the person masked one by one is not kept apart. */
  async down(): Promise<void> {}
}
