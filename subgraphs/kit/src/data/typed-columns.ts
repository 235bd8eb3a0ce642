/** A table's columns in order, with the SQL type of each: what a bulk insert names and what PostgreSQL casts its arrays to. */
export interface TypedColumns<Column extends string> {
  columns: readonly Column[];
  postgresTypes: readonly string[];
}

/**
 * The columns of a table and their SQL types, written once as pairs
 * (`{ inpe: 'varchar', active_from: 'date' }`, in the table's order), so a
 * column and its type can never drift apart. Spread into
 * `insertRowsInBatches`: `{ table, ...PROVIDER_TABLE, rows }`.
 */
export function typedColumns<const Types extends Record<string, string>>(types: Types): TypedColumns<Extract<keyof Types, string>> {
  const entries = Object.entries(types);
  return {
    columns: entries.map(([column]) => column as Extract<keyof Types, string>),
    postgresTypes: entries.map(([, type]) => type),
  };
}
