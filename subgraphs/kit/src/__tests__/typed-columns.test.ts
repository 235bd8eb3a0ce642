import { describe, expect, it } from 'vitest';
import { typedColumns } from '../data/typed-columns';

describe('typedColumns', () => {
  it('lists the columns and their types in the order written, pair by pair', () => {
    expect(typedColumns({ inpe: 'varchar', active_from: 'date', price: 'integer' })).toEqual({
      columns: ['inpe', 'active_from', 'price'],
      postgresTypes: ['varchar', 'date', 'integer'],
    });
  });
});
